"""Plain delete is undoable for 30 days: the person leaves every list, and restore brings back exactly what was."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kenal.commitments.models import Commitment
from kenal.conversations.models import Message
from kenal.people import selectors
from kenal.people.models import DeletedPerson, Person
from kenal.people.services import (
    contact_point_add,
    deleted_people_purge,
    person_create,
    person_delete,
    person_restore,
)


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _state(workspace) -> dict:
    """Everything the archive export holds, as comparable values."""
    from kenal.portability.exporting import kind_rows
    from kenal.portability.kinds import KINDS

    user = workspace.memberships.first().user
    return {kind.name: list(kind_rows(kind, workspace=workspace, user=user)) for kind in KINDS}


def test_deleting_then_restoring_gives_back_exactly_what_was(sekar_world, workspace, alice):
    sekar_id = sekar_world["sekar"].pk
    before = _state(workspace)
    person_delete(person=sekar_world["sekar"], user=alice)
    assert not Person.objects.filter(pk=sekar_id).exists()
    assert _state(workspace) != before

    person_restore(deleted=DeletedPerson.objects.get(person_id=sekar_id), user=alice)

    assert _state(workspace) == before
    assert not DeletedPerson.objects.exists()


def test_a_deleted_person_leaves_lists_search_and_promises(sekar_world, workspace, alice):
    sekar = sekar_world["sekar"]
    sekar_id = sekar.pk
    person_delete(person=sekar, user=alice)
    assert "Sekar Ayuningtyas" not in _names(workspace, "")
    assert "Sekar Ayuningtyas" not in _names(workspace, "Sekar")
    assert not Commitment.objects.filter(debtor_person_id=sekar_id).exists()
    # Their messages stay in the chats, unlinked, and are theirs again on restore.
    assert Message.objects.filter(sender="Sekar Ayuningtyas", person=None).exists()
    person_restore(deleted=DeletedPerson.objects.get(person_id=sekar_id), user=alice)
    assert "Sekar Ayuningtyas" in _names(workspace, "Sekar")
    assert not Message.objects.filter(sender="Sekar Ayuningtyas", person=None).exists()


def test_restore_is_refused_when_their_phone_now_belongs_to_someone_else(person, workspace, alice):
    person_id = person.pk
    person_delete(person=person, user=alice)
    other = person_create(workspace=workspace, user=alice, full_name="Yuna Baru")
    contact_point_add(person=other, kind="phone", value="0813-1111-0001")
    with pytest.raises(ValidationError, match="can't be restored"):
        person_restore(deleted=DeletedPerson.objects.get(person_id=person_id), user=alice)
    assert DeletedPerson.objects.filter(person_id=person_id).exists()
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Yuna Baru"]


def test_people_deleted_over_30_days_ago_are_purged_with_their_photo(sekar_world, workspace, alice):
    from kenal.accounts.models import Upload

    sekar = sekar_world["sekar"]
    photo = Upload.objects.get(pk=sekar.photo_id)
    person_delete(person=sekar, user=alice)
    assert deleted_people_purge() == 0
    with time_machine.travel(timedelta(days=31)):
        assert list(selectors.deleted_people(workspace=workspace)) == []
        assert deleted_people_purge() == 1
    assert not DeletedPerson.objects.exists()
    assert not Upload.objects.filter(pk=photo.pk).exists()


def _names(workspace, query: str) -> list[str]:
    return [
        p.full_name for p in selectors.person_list(workspace=workspace, query=query, stage="", sort="name")
    ]
