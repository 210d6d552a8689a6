"""Removing a member takes away their access, never their history (story 004)."""

from django.apps import apps

from kenal.accounts.models import AuditEntry, Membership
from kenal.accounts.services import member_remove
from kenal.commitments.services import commitment_create
from kenal.people.models import Note
from kenal.people.services import note_add, person_create


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_it_deletes_the_membership_and_nothing_else(workspace, alice, bob):
    person = person_create(workspace=workspace, user=bob, full_name="Bambang Wijaya")
    note_add(person=person, author=bob, body="Suka kopi tubruk", visibility=Note.Visibility.SHARED)
    commitment_create(workspace=workspace, user=bob, person=person, what="Kirim teknisi")
    before = _counts()

    member_remove(membership=Membership.objects.get(workspace=workspace, user=bob), by=alice)

    after = _counts()
    changed = {label: after[label] - before[label] for label in before if after[label] != before[label]}
    assert changed == {Membership._meta.label: -1, AuditEntry._meta.label: 1}
    bob.refresh_from_db()
    assert bob.is_active and bob.current_workspace != workspace
