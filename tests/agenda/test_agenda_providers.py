from datetime import date

import pytest

from kenal.agenda.selectors import agenda
from kenal.lib import registry
from kenal.lib.agenda import AgendaItem

CALLS = []


def fake_promises(*, workspace, user, start, end, today):
    CALLS.append((workspace.pk, user.pk, start, end, today))
    return [
        AgendaItem(
            kind="promise",
            date=date(2026, 3, 1),
            title="Send the press kit",
            key="promise:1",
            overdue=True,
            person="Ratna Sari",
            person_id=7,
        ),
        AgendaItem(kind="promise", date=date(2026, 3, 4), title="Call back at 13:00", key="promise:2"),
        AgendaItem(kind="promise", date=date(2026, 4, 30), title="Far away", key="promise:3"),
    ]


def broken_provider(**kwargs):
    raise RuntimeError("provider bug")


@pytest.fixture
def fake():
    CALLS.clear()
    with registry.replaced("agenda_provider", [fake_promises]):
        yield


def test_it_works_when_no_app_provides_anything(now, workspace, alice):
    assert agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7) == []


def test_it_lists_provided_items_in_the_span_and_overdue_ones(now, fake, workspace, alice):
    items = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7)
    assert [item.key for item in items] == ["promise:1", "promise:2"]
    assert items[0].overdue
    assert CALLS == [(workspace.pk, alice.pk, date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 3))]


def test_done_and_snooze_apply_to_provided_items(now, fake, workspace, alice):
    from kenal.agenda.services import agenda_mark_done, agenda_mark_snooze

    agenda_mark_done(user=alice, key="promise:1")
    agenda_mark_snooze(user=alice, key="promise:2", until=date(2026, 3, 4))
    assert agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7) == []
    assert [
        i.key
        for i in agenda(
            workspace=workspace, user=alice, start=date(2026, 3, 4), days=7, today=date(2026, 3, 4)
        )
    ] == ["promise:2"]


def test_a_broken_provider_does_not_take_the_agenda_down(now, workspace, alice, caplog):
    CALLS.clear()
    with registry.replaced("agenda_provider", [broken_provider, fake_promises]):
        items = agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=7)
    assert len(items) == 2
    assert "broken_provider" in caplog.text


def test_any_providers_key_prefix_can_be_marked_done(now, workspace, alice):
    from kenal.agenda.services import agenda_mark_done

    def milestones(**kwargs):
        return [AgendaItem(kind="engagement", date=date(2026, 3, 3), title="Invoice due", key="milestone:3")]

    with registry.replaced("agenda_provider", [milestones]):
        assert len(agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1)) == 1
        agenda_mark_done(user=alice, key="milestone:3")
        assert agenda(workspace=workspace, user=alice, start=date(2026, 3, 3), days=1) == []
