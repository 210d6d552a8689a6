from datetime import date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenal.accounts.models import Membership
from kenal.commitments.selectors import agenda_promises, commitment_list, kept_rate, organization_promises
from kenal.commitments.services import commitment_set_status
from kenal.people.models import Employment, Organization

from .conftest import JAKARTA


def test_my_list_puts_overdue_first_then_by_due_and_undated_last(make_promise, workspace, alice):
    undated = make_promise("undated")
    later = make_promise("later", due_at=datetime(2026, 3, 10, 23, 59, tzinfo=JAKARTA), due_precision="day")
    late = make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    soon = make_promise("soon", due_at=datetime(2026, 3, 3, 13, tzinfo=JAKARTA), due_precision="minute")
    mine = list(commitment_list(workspace=workspace, user=alice, direction="mine"))
    assert mine == [late, soon, later, undated]
    assert list(commitment_list(workspace=workspace, user=alice, overdue=True)) == [late]


def test_owed_to_me_lists_only_the_contacts_promises(make_promise, workspace, alice):
    make_promise("mine")
    theirs = make_promise("theirs", debtor_kind="contact")
    assert list(commitment_list(workspace=workspace, user=alice, direction="owed")) == [theirs]


def test_the_kept_on_time_rate_is_counted_per_month(make_promise, workspace, alice, now, person):
    kept = make_promise("kept", due_at=datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA), due_precision="day")
    late = make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    broken = make_promise("broken", due_at=datetime(2026, 2, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    for promise, status in ((kept, "done"), (late, "done"), (broken, "broken")):
        commitment_set_status(commitment=promise, user=alice, status=status)
    rates = kept_rate(workspace=workspace, person=person)
    assert [(r.month, r.closed, r.kept) for r in rates] == [
        (date(2026, 2, 1), 1, 0),
        (date(2026, 3, 1), 2, 1),
    ]
    assert rates[1].percent == 50


def test_a_former_teammates_broken_promise_stays_on_the_organization(
    make_promise, workspace, alice, bob, person
):
    org = Organization.objects.create(workspace=workspace, name="Dinas Kominfo")
    Employment.objects.create(person=person, organization=org)
    promise = make_promise("cek komputer", debtor_user=bob)
    commitment_set_status(commitment=promise, user=alice, status="broken")
    Membership.objects.filter(user=bob, workspace=workspace).delete()
    rows = organization_promises(organization=org)
    assert rows == [promise] and rows[0].by_former_teammate


def test_agenda_promises_both_ways_in_one_query(make_promise, workspace, alice, bob):
    make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    make_promise(
        "theirs",
        debtor_kind="contact",
        due_at=datetime(2026, 3, 5, 10, tzinfo=JAKARTA),
        due_precision="minute",
    )
    make_promise("far", due_at=datetime(2026, 4, 5, 10, tzinfo=JAKARTA), due_precision="minute")
    make_promise(
        "bob's", debtor_user=bob, due_at=datetime(2026, 3, 5, 10, tzinfo=JAKARTA), due_precision="minute"
    )
    with CaptureQueriesContext(connection) as queries:
        items = agenda_promises(
            workspace=workspace,
            user=alice,
            start=date(2026, 3, 3),
            end=date(2026, 3, 9),
            today=date(2026, 3, 3),
        )
    assert len(queries) == 1
    assert [(i.kind, i.title, i.date, i.overdue) for i in items] == [
        ("promise", "late", date(2026, 3, 1), True),
        ("promise", "theirs", date(2026, 3, 5), False),
    ]
    assert items[0].key.startswith("promise:") and items[0].person == "Yuna Kristina"


def test_agenda_promises_skip_other_workspaces(make_promise, charlie):
    make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    assert (
        agenda_promises(
            workspace=charlie.current_workspace,
            user=charlie,
            start=date(2026, 3, 3),
            end=date(2026, 3, 9),
            today=date(2026, 3, 3),
        )
        == []
    )
