import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.conversations.models import Message


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_it_prints_one_json_object_per_file(db, chat_file):
    [report] = _run("whatsapp", str(chat_file), "--dry-run", "--json")
    assert set(report) == {
        "file",
        "messages",
        "system",
        "new",
        "duplicates",
        "first_at",
        "last_at",
        "participants",
        "malformed",
        "notes",
        "me",
    }
    assert report["messages"] == 7
    assert Message.objects.count() == 0


def test_it_imports_into_the_users_workspace(alice, person, chat_file, now):
    [report] = _run("whatsapp", str(chat_file), "--user", alice.email, "--me", "Alice", "--json")
    assert report["new"] == 7
    assert Message.objects.filter(direction="me").count() == 2
    [again] = _run("whatsapp", str(chat_file), "--user", alice.email, "--json")
    assert again["new"] == 0 and again["duplicates"] == 7


def test_it_requires_a_user_unless_dry_run(db, chat_file):
    with pytest.raises(CommandError):
        call_command("import", "whatsapp", str(chat_file))


def test_it_rejects_an_unknown_time_zone(db, chat_file):
    with pytest.raises(CommandError):
        call_command("import", "whatsapp", str(chat_file), "--dry-run", "--tz", "Mars/Olympus")


def test_responsiveness_command_prints_json(imported, alice):
    from io import StringIO

    out = StringIO()
    call_command("responsiveness", "--user", alice.email, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["workspace"]["me"]["count"] == 1
    assert data["waiting"][0]["person"] == "Yuna Kristina"


def test_responsiveness_command_speaks_the_users_language(imported, alice):
    from io import StringIO

    alice.language = "id"
    alice.save(update_fields=["language"])
    out = StringIO()
    call_command("responsiveness", "--user", alice.email, stdout=out)
    assert "Balasan saya: median 1 jam" in out.getvalue()
    assert "Menunggu balasan Anda" in out.getvalue() and "My replies" not in out.getvalue()


def test_a_dry_run_from_the_console_script_answers_as_the_command_does(db, chat_file, capsys):
    """`kenal import whatsapp FILE --dry-run` skips starting Django, and prints the same report."""
    from kenal.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["import", "whatsapp", str(chat_file), "--dry-run", "--json", "--format", "dmy"])
    assert exited.value.code == 0
    fast = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert fast == _run("whatsapp", str(chat_file), "--dry-run", "--json", "--format", "dmy")
    assert fast[0]["messages"] == 7


def test_a_dry_run_of_a_missing_file_fails_from_the_console_script_too(db, chat_file, capsys):
    from kenal.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["import", "whatsapp", str(chat_file), "hilang.txt", "--dry-run"])
    assert exited.value.code == 1
    assert "CommandError: not found: hilang.txt" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, fast",
    [
        (["import", "whatsapp", "a.txt", "--dry-run"], True),
        (["import", "telegram", "result.json", "--dry-run", "--json"], True),
        (["import", "whatsapp", "a.txt", "--dry-run", "--user", "sari@example.com"], False),
        (["import", "whatsapp", "a.txt"], False),
        (["import", "vcard", "a.vcf", "--dry-run"], False),
        (["import", "whatsapp", "a.txt", "--dry-run", "--settings=other"], False),
    ],
)
def test_only_a_plain_dry_run_skips_django(args, fast):
    from kenal.conversations.cli import is_plain_dry_run

    assert is_plain_dry_run(args) is fast
