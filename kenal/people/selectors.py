"""Reads about people, organizations and circles, always inside one workspace."""

from datetime import datetime, timedelta

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kenal.accounts.batch import fetch_at_once
from kenal.accounts.models import AuditEntry, Membership, User
from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.lib import registry
from kenal.lib.timeline import TimelineEntry
from kenal.people import scoring
from kenal.people.models import (
    DELETE_UNDO_DAYS,
    Circle,
    ContactPoint,
    DeletedPerson,
    Employment,
    Fact,
    Handover,
    Note,
    Organization,
    Person,
    PersonLink,
)
from kenal.people.search import person_search_filter

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
    owner: str = "",
    user=None,
) -> QuerySet:
    """People of the workspace, searched and filtered, with what a list row shows.
    `owner` is "me" (the user's people), "none" (unassigned) or a member's user id."""
    people = scoped(Person, workspace).annotate(score=scoring.score_annotation()).select_related("owner")
    if query:
        people = people.filter(person_search_filter(workspace=workspace, query=query))
    if stage:
        people = people.filter(stage=stage)
    if owner == "me" and user is not None:
        people = people.filter(owner_id=user.pk)
    elif owner == "none":
        people = people.filter(owner__isnull=True)
    elif owner.isdigit():
        people = people.filter(owner_id=int(owner))
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


def person_by_name(*, workspace, name: str, exclude=None) -> Person:
    """The one person of the workspace with this full name; a clear error when none or several match."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    matches = list(scoped(Person, workspace).filter(full_name__iexact=name.strip()).exclude(pk=exclude)[:2])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValidationError(
            _("Nobody called %(name)s yet. Add them first.") % {"name": name}, code="missing"
        )
    raise ValidationError(
        _("Several people are called %(name)s. Use their full name.") % {"name": name}, code="ambiguous"
    )


def person_get(*, workspace, person_id) -> Person:
    return get_scoped_or_404(
        Person.objects.select_related("introduced_by", "photo", "workspace", "owner"), workspace, pk=person_id
    )


def person_for_api(*, workspace, person_id) -> Person:
    return get_scoped_or_404(person_list(workspace=workspace), workspace, pk=person_id)


def person_profile(*, person: Person, user) -> dict:
    """Everything the person page shows before the timeline, in one query."""
    rows = fetch_at_once(
        {
            "family": person.family.all(),
            "facts": person.facts.all(),
            "dates": person.life_events.filter(recurring=True),
            "sensitive": person.life_events.filter(sensitive=True)[:1],
            # For the owner line, the handover form, and what opening the page writes, in the same query.
            "members": Membership.objects.filter(workspace_id=person.workspace_id).order_by("pk"),
            "unseen_handovers": person.handovers.filter(to_user_id=user.pk, seen_at__isnull=True)[:1],
            "sensitive_viewed": AuditEntry.objects.filter(
                workspace_id=person.workspace_id,
                user_id=user.pk,
                action="person.view_sensitive",
                object_type="person",
                object_id=str(person.pk),
                at__gte=timezone.now() - SENSITIVE_VIEW_EVERY,
            ).order_by("-at")[:1],
            "contact_points": person.contact_points.all(),
            "circles": person.circles.all(),
            "tags": person.tags.all(),
            "employments": person.employments.all(),
            "links": PersonLink.objects.filter(Q(from_person=person) | Q(to_person=person)).order_by("pk"),
        },
        extra={
            "employments": {"organization_name": F("organization__name")},
            "links": {"from_name": F("from_person__full_name"), "to_name": F("to_person__full_name")},
            "members": _USER_PARTS("user"),
        },
    )
    family, facts, dates = rows["family"], rows["facts"], rows["dates"]
    employments = rows["employments"]
    for job in employments:
        job.organization = Organization(
            pk=job.organization_id, workspace_id=person.workspace_id, name=job.organization_name
        )
    for link in rows["links"]:
        link.from_person = Person(pk=link.from_person_id, full_name=link.from_name)
        link.to_person = Person(pk=link.to_person_id, full_name=link.to_name)
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
        "contact_points": rows["contact_points"],
        "circles": rows["circles"],
        "tags": rows["tags"],
        "links": rows["links"],
        "score": scoring.score(person),
        "prompts": scoring.prompts(person, known),
        # The page shows family or a sensitive life event: opening it is written in the audit log (once an hour).
        "sensitive": bool(family) or bool(rows["sensitive"]),
        "sensitive_viewed_lately": bool(rows["sensitive_viewed"]),
        "unseen_handover": bool(rows["unseen_handovers"]),
        "members": sorted(
            (_user_from(member, "user") for member in rows["members"]), key=lambda u: str(u).casefold()
        ),
    }


SENSITIVE_VIEW_EVERY = timedelta(hours=1)


def _USER_PARTS(relation: str) -> dict:  # noqa: N802
    """What fetch_at_once brings of a related user, as extra values: enough to name them."""
    return {
        f"{relation}_email": F(f"{relation}__email"),
        f"{relation}_first": F(f"{relation}__first_name"),
        f"{relation}_last": F(f"{relation}__last_name"),
    }


def _user_from(row, relation: str):
    """The related user of a fetch_at_once row, with the parts _USER_PARTS brought (None when empty)."""
    pk = getattr(row, f"{relation}_id")
    if pk is None:
        return None
    return User(
        pk=pk,
        email=getattr(row, f"{relation}_email") or "",
        first_name=getattr(row, f"{relation}_first") or "",
        last_name=getattr(row, f"{relation}_last") or "",
    )


def visible_notes(*, person: Person, user) -> QuerySet:
    """Shared notes, and the user's own private ones."""
    return person.notes.filter(Q(visibility=Note.Visibility.SHARED) | Q(author=user)).select_related("author")


def timeline(*, person: Person, user, limit: int = 50) -> list[TimelineEntry]:
    """Activities, life events, stage changes, handovers and notes, newest first."""
    from django.utils import timezone as tz
    from django.utils.translation import gettext as _

    rows = fetch_at_once(
        {
            "activities": person.activities.order_by("-happened_at")[:limit],
            "life_events": person.life_events.order_by("-happened_on")[:limit],
            "stage_changes": person.stage_changes.order_by("-changed_at")[:limit],
            "notes": visible_notes(person=person, user=user).order_by("-created_at")[:limit],
            "handovers": person.handovers.order_by("-at")[:limit],
        },
        extra={
            "activities": _USER_PARTS("created_by"),
            "stage_changes": _USER_PARTS("changed_by"),
            "notes": _USER_PARTS("author"),
            "handovers": _USER_PARTS("by"),
        },
    )
    entries = []
    for activity in rows["activities"]:
        entries.append(
            TimelineEntry(
                activity.happened_at,
                f"activity:{activity.kind}",
                activity.title,
                activity.body,
                activity.get_context_display(),
                activity.place,
                author=_user_from(activity, "created_by"),
            )
        )
    for event in rows["life_events"]:
        at = datetime.combine(event.happened_on, datetime.min.time(), tzinfo=tz.get_current_timezone())
        entries.append(TimelineEntry(at, f"life_event:{event.kind}", event.title, event.note))
    for change in rows["stage_changes"]:
        entries.append(
            TimelineEntry(
                change.changed_at,
                "stage",
                change.get_stage_display(),
                change.note,
                author=_user_from(change, "changed_by"),
            )
        )
    for handover in rows["handovers"]:
        if handover.from_name:
            title = _("Handed over from %(old)s to %(new)s") % {
                "old": handover.from_name,
                "new": handover.to_name,
            }
        else:
            title = _("Handed over to %(new)s") % {"new": handover.to_name}
        entries.append(
            TimelineEntry(handover.at, "handover", title, handover.note, author=_user_from(handover, "by"))
        )
    for note in rows["notes"]:
        author = _user_from(note, "author")
        entries.append(
            TimelineEntry(
                note.created_at,
                f"note:{note.visibility}",
                "",
                note.body,
                note.get_context_display(),
                str(author),
                author=author,
                private=note.visibility == Note.Visibility.PRIVATE,
            )
        )
    for extra in timeline_extensions():
        entries.extend(extra(person=person, user=user, limit=limit))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def timeline_extensions():
    """Other apps (conversations, promises) add their entries to the person's timeline here."""
    return registry.hooks("timeline_entries")


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


def person_page_extensions():
    """Blocks other apps add to the person page (see kenal.lib.registry)."""
    return registry.hooks("person_page_block")


def organization_page_extensions():
    """Blocks other apps add to the organization page (see kenal.lib.registry)."""
    return registry.hooks("organization_page_block")


def deleted_people(*, workspace):
    """People deleted in the last 30 days, newest first: the ones that can still be restored."""
    cutoff = timezone.now() - timedelta(days=DELETE_UNDO_DAYS)
    return DeletedPerson.objects.filter(workspace=workspace, deleted_at__gte=cutoff).defer("rows", "nulled")


def deleted_person_get(*, workspace, person_id: int):
    """The restorable deletion of one person, by the id they had; 404 when there is none."""
    return get_object_or_404(deleted_people(workspace=workspace).defer(None), person_id=person_id)


def agenda_handovers(*, workspace, user, start, end, today) -> list:
    """Today: the people just handed over to the user, until they open them."""
    from django.utils.translation import gettext as _

    from kenal.lib.agenda import AgendaItem, AgendaKind

    if user is None or not getattr(user, "pk", None):
        return []
    if not start <= today <= end:
        return []
    handovers = (
        Handover.objects.filter(workspace=workspace, to_user_id=user.pk, seen_at__isnull=True)
        .select_related("person")
        .order_by("-at")[:50]
    )
    return [
        AgendaItem(
            kind=AgendaKind.HANDOVER,
            date=today,
            title=_("%(name)s was handed over to you") % {"name": handover.person.full_name},
            key=f"handover:{handover.pk}",
            person_id=handover.person_id,
            person=handover.person.full_name,
            url=handover.person.get_absolute_url(),
            detail=(_("from %(name)s") % {"name": handover.from_name} if handover.from_name else "")
            + (f": {handover.note}" if handover.note else ""),
        )
        for handover in handovers
    ]
