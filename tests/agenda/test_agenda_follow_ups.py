from datetime import date

from kenal.agenda.selectors import agenda
from kenal.people.services import life_event_add


def test_it_asks_after_a_sick_child_three_days_later(now, workspace, alice, person):
    life_event_add(person=person, kind="child_sick", title="Raka has dengue", happened_on=date(2026, 3, 2))
    [item] = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7)
    assert item.kind == "follow_up"
    assert item.date == date(2026, 3, 5)
    assert "Raka has dengue" in item.title and "Bu Yuna" in item.title
    assert not item.overdue


def test_a_missed_follow_up_is_overdue(now, workspace, alice, person):
    life_event_add(person=person, kind="illness", title="Flu", happened_on=date(2026, 2, 24))
    [item] = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1)
    assert item.overdue and item.date == date(2026, 2, 27)


def test_an_old_follow_up_lets_go_after_the_grace_period(now, workspace, alice, person):
    life_event_add(person=person, kind="illness", title="Flu", happened_on=date(2026, 1, 1))
    assert agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7) == []


def test_a_promotion_is_not_a_sickness(now, workspace, alice, person):
    life_event_add(person=person, kind="promotion", title="Head of PR", happened_on=date(2026, 2, 28))
    [item] = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7)
    assert "how it went" in item.title
