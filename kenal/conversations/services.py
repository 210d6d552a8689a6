"""Writes about conversations: resolving unmatched senders from the import review."""

from django.db import transaction

from kenal.conversations.models import Conversation, Message, UnmatchedSender
from kenal.people.models import Person


@transaction.atomic
def unmatched_link(*, unmatched: UnmatchedSender, person: Person) -> int:
    """Link a sender to a person: their messages and one-to-one chats follow; returns messages linked."""
    from kenal.people.services import person_contact_touch

    if person.workspace_id != unmatched.workspace_id:
        raise ValueError("person from another workspace")
    unmatched.person = person
    unmatched.status = UnmatchedSender.Status.LINKED
    unmatched.save(update_fields=["person", "status"])
    messages = Message.objects.filter(
        workspace_id=unmatched.workspace_id, sender=unmatched.name, sender_address=unmatched.address,
        direction=Message.Direction.THEM, person__isnull=True,
    )
    conversation_ids = set(messages.values_list("conversation_id", flat=True).distinct())
    linked = messages.update(person=person)
    Conversation.objects.filter(pk__in=conversation_ids, person__isnull=True, is_group=False).update(person=person)
    if unmatched.last_at:
        person_contact_touch(people_ids=[person.pk], at=unmatched.last_at)
    return linked


@transaction.atomic
def unmatched_create_person(*, unmatched: UnmatchedSender, user) -> Person:
    """Create a person named as the sender wrote themselves, and link them."""
    from kenal.lib.phones import normalize_phone
    from kenal.people.services import contact_point_add, person_create

    person = person_create(workspace=unmatched.workspace, user=user, full_name=unmatched.name or unmatched.address)
    phone = normalize_phone(unmatched.name) if unmatched.name[:1] in "+0123456789" else None
    if phone:
        contact_point_add(person=person, kind="phone", value=phone)
    if "@" in unmatched.address:
        contact_point_add(person=person, kind="email", value=unmatched.address)
    unmatched_link(unmatched=unmatched, person=person)
    return person


def unmatched_ignore(*, unmatched: UnmatchedSender) -> None:
    unmatched.status = UnmatchedSender.Status.IGNORED
    unmatched.save(update_fields=["status"])
