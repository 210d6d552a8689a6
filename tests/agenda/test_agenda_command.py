import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar

from kenal.people.services import life_event_add, person_update


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("agenda", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def dated(now, person, alice):
    # The command speaks its user's language; these tests read the English strings.
    alice.language = "en"
    alice.save(update_fields=["language"])
    person_update(person=person, birth_year=1985, birth_month=3, birth_day=5)
    life_event_add(person=person, kind="child_sick", title="Raka has a fever", happened_on=date(2026, 2, 20))
    return person


def test_json_lists_the_items_with_the_contract_fields(dated):
    items = json.loads(run("--user", "alice@example.com", "--date", "2026-03-03", "--days", "7", "--json"))
    assert [(item["kind"], item["date"], item["overdue"]) for item in items] == [
        ("follow_up", "2026-02-23", True),
        ("birthday", "2026-03-05", False),
    ]
    for item in items:
        assert {"kind", "date", "person", "person_id", "title", "overdue"} <= set(item)
        assert item["person"] == "Yuna Kristina" and item["person_id"] == dated.pk


def test_the_span_defaults_to_today(dated):
    assert [item["kind"] for item in json.loads(run("--user", "alice@example.com", "--json"))] == [
        "follow_up"
    ]


def test_ical_is_a_valid_calendar(dated):
    calendar = Calendar.from_ical(
        run("--user", "alice@example.com", "--date", "2026-03-03", "--days", "7", "--ical")
    )
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    birthday = next(e for e in events if "turns 41" in str(e["SUMMARY"]))
    assert birthday.decoded("DTSTART") == date(2026, 3, 5)
    assert str(birthday["UID"]) == f"birthday:person:{dated.pk}:2026@kenal"


def test_plain_output_is_readable(dated):
    out = run("--user", "alice@example.com", "--date", "2026-03-03", "--days", "7")
    assert "5 Mar 2026" in out and "turns 41" in out


def test_it_explains_bad_arguments(dated):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--user", "alice@example.com", "--date", "3 March")
    with pytest.raises(CommandError, match="No user"):
        run("--user", "nobody@example.com")
    with pytest.raises(CommandError, match="--days"):
        run("--user", "alice@example.com", "--days", "0")


def test_it_speaks_indonesian_to_a_user_who_reads_it(dated, alice):
    alice.language = "id"
    alice.save(update_fields=["language"])
    out = run("--user", "alice@example.com", "--date", "2026-03-03", "--days", "7")
    assert "ulang tahun" in out and "berulang tahun ke-41" in out and "birthday" not in out
    assert "5 Mar 2026" in out and "2026-03-05" not in out
