"""Erasure leaves no trace of the person in any table, the search index or any file under KENAL_HOME."""

import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from kenal.commitments.models import Commitment
from kenal.conversations.models import Conversation, Message
from kenal.engagements.models import Engagement
from kenal.people.models import Activity, Note, Person
from kenal.portability.services import person_erase
from tests.portability.conftest import TRACES


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _rows_with_traces() -> list[str]:
    """Every table, shadow tables of the search index included, searched cell by cell."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for cell in row:
                    if isinstance(cell, (bytes, memoryview)):
                        cell = bytes(cell).decode("utf-8", "replace")
                    if isinstance(cell, str):
                        found += [
                            f"{table}: {trace}" for trace in TRACES if trace.casefold() in cell.casefold()
                        ]
    return found


def _files_with_traces() -> list[str]:
    found = []
    for path in Path(settings.KENAL_HOME).rglob("*"):
        if not path.is_file():
            continue
        contents = [path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                contents += [archive.read(name) for name in archive.namelist()]
        for content in contents:
            text = content.decode("utf-8", "replace").casefold()
            found += [f"{path}: {trace}" for trace in TRACES if trace.casefold() in text]
    return found


def _search_hits(word: str) -> int:
    if connection.vendor != "sqlite":
        return Message.objects.filter(text__icontains=word).count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM conversations_message_fts WHERE conversations_message_fts MATCH ?", [word]
        )
        return cursor.fetchone()[0]


def test_the_world_holds_traces_before_erasure(sekar_world):
    assert _rows_with_traces()
    assert _files_with_traces()
    assert _search_hits("kelengkeng") == 1


def test_it_leaves_no_trace_in_any_table_index_or_file(sekar_world, alice):
    person_erase(person=sekar_world["sekar"], user=alice)

    assert _rows_with_traces() == []
    assert _files_with_traces() == []
    assert _search_hits("kelengkeng") == 0
    assert _search_hits("montong") == 0


def test_it_keeps_everyone_else_and_the_business_records(sekar_world, alice):
    hendra, promise, engagement = sekar_world["hendra"], sekar_world["promise"], sekar_world["engagement"]
    person_erase(person=sekar_world["sekar"], user=alice)

    assert list(Person.objects.values_list("full_name", flat=True)) == ["Hendra Wijaya"]
    group = Conversation.objects.get(title="Tim Launching")
    assert list(group.messages.values_list("sender", "text")) == [
        ("Hendra Wijaya", "Rapat jam 2 ya"),
        ("Alice", "Siap, terima kasih erased person"),
        ("Hendra Wijaya", "Siap"),
    ]
    assert group.message_count == 3
    assert Conversation.objects.count() == 1
    promise = Commitment.objects.get(pk=promise.pk)
    assert (promise.debtor_person, promise.debtor_name, promise.what) == (
        None,
        "erased person",
        "erased person kirim brief",
    )
    assert Engagement.objects.get(pk=engagement.pk).person is None
    assert Note.objects.get(person=hendra).body == "Teman kuliah erased person"
    assert list(Activity.objects.values_list("title", "body")) == [
        ("Rapat bertiga", "erased person memimpin")
    ]


def test_the_command_erases_with_yes(sekar_world, alice, capsys):
    call_command("erase", "person", str(sekar_world["sekar"].pk), "--user", alice.email, "--yes")

    assert not Person.objects.filter(full_name="Sekar Ayuningtyas").exists()
    assert "Erased person" in capsys.readouterr().out


def test_the_command_refuses_without_yes(sekar_world, alice):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("erase", "person", str(sekar_world["sekar"].pk), "--user", alice.email)
    assert Person.objects.filter(full_name="Sekar Ayuningtyas").exists()


def test_the_command_refuses_another_workspaces_person(sekar_world, charlie):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No person"):
        call_command("erase", "person", str(sekar_world["sekar"].pk), "--user", charlie.email, "--yes")
    assert Person.objects.filter(full_name="Sekar Ayuningtyas").exists()


def test_it_reaches_people_deleted_in_the_last_30_days(sekar_world, alice):
    """Hendra, deleted but restorable, had a note and a link naming Sekar: erasing her clears them too."""
    from kenal.people.models import DeletedPerson, PersonLink
    from kenal.people.services import person_delete, person_restore

    hendra_id = sekar_world["hendra"].pk
    person_delete(person=sekar_world["hendra"], user=alice)
    person_erase(person=sekar_world["sekar"], user=alice)

    assert _rows_with_traces() == []
    person_restore(deleted=DeletedPerson.objects.get(person_id=hendra_id), user=alice)
    hendra = Person.objects.get(pk=hendra_id)
    assert hendra.notes.get().body == "Teman kuliah erased person"
    assert not PersonLink.objects.filter(from_person=hendra).exists()
