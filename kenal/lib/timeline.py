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
    # Who wrote or did it (a user), when known; the API shows it as {id, email, name}.
    author: object = None
    # A private note: only its author ever gets this entry, and the page marks it with a lock.
    private: bool = False
    # Where the entry's title leads (a conversation's page), or nothing.
    url: str = ""
