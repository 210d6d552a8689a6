"""What the agenda is made of: one item type that every app's provider returns."""

from dataclasses import dataclass
from datetime import date

KINDS = (
    "birthday",
    "important_date",
    "keep_in_touch",
    "promise",
    "waiting_reply",
    "follow_up",
    "anniversary",
    "engagement",
)


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # birthday, important_date, keep_in_touch, promise, waiting_reply, follow_up, anniversary, engagement
    date: date  # the day the thing happens: the birthday itself, the due day
    title: str
    key: str  # stable per item and occurrence, e.g. "promise:42" or "birthday:7:2026"; done/snooze hang on it
    person_id: int | None = None
    person: str = ""  # display name
    overdue: bool = False
    url: str = ""
    detail: str = ""
    years: int | None = None  # the age on a birthday, or how many years an anniversary marks

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "person": self.person,
            "person_id": self.person_id,
            "title": self.title,
            "overdue": self.overdue,
            "key": self.key,
            "detail": self.detail,
            "url": self.url,
            "years": self.years,
        }
