from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from kenal.accounts.models import AuditEntry, Membership
from kenal.commitments.models import Commitment, DueChange
from kenal.commitments.services import commitment_change_due, commitment_create, commitment_set_status
from kenal.people.services import person_create

from .conftest import JAKARTA


def test_it_records_my_promise_to_the_contact(make_promise, alice, person):
    promise = make_promise(due_at=datetime(2026, 3, 4, 13, tzinfo=JAKARTA), due_precision="minute")
    assert promise.debtor_kind == "me" and promise.debtor_user == alice
    assert promise.creditor_person == person and promise.person == person
    assert promise.status == "open" and not promise.vague
    assert AuditEntry.objects.filter(action="commitment.create").exists()


def test_it_records_what_the_contact_owes_me(make_promise, alice, person):
    promise = make_promise("Kirim brief", debtor_kind="contact")
    assert (
        promise.debtor_person == person
        and promise.creditor_user == alice
        and promise.debtor_name == person.full_name
    )


def test_a_teammates_promise_names_the_teammate(make_promise, bob):
    promise = make_promise(debtor_kind="me", debtor_user=bob)
    assert (
        promise.debtor_kind == "teammate" and promise.debtor_user == bob and promise.debtor_name == str(bob)
    )


def test_it_refuses_a_debtor_outside_the_team(make_promise, charlie):
    with pytest.raises(ValidationError):
        make_promise(debtor_user=charlie)


def test_it_refuses_a_person_of_another_workspace(workspace, alice, charlie, now):
    stranger = person_create(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    with pytest.raises(ValidationError):
        commitment_create(workspace=workspace, user=alice, person=stranger, what="x")


def test_it_refuses_an_empty_promise(make_promise):
    with pytest.raises(ValidationError):
        make_promise("   ")


def test_it_remembers_the_organization_the_contact_worked_at(make_promise, person, workspace):
    from kenal.people.models import Employment, Organization

    org = Organization.objects.create(workspace=workspace, name="Dinas Kominfo")
    Employment.objects.create(person=person, organization=org)
    assert make_promise().organization == org


def test_a_due_change_keeps_the_history_and_marks_it_renegotiated(make_promise, alice):
    first = datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA)
    promise = make_promise(due_at=first, due_precision="day")
    later = datetime(2026, 3, 6, 13, tzinfo=JAKARTA)
    commitment_change_due(
        commitment=promise, user=alice, due_at=later, due_precision="minute", reason="klien minta"
    )
    promise.refresh_from_db()
    assert promise.status == "renegotiated" and promise.due_at == later and promise.due_precision == "minute"
    change = DueChange.objects.get(commitment=promise)
    assert (change.old_due_at, change.old_precision, change.reason) == (first, "day", "klien minta")


def test_the_same_due_adds_no_history(make_promise, alice):
    due = datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA)
    promise = make_promise(due_at=due, due_precision="day")
    commitment_change_due(commitment=promise, user=alice, due_at=due, due_precision="day")
    assert not DueChange.objects.exists()


def test_closing_stamps_the_moment_and_reopening_clears_it(make_promise, alice, now):
    promise = make_promise(due_at=datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA), due_precision="day")
    commitment_set_status(commitment=promise, user=alice, status="done")
    assert promise.closed_at == now and promise.kept_on_time
    commitment_set_status(commitment=promise, user=alice, status="open")
    assert promise.closed_at is None
    with pytest.raises(ValidationError):
        commitment_set_status(commitment=promise, user=alice, status="forgotten")


def test_a_promise_outlives_the_teammate_leaving(make_promise, bob, workspace):
    promise = make_promise(debtor_user=bob)
    Membership.objects.filter(user=bob, workspace=workspace).delete()
    bob.delete()
    promise.refresh_from_db()
    assert promise.debtor_user is None and promise.debtor_name == "Bob Pratama"
    assert Commitment.objects.filter(pk=promise.pk).exists()
