"""Reads about people, organizations and circles, always inside one workspace."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.lib.phones import normalize_phone
from kenal.people import scoring
from kenal.people.models import (
    Circle,
    ContactPoint,
    Employment,
    Fact,
    Note,
    Organization,
    Person,
)

SORTS = {
    "name": ("full_name", "pk"),
    "score": ("-score", "full_name"),
    "-score": ("score", "full_name"),
    "recent": ("-last_contact_at", "full_name"),
    "new": ("-created_at", "pk"),
}


def current_employments():
    return Employment.objects.filter(ended_on__isnull=True).select_related("organization")


def person_list(
    *,
    workspace,
    query: str = "",
    stage: str = "",
    circle: int | None = None,
    tag: str = "",
    organization: int | None = None,
    sort: str = "name",
) -> QuerySet:
    """People of the workspace, searched and filtered, with what a list row shows."""
    people = scoped(Person, workspace).annotate(score=scoring.score_annotation())
    if query:
        people = people.filter(_search_filter(workspace, query))
    if stage:
        people = people.filter(stage=stage)
    if circle:
        people = people.filter(circles__id=circle)
    if tag:
        people = people.filter(tags__name=tag)
    if organization:
        people = people.filter(
            Exists(Employment.objects.filter(person=OuterRef("pk"), organization_id=organization))
        )
    people = people.prefetch_related(
        Prefetch("employments", queryset=current_employments(), to_attr="current_jobs"),
        Prefetch("contact_points", queryset=ContactPoint.objects.filter(kind__in=["phone", "email"])),
    )
    return people.order_by(*SORTS.get(sort, SORTS["name"]))


def _search_filter(workspace, query: str) -> Q:
    # Exists rather than joins, so one person matching twice is still one row.
    term = query.strip()
    values = [term.lower()]
    phone = normalize_phone(term)
    if phone:
        values.append(phone)
    contact = ContactPoint.objects.filter(person=OuterRef("pk"))
    contact_match = Q()
    for value in values:
        contact_match |= Q(value__icontains=value)
    notes = Note.objects.filter(
        person=OuterRef("pk"), visibility=Note.Visibility.SHARED, body__icontains=term
    )
    jobs = Employment.objects.filter(person=OuterRef("pk"), organization__name__icontains=term)
    return (
        Q(full_name__icontains=term)
        | Q(nickname__icontains=term)
        | Exists(contact.filter(contact_match))
        | Exists(jobs)
        | Exists(notes)
    )


def person_by_name(*, workspace, name: str, exclude=None) -> Person:
    """The one person of the workspace with this full name; a clear error when none or several match."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    matches = list(scoped(Person, workspace).filter(full_name__iexact=name.strip()).exclude(pk=exclude)[:2])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValidationError(_("Nobody called %(name)s yet. Add them first.") % {"name": name})
    raise ValidationError(_("Several people are called %(name)s. Use their full name.") % {"name": name})


def person_get(*, workspace, person_id) -> Person:
    return get_scoped_or_404(Person.objects.select_related("introduced_by", "photo"), workspace, pk=person_id)


def person_for_api(*, workspace, person_id) -> Person:
    return get_scoped_or_404(person_list(workspace=workspace), workspace, pk=person_id)


def person_profile(*, person: Person, user) -> dict:
    """Everything the person page shows before the timeline, in a fixed number of queries."""
    family = list(person.family.all())
    facts = list(person.facts.all())
    employments = list(person.employments.select_related("organization"))
    dates = list(person.life_events.filter(recurring=True))
    known = scoring.known_parts(
        person,
        family=bool(family),
        interests=any(f.category in (Fact.Category.INTEREST, Fact.Category.HOBBY) for f in facts),
        favourites=any(f.category in Fact.FAVOURITES for f in facts),
        work=any(e.is_current for e in employments),
        dates=bool(dates),
    )
    return {
        "family": family,
        "children": [member for member in family if member.relation == "child"],
        "loves": [f for f in facts if f.category != Fact.Category.AVOID],
        "avoid": [f for f in facts if f.category == Fact.Category.AVOID],
        "employments": employments,
        "current_jobs": [e for e in employments if e.is_current],
        "contact_points": list(person.contact_points.all()),
        "circles": list(person.circles.all()),
        "tags": list(person.tags.all()),
        "links": list(person.links_out.select_related("to_person"))
        + list(person.links_in.select_related("from_person")),
        "score": scoring.score(person),
        "prompts": scoring.prompts(person, known),
    }


@dataclass
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    body: str = ""
    context: str = ""
    detail: str = ""


def visible_notes(*, person: Person, user) -> QuerySet:
    """Shared notes, and the user's own private ones."""
    return person.notes.filter(Q(visibility=Note.Visibility.SHARED) | Q(author=user)).select_related("author")


def timeline(*, person: Person, user, limit: int = 50) -> list[TimelineEntry]:
    """Activities, life events, stage changes and notes, newest first."""
    from django.utils import timezone as tz

    entries = []
    for activity in person.activities.order_by("-happened_at")[:limit]:
        entries.append(
            TimelineEntry(
                activity.happened_at,
                f"activity:{activity.kind}",
                activity.title,
                activity.body,
                activity.context,
                activity.place,
            )
        )
    for event in person.life_events.order_by("-happened_on")[:limit]:
        at = datetime.combine(event.happened_on, datetime.min.time(), tzinfo=tz.get_current_timezone())
        entries.append(TimelineEntry(at, f"life_event:{event.kind}", event.title, event.note))
    for change in person.stage_changes.order_by("-changed_at")[:limit]:
        entries.append(TimelineEntry(change.changed_at, "stage", change.get_stage_display(), change.note))
    for note in visible_notes(person=person, user=user).order_by("-created_at")[:limit]:
        entries.append(
            TimelineEntry(
                note.created_at, f"note:{note.visibility}", "", note.body, note.context, str(note.author)
            )
        )
    for extra in timeline_extensions():
        entries.extend(extra(person=person, user=user, limit=limit))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def timeline_extensions():
    """Other apps (conversations, promises) add their entries to the person's timeline here."""
    return _hooks(TIMELINE_HOOKS)


def organization_list(*, workspace, query: str = "") -> QuerySet:
    from django.db.models import Count

    organizations = scoped(Organization, workspace).annotate(
        people_count=Count("employments", filter=Q(employments__ended_on__isnull=True))
    )
    if query:
        organizations = organizations.filter(Q(name__icontains=query) | Q(industry__icontains=query))
    return organizations.order_by("name")


def organization_people(*, organization: Organization):
    return organization.employments.select_related("person").order_by("ended_on", "person__full_name")


def circle_list(*, workspace) -> QuerySet:
    from django.db.models import Count

    return scoped(Circle, workspace).annotate(people_count=Count("people")).order_by("name")


def _hooks(paths):
    from django.utils.module_loading import import_string

    hooks = []
    for path in paths:
        try:
            hooks.append(import_string(path))
        except ImportError:
            continue
    return hooks


# Other apps add what they know to the person and organization pages through these hooks, so people stays
# free of imports from the apps built on it. A block hook is `f(*, request, person) -> str` (rendered HTML, or "").
PERSON_PAGE_BLOCKS = (
    "kenal.commitments.views.person_page_block",
    "kenal.conversations.views.person_page_block",
    "kenal.engagements.views.person_page_block",
    "kenal.network.views.person_page_block",
    "kenal.portability.views.person_page_block",
)
ORGANIZATION_PAGE_BLOCKS = (
    "kenal.commitments.views.organization_page_block",
    "kenal.conversations.views.organization_page_block",
    "kenal.engagements.views.organization_page_block",
)
# A timeline hook is `f(*, person, user, limit) -> list[TimelineEntry]`.
TIMELINE_HOOKS = (
    "kenal.conversations.selectors.person_timeline_entries",
    "kenal.commitments.selectors.person_timeline_entries",
)


def person_page_extensions():
    return _hooks(PERSON_PAGE_BLOCKS)


def organization_page_extensions():
    return _hooks(ORGANIZATION_PAGE_BLOCKS)
