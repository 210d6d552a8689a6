import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.commitments.models import Commitment

from .conftest import JAKARTA


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("commitments", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_takes_a_day_as_day_precision(alice, person, now):
    run(
        "add",
        "--user",
        "alice@example.com",
        "--person",
        "Yuna Kristina",
        "--what",
        "Kirim invoice",
        "--due",
        "2026-03-05",
    )
    promise = Commitment.objects.get()
    assert promise.due_precision == "day" and promise.due_at == datetime(2026, 3, 5, 23, 59, tzinfo=JAKARTA)


def test_add_takes_a_local_datetime_or_an_offset(alice, person, now):
    run(
        "add",
        "--user",
        "alice@example.com",
        "--person",
        str(person.pk),
        "--what",
        "a",
        "--due",
        "2026-03-05T13:00",
    )
    run(
        "add",
        "--user",
        "alice@example.com",
        "--person",
        "yuna kristina",
        "--what",
        "b",
        "--due",
        "2026-03-05T13:00+00:00",
        "--debtor",
        "them",
    )
    first, second = Commitment.objects.order_by("pk")
    assert first.due_at == datetime(2026, 3, 5, 13, tzinfo=JAKARTA) and first.due_precision == "minute"
    assert second.due_at == datetime(2026, 3, 5, 20, tzinfo=JAKARTA) and second.debtor_kind == "contact"


def test_add_explains_bad_input(alice, person, now):
    with pytest.raises(CommandError, match="2026-03-04T13:00"):
        run(
            "add", "--user", "alice@example.com", "--person", "Yuna Kristina", "--what", "a", "--due", "besok"
        )
    with pytest.raises(CommandError, match="No person"):
        run("add", "--user", "alice@example.com", "--person", "Nobody", "--what", "a", "--due", "2026-03-05")
    with pytest.raises(CommandError, match="No user"):
        run(
            "add",
            "--user",
            "nobody@example.com",
            "--person",
            "Yuna Kristina",
            "--what",
            "a",
            "--due",
            "2026-03-05",
        )
    assert not Commitment.objects.exists()


def test_add_cannot_reach_another_workspaces_person(alice, charlie, person, now):
    with pytest.raises(CommandError, match="No person"):
        run(
            "add",
            "--user",
            "charlie@example.com",
            "--person",
            str(person.pk),
            "--what",
            "a",
            "--due",
            "2026-03-05",
        )


def test_list_prints_json_and_filters_overdue(make_promise, now):
    make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    make_promise("later", due_at=datetime(2026, 3, 9, 13, tzinfo=JAKARTA), due_precision="minute")
    rows = json.loads(run("list", "--user", "alice@example.com", "--json")[0])
    assert [(r["what"], r["due"], r["precision"], r["overdue"], r["vague"]) for r in rows] == [
        ("late", "2026-03-01", "day", True, True),
        ("later", "2026-03-09T13:00", "minute", False, False),
    ]
    overdue = json.loads(run("list", "--user", "alice@example.com", "--overdue", "--json")[0])
    assert [r["what"] for r in overdue] == ["late"]
    assert "late" in run("list", "--user", "alice@example.com")[0]


def test_list_shows_nothing_of_another_workspace(make_promise, charlie):
    make_promise("late")
    assert json.loads(run("list", "--user", "charlie@example.com", "--json")[0]) == []


def test_scan_queues_suggestions_once(press_release_chat, alice):
    assert "1 new" in run("scan", "--user", "alice@example.com")[0]
    assert "0 new" in run("scan", "--user", "alice@example.com")[0]


def test_extract_runs_on_a_jsonl_file_and_reports_bad_lines(tmp_path):
    source = tmp_path / "threads.jsonl"
    thread = {
        "id": "t1",
        "timezone": "Asia/Jakarta",
        "messages": [
            {
                "at": "2026-03-02T09:15:00+07:00",
                "from": "them",
                "text": "please share your press release tomorrow",
            },
            {"at": "2026-03-02T09:16:00+07:00", "from": "me", "text": "oke"},
        ],
    }
    source.write_text(json.dumps(thread) + "\n{broken\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match="1 lines"):
        out, err = StringIO(), StringIO()
        call_command("commitments", "extract", str(source), "-o", str(target), stdout=out, stderr=err)
    assert f"{source}:2:" in err.getvalue()
    row = json.loads(target.read_text().splitlines()[0])
    assert {k: row["commitments"][0][k] for k in ("message", "debtor", "precision")} == {
        "message": 1,
        "debtor": "me",
        "precision": "day",
    }
    assert row["commitments"][0]["due"] == "2026-03-03" and row["commitments"][0]["vague"] is True


def test_extract_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("extract", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out.jsonl"))
