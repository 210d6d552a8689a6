"""The Kenal score: how well you know a person, 0–100, and what you don't know yet."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RECENT_CONTACT_DAYS = 90
RECENT_CONTACT_POINTS = 15


@dataclass(frozen=True)
class Part:
    key: str
    points: int
    prompt: str


# The parts of knowing someone, in the order a user would fill them in.
PARTS = (
    Part("family", 15, _("You don't know %(name)s's family yet: spouse, children, their school.")),
    Part("interests", 15, _("What does %(name)s love doing? Add an interest or hobby.")),
    Part("favourites", 10, _("Note a favourite of %(name)s: food, music, a character, a brand.")),
    Part("how_we_met", 10, _("Record how you met %(name)s.")),
    Part("work", 10, _("Where does %(name)s work, and in what role?")),
    Part("communication", 10, _("How does %(name)s like to be reached, and how should you handle them?")),
    Part("dates", 15, _("You don't know %(name)s's birthday or an important date yet.")),
)


def known_parts(
    person, *, family: bool, interests: bool, favourites: bool, work: bool, dates: bool
) -> set[str]:
    """Which parts are filled in, from counts the caller already has."""
    known = set()
    if family:
        known.add("family")
    if interests:
        known.add("interests")
    if favourites:
        known.add("favourites")
    if person.met_on or person.met_where or person.introduced_by_id:
        known.add("how_we_met")
    if work:
        known.add("work")
    if person.preferred_channel or person.best_time or person.temperaments or person.temperament_note:
        known.add("communication")
    if dates or (person.birth_month and person.birth_day):
        known.add("dates")
    return known


def base_score(known: set[str]) -> int:
    return sum(part.points for part in PARTS if part.key in known)


def recent_contact(person, now=None) -> bool:
    now = now or timezone.now()
    return bool(
        person.last_contact_at and now - person.last_contact_at <= timedelta(days=RECENT_CONTACT_DAYS)
    )


def score(person, now=None) -> int:
    return person.score_base + (RECENT_CONTACT_POINTS if recent_contact(person, now) else 0)


def prompts(person, known: set[str], now=None) -> list[str]:
    """What you don't know yet, phrased as a nudge."""
    name = person.address or person.full_name
    missing = [str(part.prompt) % {"name": name} for part in PARTS if part.key not in known]
    if not recent_contact(person, now):
        missing.append(str(_("You haven't been in touch with %(name)s for a while.")) % {"name": name})
    return missing


def score_annotation(now=None):
    """The full score as SQL, so lists can sort on it without loading people."""
    since = (now or timezone.now()) - timedelta(days=RECENT_CONTACT_DAYS)
    return F("score_base") + Case(
        When(last_contact_at__gte=since, then=Value(RECENT_CONTACT_POINTS)),
        default=Value(0),
        output_field=IntegerField(),
    )
