"""Reads from the promise ledger, always inside one workspace."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.models import Membership
from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.commitments.dues import due_value
from kenal.commitments.models import Commitment, Suggestion

LIVE = (Commitment.Status.OPEN, Commitment.Status.RENEGOTIATED)
RELATED = ("debtor_user", "debtor_person", "creditor_user", "creditor_person", "organization")


def _ledger(workspace) -> QuerySet:
    return scoped(Commitment.objects.select_related(*RELATED), workspace)


def _overdue_first(queryset: QuerySet, now: datetime) -> QuerySet:
    """Overdue first, then by due date, promises without a date last."""
    return queryset.annotate(
        late=Case(When(due_at__lt=now, then=Value(0)), default=Value(1), output_field=IntegerField()),
        undated=Case(When(due_at__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()),
    ).order_by("late", "undated", "due_at", "pk")


def commitment_list(
    *,
    workspace,
    user=None,
    direction: str = "",
    status: str = "",
    overdue: bool = False,
    query: str = "",
    person=None,
    debtor: str = "",
) -> QuerySet:
    """Promises filtered: direction mine (I owe) / owed (owed to me) / team; status '' means still open."""
    now = timezone.now()
    promises = _ledger(workspace)
    if direction == "mine":
        promises = promises.filter(debtor_user=user)
    elif direction == "owed":
        promises = promises.filter(debtor_kind=Commitment.Debtor.CONTACT).filter(
            Q(creditor_user=user) | Q(creditor_user__isnull=True)
        )
    elif direction == "team":
        promises = promises.exclude(debtor_kind=Commitment.Debtor.CONTACT).exclude(debtor_user=user)
    if debtor == "me":
        promises = promises.filter(debtor_user=user)
    elif debtor in ("teammate", "contact"):
        promises = promises.filter(debtor_kind=debtor)
    elif debtor == "them":
        promises = promises.filter(debtor_kind=Commitment.Debtor.CONTACT)
    if status == "all":
        pass
    elif status in Commitment.Status.values:
        promises = promises.filter(status=status)
    else:
        promises = promises.filter(status__in=LIVE)
    if overdue:
        promises = promises.filter(status__in=LIVE, due_at__lt=now)
    if query:
        promises = promises.filter(
            Q(what__icontains=query)
            | Q(debtor_person__full_name__icontains=query)
            | Q(creditor_person__full_name__icontains=query)
            | Q(notes__icontains=query)
        )
    if person is not None:
        promises = promises.filter(Q(debtor_person=person) | Q(creditor_person=person))
    return _overdue_first(promises, now)


def commitment_get(*, workspace, commitment_id) -> Commitment:
    return get_scoped_or_404(
        Commitment.objects.select_related(*RELATED, "source_message", "workspace"),
        workspace,
        pk=commitment_id,
    )


def due_history(*, commitment: Commitment) -> QuerySet:
    return commitment.due_changes.select_related("changed_by")


def suggestion_list(*, workspace, state: str = Suggestion.State.PENDING) -> QuerySet:
    suggestions = scoped(Suggestion.objects.select_related("person", "source_message"), workspace)
    if state in Suggestion.State.values:
        suggestions = suggestions.filter(state=state)
    return suggestions.order_by("-source_message__at", "-pk")


def suggestion_get(*, workspace, suggestion_id) -> Suggestion:
    return get_scoped_or_404(
        Suggestion.objects.select_related("person", "source_message", "workspace"),
        workspace,
        pk=suggestion_id,
    )


ASK_PEOPLE = 8  # people a search offers for a suggestion at once


def suggestion_senders(*, suggestion: Suggestion) -> list[tuple[str, str]]:
    """Who the promise may be with, as (choice, label): the chat's other senders, the message's own first."""
    from kenal.conversations.models import Message

    message = suggestion.source_message
    rows = (
        Message.objects.filter(conversation_id=message.conversation_id, direction="them")
        .exclude(kind="system")
        .order_by()
        .values_list("sender", "person_id", "person__full_name")
        .distinct()
    )
    senders = sorted(set(rows), key=lambda row: (row[0] != message.sender, row[0].casefold()))
    choices = []
    for sender, person_id, full_name in senders[:ASK_PEOPLE]:
        if person_id:
            label = sender if sender.casefold() == full_name.casefold() else f"{sender} ({full_name})"
            choices.append((f"person:{person_id}", label))
        elif sender:
            choices.append((f"sender:{sender}", sender))
    return choices


def suggestion_people_search(*, workspace, query: str) -> list[tuple[str, str]]:
    """People matching a search, as choices for the person a suggestion's promise is with."""
    from kenal.people.selectors import person_list

    if not query.strip():
        return []
    people = person_list(workspace=workspace, query=query.strip())[:ASK_PEOPLE]
    return [(f"person:{person.pk}", person.full_name) for person in people]


def pending_suggestion_count(*, workspace) -> int:
    return scoped(Suggestion, workspace).filter(state=Suggestion.State.PENDING).count()


def person_promises(*, person, limit: int = 10) -> list[Commitment]:
    """Open promises both ways with this person, overdue first."""
    return list(commitment_list(workspace=person.workspace, person=person)[:limit])


def organization_promises(*, organization, limit: int = 20) -> list[Commitment]:
    """Open promises with the organization's people, and the broken ones, wherever the promiser is now."""
    promises = (
        _ledger(organization.workspace)
        .filter(organization=organization)
        .filter(Q(status__in=LIVE) | Q(status=Commitment.Status.BROKEN))
    )
    promises = promises.annotate(
        still_on_team=Exists(
            Membership.objects.filter(
                workspace_id=organization.workspace_id, user_id=OuterRef("debtor_user_id")
            )
        )
    )
    rows = list(_overdue_first(promises, timezone.now())[:limit])
    for promise in rows:
        promise.by_former_teammate = (
            promise.debtor_kind != Commitment.Debtor.CONTACT and not promise.still_on_team
        )
    return rows


@dataclass
class KeptRate:
    month: date
    closed: int
    kept: int

    @property
    def percent(self) -> int:
        return round(100 * self.kept / self.closed) if self.closed else 0


def kept_rate(
    *, workspace, person=None, organization=None, debtor_user=None, months: int = 12
) -> list[KeptRate]:
    """Per month of the due date: promises closed (done or broken) and how many were kept on time, in SQL."""
    since = timezone.now() - timedelta(days=31 * months)
    promises = scoped(Commitment, workspace).filter(
        status__in=(Commitment.Status.DONE, Commitment.Status.BROKEN), due_at__gte=since
    )
    if person is not None:
        promises = promises.filter(Q(debtor_person=person) | Q(creditor_person=person))
    if organization is not None:
        promises = promises.filter(organization=organization)
    if debtor_user is not None:
        promises = promises.filter(debtor_user=debtor_user)
    rows = (
        promises.annotate(month=TruncMonth("due_at", tzinfo=workspace.tz))
        .values("month")
        .annotate(
            closed=Count("pk"),
            kept=Count("pk", filter=Q(status=Commitment.Status.DONE, closed_at__lte=F("due_at"))),
        )
        .order_by("month")
    )
    return [KeptRate(_as_date(row["month"]), row["closed"], row["kept"]) for row in rows]


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def kept_total(rates: list[KeptRate]) -> KeptRate | None:
    if not rates:
        return None
    return KeptRate(rates[-1].month, sum(r.closed for r in rates), sum(r.kept for r in rates))


def agenda_promises(*, workspace, user, start: date, end: date, today: date, everyone: bool = False) -> list:
    """Promises the user owes or is owed (with `everyone`, the whole team's), due between start and end, plus
    the overdue ones; one query."""
    from kenal.lib.agenda import AgendaItem, AgendaKind

    zone = workspace.tz
    now = timezone.now()
    window = Q(
        due_at__gte=datetime.combine(start, time.min, zone),
        due_at__lt=datetime.combine(end + timedelta(days=1), time.min, zone),
    )
    if start <= today <= end:
        window |= Q(due_at__lt=now)
    promises = (
        _ledger(workspace)
        .filter(status__in=LIVE, due_at__isnull=False)
        .filter(Q() if everyone else Q(debtor_user=user) | Q(creditor_user=user))
        .filter(window)
        .order_by("due_at", "pk")
    )
    items = []
    for promise in promises:
        person = promise.person
        due_day = promise.due_at.astimezone(zone).date()
        overdue = due_day < today or (promise.due_precision == "minute" and promise.due_at < now)
        owed = promise.debtor_kind == Commitment.Debtor.CONTACT
        items.append(
            AgendaItem(
                kind=AgendaKind.PROMISE,
                date=due_day,
                title=promise.what,
                key=f"promise:{promise.pk}",
                person_id=person.pk if person else None,
                person=person.full_name if person else "",
                overdue=overdue,
                url=promise.get_absolute_url(),
                detail=_promise_detail(
                    promise, user=user, owed=owed, name=person.full_name if person else "?"
                ),
                at=promise.due_at.astimezone(zone) if promise.due_precision == "minute" else None,
            )
        )
    return items


def _promise_detail(promise, *, user, owed: bool, name: str) -> str:
    if owed:
        mine = promise.creditor_user_id in (None, user.pk)
        return (
            _("%(name)s owes you") % {"name": name} if mine else _("%(name)s owes the team") % {"name": name}
        )
    if promise.debtor_user_id == user.pk:
        return _("You owe %(name)s") % {"name": name}
    return _("%(teammate)s owes %(name)s") % {"teammate": promise.debtor_name, "name": name}


def person_timeline_entries(*, person, user, limit: int) -> list:
    """Promises made with this person, for the person's timeline."""
    from kenal.lib.timeline import TimelineEntry

    promises = (
        Commitment.objects.filter(workspace_id=person.workspace_id)
        .filter(Q(debtor_person=person) | Q(creditor_person=person))
        .select_related("debtor_user")
        .order_by("-created_at")[:limit]
    )
    return [
        TimelineEntry(
            p.created_at,
            f"promise:{p.status}",
            p.what,
            p.notes,
            "",
            p.debtor_name or str(p.debtor_user or ""),
        )
        for p in promises
    ]


def teammates(*, workspace) -> QuerySet:
    return Membership.objects.filter(workspace=workspace).select_related("user").order_by("user__email")


def message_proposal(*, workspace, message_id) -> dict:
    """What a promise taken from one message would say: its person, text, due and debtor (404 outside)."""
    from kenal.conversations.models import Message
    from kenal.lib import promises

    message = get_scoped_or_404(
        Message.objects.select_related("conversation", "person"), workspace, pk=message_id
    )
    window = list(
        Message.objects.filter(conversation_id=message.conversation_id, at__lte=message.at, kind="text")
        .exclude(pk=message.pk)
        .order_by("-at", "-pk")[:8]
    )[::-1] + [message]
    found = [
        c
        for c in promises.extract([promises.Message(m.at, m.direction, m.text) for m in window], workspace.tz)
        if c.message == len(window) - 1
    ]
    proposal = {
        "message": message,
        "person": message.person or message.conversation.person,
        "debtor": "contact" if message.direction == "them" else "me",
        "what": " ".join(message.text.split())[:200],
        "due_at": None,
        "due_precision": "none",
        "reply": "",
    }
    if found:
        commitment = found[0]
        proposal.update(
            what=commitment.what,
            due_at=commitment.due.at,
            due_precision=commitment.due.precision,
            debtor="contact" if commitment.debtor == "them" else "me",
            reply=promises.suggest_reply(commitment) if commitment.vague else "",
        )
    return proposal


def suggested_reply(*, commitment: Commitment) -> str:
    """For an open vague promise: the explicit answer to send, in the language it was made in."""
    from kenal.commitments.dues import due_value
    from kenal.lib import promises
    from kenal.lib.promise_cues import language_of
    from kenal.lib.timeexpr import Due

    if not commitment.vague or commitment.status not in LIVE:
        return ""
    zone = commitment.workspace.tz
    source = commitment.source_message
    language = language_of(source.text if source else commitment.what) or language_of(commitment.what) or "id"
    made_at = (source.at if source else commitment.created_at).astimezone(zone)
    due_at = commitment.due_at.astimezone(zone) if commitment.due_at else None
    due = Due(due_value(commitment.due_at, commitment.due_precision, zone), commitment.due_precision, due_at)
    debtor = "them" if commitment.debtor_kind == Commitment.Debtor.CONTACT else "me"
    return promises.suggest_reply(promises.Commitment(0, debtor, due, commitment.what, language, made_at))


def commitment_json(promise: Commitment, workspace) -> dict:
    """A promise as the API and the `commitments --json` command show it."""
    person = promise.person
    return {
        "id": promise.pk,
        "what": promise.what,
        "debtor": promise.debtor_kind,
        "debtor_name": promise.debtor_name,
        "person": {"id": person.pk, "name": person.full_name} if person else None,
        "due": due_value(promise.due_at, promise.due_precision, workspace.tz),
        "precision": promise.due_precision,
        "due_at": promise.due_at.isoformat() if promise.due_at else None,
        "vague": promise.vague,
        "status": promise.status,
        "overdue": bool(promise.status in LIVE and promise.due_at and promise.due_at < timezone.now()),
        "source": promise.source,
        "source_message_id": promise.source_message_id,
        "notes": promise.notes,
        "url": promise.get_absolute_url(),
    }


def promises_in_messages(*, workspace, message_ids) -> dict[int, dict]:
    """The promise found in each of these messages, for marking it on the chat: the accepted promise when
    there is one, else the suggestion waiting for review. Dismissed suggestions mark nothing."""
    from django.urls import reverse

    ids = list(message_ids)
    found = {}
    suggestions = Suggestion.objects.filter(
        workspace=workspace, source_message_id__in=ids, state=Suggestion.State.PENDING
    ).only("pk", "source_message_id", "what")
    for suggestion in suggestions:
        found[suggestion.source_message_id] = {
            "what": suggestion.what,
            "url": reverse("commitments:suggestion", args=[suggestion.pk]),
            "reviewed": False,
        }
    promises = (
        scoped(Commitment, workspace)
        .filter(source_message_id__in=ids)
        .only("pk", "source_message_id", "what")
    )
    for promise in promises:
        found[promise.source_message_id] = {
            "what": promise.what,
            "url": promise.get_absolute_url(),
            "reviewed": True,
        }
    return found
