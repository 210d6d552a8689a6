"""The one entry type of a person's timeline, which people and the apps above it all produce."""

from dataclasses import dataclass
from datetime import datetime


@dataclass
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    body: str = ""
    context: str = ""
    detail: str = ""
