"""Writes to the promise ledger and the review inbox."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.models import Membership, User, Workspace
from kenal.accounts.services import audit
from kenal.commitments.models import Commitment, DueChange, Precision, Suggestion
from kenal.lib import promises
from kenal.people.models import Employment, Person

# Messages read before the first new one, so that an "oke" finds the request it answers.
CONTEXT_MESSAGES = 8
LIVE = (Commitment.Status.OPEN, Commitment.Status.RENEGOTIATED)
CLOSED = (Commitment.Status.DONE, Commitment.Status.BROKEN)


def _check_due(due_at: datetime | None, due_precision: str) -> tuple[datetime | None, str]:
    if due_precision not in Precision.values:
        raise ValidationError(_("Unknown due precision."))
    if due_at is None:
        return None, Precision.NONE
    if timezone.is_naive(due_at):
        raise ValidationError(_("A due time needs a time zone."))
    if due_precision == Precision.NONE:
        due_precision = Precision.DAY
    return due_at, due_precision


def _check_member(workspace: Workspace, user: User | None) -> None:
    if user is not None and not Membership.objects.filter(workspace=workspace, user=user).exists():
        raise ValidationError(_("%(user)s is not on this team.") % {"user": user})


def _organization_of(person: Person):
    job = (
        Employment.objects.filter(person=person, ended_on__isnull=True).order_by("-started_on", "-pk").first()
    )
    return job.organization if job else None


@transaction.atomic
def commitment_create(
    *,
    workspace: Workspace,
    user: User,
    person: Person,
    what: str,
    debtor_kind: str = Commitment.Debtor.ME,
    debtor_user: User | None = None,
    due_at: datetime | None = None,
    due_precision: str = Precision.NONE,
    notes: str = "",
    source_message=None,
) -> Commitment:
    """A promise between a workspace user and a contact; `user` is who records it (and owes it, unless told)."""
    what = " ".join((what or "").split())
    if not what:
        raise ValidationError(_("Say what is promised."))
    if person.workspace_id != workspace.pk:
        raise ValidationError(_("That person is not in this workspace."))
    if debtor_kind not in Commitment.Debtor.values:
        raise ValidationError(_("Who owes it must be me, a teammate or the contact."))
    due_at, due_precision = _check_due(due_at, due_precision)
    teammate = debtor_user or user
    _check_member(workspace, teammate)
    if debtor_kind == Commitment.Debtor.CONTACT:
        parties = {"debtor_person": person, "creditor_user": teammate, "debtor_name": person.full_name}
    else:
        debtor_kind = Commitment.Debtor.ME if teammate == user else Commitment.Debtor.TEAMMATE
        parties = {"debtor_user": teammate, "creditor_person": person, "debtor_name": str(teammate)}
    commitment = Commitment.objects.create(
        workspace=workspace,
        debtor_kind=debtor_kind,
        what=what[:500],
        due_at=due_at,
        due_precision=due_precision,
        organization=_organization_of(person),
        notes=notes,
        created_by=user,
        source=Commitment.Source.MESSAGE if source_message is not None else Commitment.Source.MANUAL,
        source_message=source_message,
        **parties,
    )
    audit(workspace=workspace, user=user, action="commitment.create", obj=commitment, detail=what)
    return commitment


@transaction.atomic
def commitment_change_due(
    *,
    commitment: Commitment,
    user: User | None,
    due_at: datetime | None,
    due_precision: str,
    reason: str = "",
) -> Commitment:
    """Move the due, keeping the old one in the history; an open promise becomes renegotiated."""
    due_at, due_precision = _check_due(due_at, due_precision)
    if (due_at, due_precision) == (commitment.due_at, commitment.due_precision):
        return commitment
    DueChange.objects.create(
        commitment=commitment,
        old_due_at=commitment.due_at,
        old_precision=commitment.due_precision,
        new_due_at=due_at,
        new_precision=due_precision,
        reason=reason[:300],
        changed_by=user,
    )
    commitment.due_at, commitment.due_precision = due_at, due_precision
    fields = ["due_at", "due_precision", "updated_at"]
    if commitment.status == Commitment.Status.OPEN:
        commitment.status = Commitment.Status.RENEGOTIATED
        fields.append("status")
    commitment.save(update_fields=fields)
    audit(workspace=commitment.workspace, user=user, action="commitment.due", obj=commitment, detail=reason)
    return commitment


@transaction.atomic
def commitment_set_status(*, commitment: Commitment, user: User | None, status: str) -> Commitment:
    """Mark a promise done, broken, or open again; closing stamps the moment for the kept-on-time rate."""
    if status not in Commitment.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == commitment.status:
        return commitment
    commitment.status = status
    commitment.closed_at = timezone.now() if status in CLOSED else None
    commitment.save(update_fields=["status", "closed_at", "updated_at"])
    audit(workspace=commitment.workspace, user=user, action=f"commitment.{status}", obj=commitment)
    return commitment


def commitment_update(
    *, commitment: Commitment, user: User | None, what: str | None = None, notes: str | None = None
) -> Commitment:
    if what is not None:
        what = " ".join(what.split())
        if not what:
            raise ValidationError(_("Say what is promised."))
        commitment.what = what[:500]
    if notes is not None:
        commitment.notes = notes
    commitment.save(update_fields=["what", "notes", "updated_at"])
    return commitment


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: Suggestion,
    user: User,
    what: str | None = None,
    due_at: datetime | None = None,
    due_precision: str | None = None,
    person: Person | None = None,
    sender: str = "",
) -> Commitment:
    """Turn a suggestion into a promise in the ledger, with the reviewer's edits.

    `sender`, a name from the chat nobody is linked to yet, becomes the person the promise is with.
    """
    if suggestion.state != Suggestion.State.PENDING:
        raise ValidationError(_("This suggestion was already reviewed."))
    if person is None and sender:
        person = _person_for_sender(suggestion, sender, user)
    person = person or suggestion.person
    if person is None:
        raise ValidationError(_("Choose who the promise is with."))
    if due_precision is None:
        due_at, due_precision = suggestion.due_at, suggestion.due_precision
    commitment = commitment_create(
        workspace=suggestion.workspace,
        user=user,
        person=person,
        what=what or suggestion.what,
        debtor_kind=Commitment.Debtor.CONTACT
        if suggestion.debtor == Suggestion.Debtor.THEM
        else Commitment.Debtor.ME,
        due_at=due_at,
        due_precision=due_precision,
        source_message=suggestion.source_message,
    )
    suggestion.state, suggestion.commitment = Suggestion.State.ACCEPTED, commitment
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save(update_fields=["state", "commitment", "decided_by", "decided_at"])
    return commitment


def _person_for_sender(suggestion: Suggestion, sender: str, user: User) -> Person:
    """The person a chat's sender is, made from the sender's name (and linked to their messages) if needed."""
    from kenal.conversations.models import Message, UnmatchedSender
    from kenal.conversations.services import unmatched_create_person

    messages = Message.objects.filter(
        conversation_id=suggestion.source_message.conversation_id, sender=sender, direction="them"
    )
    message = messages.order_by().first()
    if message is None:
        raise ValidationError(_("%(name)s did not write in this chat.") % {"name": sender})
    if message.person_id:
        return message.person
    unmatched = UnmatchedSender.objects.filter(
        workspace_id=suggestion.workspace_id, name=sender, address=message.sender_address
    ).first()
    if unmatched is None:
        unmatched = UnmatchedSender.objects.create(
            workspace_id=suggestion.workspace_id,
            name=sender,
            address=message.sender_address,
            source=suggestion.source_message.conversation.source,
        )
    return unmatched_create_person(unmatched=unmatched, user=user)


def suggestion_dismiss(*, suggestion: Suggestion, user: User) -> Suggestion:
    """Not a promise: remembered, so a re-import does not suggest it again."""
    if suggestion.state == Suggestion.State.PENDING:
        suggestion.state = Suggestion.State.DISMISSED
        suggestion.decided_by, suggestion.decided_at = user, timezone.now()
        suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    return suggestion


def suggestions_from_messages(*, workspace: Workspace, messages: Iterable) -> int:
    """Read newly imported messages (with the messages before them) and queue what they promise; returns how many."""
    from kenal.conversations.models import Conversation, Message

    by_conversation = defaultdict(list)
    for message in messages:
        if message.workspace_id == workspace.pk:
            by_conversation[message.conversation_id].append(message)
    people = dict(Conversation.objects.filter(pk__in=list(by_conversation)).values_list("pk", "person_id"))
    created = 0
    for conversation_id, new in by_conversation.items():
        new.sort(key=lambda m: (m.at, m.pk))
        before = list(
            Message.objects.filter(conversation_id=conversation_id, at__lt=new[0].at).order_by("-at", "-pk")[
                :CONTEXT_MESSAGES
            ]
        )[::-1]
        created += _suggest_in_window(
            workspace, before + new, {m.pk for m in new}, people.get(conversation_id)
        )
    return created


def suggestions_reread(*, workspace: Workspace, conversation) -> int:
    """Read a chat's promises again after its directions changed: pending suggestions are replaced, the ones
    already accepted or dismissed stay as decided (and their messages suggest nothing new)."""
    from kenal.conversations.models import Message

    in_chat = Suggestion.objects.filter(workspace=workspace, source_message__conversation=conversation)
    in_chat.filter(state=Suggestion.State.PENDING).delete()
    decided = set(in_chat.values_list("source_message_id", flat=True))
    messages = list(Message.objects.filter(conversation=conversation).order_by("at", "pk"))
    if not messages:
        return 0
    created = _suggest_in_window(
        workspace, messages, {m.pk for m in messages} - decided, conversation.person_id
    )
    return created


def _suggest_in_window(workspace: Workspace, window: list, new_ids: set[int], person_id: int | None) -> int:
    texts = [m for m in window if m.kind == "text" and m.text]
    found = promises.extract([promises.Message(m.at, m.direction, m.text) for m in texts], workspace.tz)
    found = [c for c in found if texts[c.message].pk in new_ids]
    if not found:
        return 0
    seen = set(
        Suggestion.objects.filter(source_message_id__in=[texts[c.message].pk for c in found]).values_list(
            "source_message_id", "debtor"
        )
    )
    rows = []
    for commitment in found:
        message = texts[commitment.message]
        if (message.pk, commitment.debtor) in seen:
            continue
        seen.add((message.pk, commitment.debtor))
        rows.append(
            Suggestion(
                workspace=workspace,
                source_message=message,
                debtor=commitment.debtor,
                person_id=_counterpart(texts, commitment.message) or person_id,
                what=commitment.what[:500],
                due_at=commitment.due.at,
                due_precision=commitment.due.precision,
                reply=promises.suggest_reply(commitment) if commitment.vague else "",
                language=commitment.language,
            )
        )
    Suggestion.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _counterpart(messages: list, index: int) -> int | None:
    """The contact this promise is with: the nearest 'them' message's person, looking back first."""
    order = list(range(index, -1, -1)) + list(range(index + 1, len(messages)))
    for position in order:
        if messages[position].direction == "them" and messages[position].person_id:
            return messages[position].person_id
    return None


def promises_follow_handover(*, person: Person, from_user, to_user, include_promises: bool) -> int:
    """After a handover: the person's live promises the old owner made (or is owed) pass to the new owner.
    Who made a promise first stays in its history: only who answers for it now changes."""
    if not include_promises or from_user is None:
        return 0
    live = Commitment.objects.filter(workspace_id=person.workspace_id, status__in=LIVE).filter(
        Q(debtor_person=person) | Q(creditor_person=person)
    )
    debts = live.filter(debtor_user=from_user).update(
        debtor_user=to_user, debtor_name=str(to_user), updated_at=timezone.now()
    )
    credits = live.filter(creditor_user=from_user).update(creditor_user=to_user, updated_at=timezone.now())
    return debts + credits
