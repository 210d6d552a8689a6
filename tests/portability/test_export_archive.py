"""The whole workspace as one archive: every kind of record, the kept files, vCard and CSV, valid against the schema."""

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.portability.kinds import KINDS

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "export-schema.json").read_text())


def _export(tmp_path, email="alice@example.com") -> zipfile.ZipFile:
    out = tmp_path / "export.zip"
    call_command("export", "--user", email, "-o", str(out))
    return zipfile.ZipFile(out)


def test_the_archive_holds_every_kind_and_validates(sekar_world, tmp_path):
    archive = _export(tmp_path)
    manifest = json.loads(archive.read("manifest.json"))
    jsonschema.validate(manifest, {**SCHEMA, "$ref": "#/$defs/manifest"})
    assert list(manifest["kinds"]) == [kind.name for kind in KINDS]
    for name, entry in manifest["kinds"].items():
        rows = json.loads(archive.read(entry["file"]))
        jsonschema.validate(rows, {**SCHEMA, "$ref": "#/$defs/rows"})
        assert len(rows) == entry["count"], name
    people = json.loads(archive.read("data/people.json"))
    assert [p["full_name"] for p in people] == ["Sekar Ayuningtyas", "Hendra Wijaya"]
    messages = json.loads(archive.read("data/messages.json"))
    assert "Saya bawa durian montong" in [m["text"] for m in messages]


def test_each_row_is_one_line_so_a_reader_can_stream_it(sekar_world, tmp_path):
    archive = _export(tmp_path)
    lines = archive.read("data/messages.json").decode().splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]]


def test_the_archive_keeps_the_original_files_the_vcard_and_a_spreadsheet(sekar_world, tmp_path):
    archive = _export(tmp_path)
    manifest = json.loads(archive.read("manifest.json"))
    names = set(archive.namelist())
    assert set(manifest["files"]) <= names
    originals = [name for name in manifest["files"] if "WhatsApp Chat with" in name]
    assert len(originals) == 2
    assert "Sekar Ayuningtyas" in archive.read("contacts.vcf").decode()
    assert "Hendra Wijaya" in archive.read("csv/people.csv").decode()


def test_private_notes_of_others_stay_out(sekar_world, bob, tmp_path):
    from kenal.people.services import note_add

    note_add(person=sekar_world["hendra"], author=bob, body="Bob's own note")
    archive = _export(tmp_path)
    assert "Bob's own note" not in archive.read("data/notes.json").decode()


def test_an_outsider_cannot_name_another_workspace(sekar_world, charlie, workspace, tmp_path):
    with pytest.raises(CommandError, match="not a member"):
        call_command(
            "export", "--user", charlie.email, "--workspace", str(workspace.pk), "-o", str(tmp_path / "x")
        )


def test_a_plain_team_member_may_not_take_everything(sekar_world, bob, workspace, tmp_path):
    workspace.is_personal = False
    workspace.save(update_fields=["is_personal"])
    with pytest.raises(CommandError, match="owners and admins"):
        _export(tmp_path, bob.email)
