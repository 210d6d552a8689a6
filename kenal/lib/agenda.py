"""What the agenda is made of: the kinds of item, and the one item type every app's provider returns.

kenal.lib holds no models and touches no database. It may use Django's `TextChoices` and lazy translation,
as here, so that every app that adds to the agenda can name its kind without importing the agenda app.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class AgendaKind(TextChoices):
    """In the order the agenda lists items of the same day."""

    HANDOVER = "handover", _("handed over to you")
    PROMISE = "promise", _("promise")
    WAITING_REPLY = "waiting_reply", _("waiting for your reply")
    FOLLOW_UP = "follow_up", _("follow-up")
    BIRTHDAY = "birthday", _("birthday")
    IMPORTANT_DATE = "important_date", _("important date")
    ANNIVERSARY = "anniversary", _("how we met")
    ENGAGEMENT = "engagement", _("engagement")
    KEEP_IN_TOUCH = "keep_in_touch", _("keep in touch")


KIND_ORDER = {kind: position for position, kind in enumerate(AgendaKind.values)}


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # an AgendaKind
    date: date  # the day the thing happens: the birthday itself, the due day
    title: str
    key: str  # stable per item and occurrence, e.g. "promise:42" or "birthday:7:2026"; done/snooze hang on it
    person_id: int | None = None
    person: str = ""  # display name
    overdue: bool = False
    url: str = ""
    detail: str = ""
    years: int | None = None  # the age on a birthday, or how many years an anniversary marks
    at: datetime | None = (
        None  # the clock time, in the workspace's zone, of an item that has one ("jam 1 siang")
    )

    @property
    def clock(self) -> str:
        """'13:00' for an item with a clock time, '' for an all-day one."""
        return self.at.strftime("%H:%M") if self.at else ""

    def as_json(self) -> dict:
        return {
            "kind": str(self.kind),
            "date": self.date.isoformat(),
            "person": self.person,
            "person_id": self.person_id,
            "title": self.title,
            "overdue": self.overdue,
            "key": self.key,
            "detail": self.detail,
            "url": self.url,
            "years": self.years,
            "at": self.at.isoformat() if self.at else None,
        }
