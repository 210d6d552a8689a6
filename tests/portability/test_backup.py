"""`kenal backup`, `--verify` and `kenal restore`: the same rows and files come back, damage is caught."""

import hashlib
import sqlite3
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup; pg_dump is run by hand"),
    # Committed rows, as a running Kenal has: the online backup copies what is committed.
    pytest.mark.django_db(transaction=True),
]


def _counts_here() -> dict:
    with connection.cursor() as cursor:
        tables = [
            t
            for t in connection.introspection.table_names(cursor)
            if not t.startswith("conversations_message_fts")
        ]
        return {t: cursor.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _files(root: Path) -> dict:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_backup_then_restore_gives_the_same_rows_and_files(sekar_world, tmp_path, capsys):
    out = tmp_path / "backup.zip"
    call_command("backup", "-o", str(out))
    call_command("backup", "--verify", str(out))
    assert "OK" in capsys.readouterr().out

    home = tmp_path / "restored"
    call_command("restore", str(out), "--home", str(home))

    restored = sqlite3.connect(home / "kenal.sqlite3")
    counts = {t: restored.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _counts_here()}
    assert counts == _counts_here()
    assert counts["people_person"] == 2 and counts["conversations_message"] == 7
    assert _files(home / "uploads") == _files(Path(settings.MEDIA_ROOT))


def test_verify_catches_a_damaged_backup(sekar_world, tmp_path):
    out = tmp_path / "backup.zip"
    call_command("backup", "-o", str(out))
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("uploads/") and info.filename.endswith(".vcf"):
                data = data.replace(b"Sekar", b"Sekra")
            target.writestr(info, data)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("backup", "--verify", str(damaged))
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), "--home", str(tmp_path / "restored"))


def test_restore_refuses_a_home_in_use(sekar_world, tmp_path):
    out = tmp_path / "backup.zip"
    call_command("backup", "-o", str(out))
    home = tmp_path / "busy"
    home.mkdir()
    (home / "kenal.sqlite3").write_bytes(b"mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(out), "--home", str(home))
    assert (home / "kenal.sqlite3").read_bytes() == b"mine"
