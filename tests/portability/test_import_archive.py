"""`kenal import archive`: an export restored into an empty workspace exports again the same, ids and time apart."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.accounts.models import Membership, Workspace
from kenal.people.models import Person
from kenal.portability.kinds import mark_key_remap


def _export(path, email="alice@example.com"):
    call_command("export", "--user", email, "-o", str(path))
    return path


def _canonical(path) -> dict:
    """The archive with ids replaced by each row's position in its kind, and the export time left out."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {name: json.loads(archive.read(entry["file"])) for name, entry in manifest["kinds"].items()}
        position = {name: {row["id"]: n for n, row in enumerate(rows)} for name, rows in tables.items()}
        for name, rows in tables.items():
            entry = manifest["kinds"][name]
            for row in rows:
                row["id"] = position[name][row["id"]]
                for column, target in entry["refs"].items():
                    if row.get(column) is not None:
                        row[column] = position[target].get(row[column], "missing")
                for key, target in entry["many"].items():
                    row[key] = [position[target][pk] for pk in row[key]]
                if name == "uploads":
                    row["file"] = re.sub(r"^files/\d+-", "files/", row["file"])
                if name == "agenda_marks":
                    row["key"] = mark_key_remap(row["key"], lambda kind, pk: position[kind][pk])
        files = {re.sub(r"^files/\d+-", "files/", name): archive.read(name) for name in manifest["files"]}
        people_csv = [row[1:] for row in csv.reader(io.StringIO(archive.read("csv/people.csv").decode()))]
        vcard = re.sub(r"UID:kenal-\d+-\d+", "UID:", archive.read("contacts.vcf").decode())
    del manifest["exported_at"]
    manifest["files"] = sorted(files)
    return {"manifest": manifest, "tables": tables, "files": files, "csv": people_csv, "vcard": vcard}


def _move_to_empty_workspace(alice) -> Workspace:
    """A second, empty workspace of alice's with the same name, made her current one."""
    other = Workspace.objects.create(name=alice.current_workspace.name, is_personal=True)
    Membership.objects.create(workspace=other, user=alice, role=Membership.Role.OWNER)
    alice.current_workspace = other
    alice.save(update_fields=["current_workspace"])
    return other


def test_export_import_export_round_trips(sekar_world, alice, tmp_path):
    first = _export(tmp_path / "first.zip")
    other = _move_to_empty_workspace(alice)

    call_command("import", "archive", str(first), "--user", alice.email)
    second = _export(tmp_path / "second.zip")

    before, after = _canonical(first), _canonical(second)
    assert after["manifest"] == before["manifest"]
    for name in before["tables"]:
        assert after["tables"][name] == before["tables"][name], name
    assert after["files"] == before["files"]
    assert after["csv"] == before["csv"]
    assert after["vcard"] == before["vcard"]
    assert Person.objects.filter(workspace=other).count() == 2


def test_it_refuses_a_workspace_that_holds_data(sekar_world, alice, tmp_path):
    archive = _export(tmp_path / "first.zip")
    with pytest.raises(CommandError, match="empty workspace"):
        call_command("import", "archive", str(archive), "--user", alice.email)
    assert Person.objects.count() == 2


def test_a_broken_line_is_named_and_nothing_is_kept(sekar_world, alice, tmp_path):
    source = _export(tmp_path / "first.zip")
    empty_workspace = _move_to_empty_workspace(alice)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "data/facts.json":
                data = data.replace(b'"category"', b'"category', 1)
            out.writestr(info, data)
    with pytest.raises(CommandError, match=r"data/facts.json, line 2"):
        call_command("import", "archive", str(broken), "--user", alice.email)
    assert not Person.objects.filter(workspace=empty_workspace).exists()
    assert not list((tmp_path / "kenal-home" / "uploads").rglob(f"{empty_workspace.pk}/*"))


def test_it_refuses_what_is_not_an_archive(alice, tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("hello")
    with pytest.raises(CommandError, match="notes.zip is not a Kenal export archive"):
        call_command("import", "archive", str(path), "--user", alice.email)
