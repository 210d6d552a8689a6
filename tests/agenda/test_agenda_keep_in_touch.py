from datetime import date, datetime, timedelta

import time_machine

from kenal.agenda.selectors import agenda
from kenal.agenda.services import agenda_mark_done, agenda_mark_snooze, agenda_settings_update
from kenal.people.services import activity_add, person_create, person_update
from tests.conftest import JAKARTA


def added_on(day: date, workspace, name, **fields):
    with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=JAKARTA), tick=False):
        return person_create(workspace=workspace, full_name=name, **fields)


def keep_in_touch(workspace, user, start=date(2026, 3, 3), days=1):
    return [
        item
        for item in agenda(workspace=workspace, user=user, start=start, days=days)
        if item.kind == "keep_in_touch"
    ]


def test_a_client_is_due_30_days_after_the_last_contact(now, workspace, alice):
    client = added_on(date(2025, 12, 1), workspace, "Ratna Sari", stage="client")
    activity_add(
        workspace=workspace,
        people=[client],
        kind="call",
        title="Call",
        happened_at=datetime(2026, 2, 1, 10, tzinfo=JAKARTA),
    )
    [item] = keep_in_touch(workspace, alice)
    assert item.date == date(2026, 3, 3)
    assert not item.overdue
    assert "30 days ago" in item.detail


def test_any_interaction_resets_the_cadence(now, workspace, alice):
    client = added_on(date(2025, 12, 1), workspace, "Ratna Sari", stage="client")
    assert keep_in_touch(workspace, alice)[0].overdue
    activity_add(
        workspace=workspace,
        people=[client],
        kind="meeting",
        title="Lunch",
        happened_at=datetime(2026, 3, 1, 12, tzinfo=JAKARTA),
    )
    assert keep_in_touch(workspace, alice) == []
    assert keep_in_touch(workspace, alice, start=date(2026, 3, 31))[0].date == date(2026, 3, 31)


def test_overdue_people_are_ranked_by_how_far_past_their_cadence(now, workspace, alice):
    added_on(date(2026, 1, 1), workspace, "Friend A", stage="friend")  # due 2 March: 1 day past
    added_on(date(2026, 1, 1), workspace, "Client B", stage="client")  # due 31 Jan: 31 days past
    added_on(date(2026, 2, 1), workspace, "Own cadence C", stage="friend", keep_in_touch_days=7)  # due 8 Feb
    names = [item.person for item in keep_in_touch(workspace, alice)]
    assert names == ["Client B", "Own cadence C", "Friend A"]


def test_the_stage_default_follows_the_users_settings(now, workspace, alice):
    added_on(date(2026, 2, 1), workspace, "Friend A", stage="friend")
    assert keep_in_touch(workspace, alice) == []
    agenda_settings_update(user=alice, cadence_friend=20)
    assert [item.person for item in keep_in_touch(workspace, alice)] == ["Friend A"]


def test_a_cadence_of_zero_never_reminds(now, workspace, alice):
    added_on(date(2025, 1, 1), workspace, "Quiet", stage="client", keep_in_touch_days=0)
    agenda_settings_update(user=alice, cadence_prospect=0)
    added_on(date(2025, 1, 1), workspace, "Prospect")
    assert keep_in_touch(workspace, alice) == []


def test_done_hides_the_person_until_the_next_interaction(now, workspace, alice, bob):
    client = added_on(date(2025, 12, 1), workspace, "Ratna Sari", stage="client")
    [item] = keep_in_touch(workspace, alice)
    agenda_mark_done(user=alice, key=item.key)
    assert keep_in_touch(workspace, alice) == []
    assert len(keep_in_touch(workspace, bob)) == 1  # done is per user
    activity_add(
        workspace=workspace,
        people=[client],
        kind="call",
        title="Call",
        happened_at=now - timedelta(minutes=5),
    )
    assert keep_in_touch(workspace, alice, start=date(2026, 4, 2))[0].date == date(2026, 4, 2)


def test_snooze_hides_until_the_day_it_ends(now, workspace, alice):
    added_on(date(2025, 12, 1), workspace, "Ratna Sari", stage="client")
    [item] = keep_in_touch(workspace, alice)
    agenda_mark_snooze(user=alice, key=item.key, until=date(2026, 3, 5))
    assert keep_in_touch(workspace, alice) == []
    with time_machine.travel(datetime(2026, 3, 5, 8, tzinfo=JAKARTA), tick=False):
        assert len(keep_in_touch(workspace, alice, start=date(2026, 3, 5))) == 1


def test_people_of_another_workspace_never_show(now, workspace, alice, charlie):
    added_on(date(2025, 1, 1), charlie.current_workspace, "Secret", stage="client")
    assert keep_in_touch(workspace, alice) == []


def test_a_later_birthday_does_not_hide_a_due_person(now, workspace, alice):
    person = added_on(date(2025, 12, 1), workspace, "Ratna Sari", stage="client")
    person_update(person=person, birth_month=3, birth_day=3)
    kinds = sorted(
        item.kind for item in agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1)
    )
    assert kinds == ["birthday", "keep_in_touch"]
