"""Backups of a running Kenal: the database (SQLite's online backup API, or pg_dump) and the uploads, in
one zip with a manifest of SHA-256 checksums; verify and restore read it back."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

FORMAT = "kenal-backup"
VERSION = 1
CHUNK = 1 << 20


def backup_write(*, out) -> dict:
    """Write a consistent copy of the database and every upload to `out`; return the manifest."""
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "files": {},
    }
    with tempfile.TemporaryDirectory(prefix="kenal-backup-") as folder:
        dump = Path(folder) / ("kenal.sqlite3" if connection.vendor == "sqlite" else "kenal.pgdump")
        _dump_database(dump)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            manifest["files"][f"database/{dump.name}"] = _add(archive, dump, f"database/{dump.name}")
            media = Path(settings.MEDIA_ROOT)
            for path in sorted(media.rglob("*")) if media.exists() else []:
                if path.is_file():
                    name = f"uploads/{path.relative_to(media).as_posix()}"
                    manifest["files"][name] = _add(archive, path, name)
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def _dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # Our own uncommitted writes would keep the copy waiting on them forever.
            raise ValidationError("Back up outside a transaction.")
        connection.ensure_connection()
        # The online backup API copies page by page while other connections keep writing (WAL mode).
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        env = {**os.environ, "PGPASSWORD": str(params.get("password") or "")}
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
        for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if params.get(key):
                command.append(f"{flag}={params[key]}")
        command.append(params.get("dbname") or connection.settings_dict["NAME"])
        subprocess.run(command, check=True, env=env, capture_output=True)
        return
    raise ValidationError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _add(archive: zipfile.ZipFile, path: Path, name: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source, archive.open(name, "w", force_zip64=True) as entry:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            entry.write(chunk)
    return digest.hexdigest()


def backup_verify(*, path) -> dict:
    """Read every file of the backup back and check it against the manifest; a ValidationError says what's wrong."""
    name = Path(path).name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(f"{name} is not a Kenal backup (not a zip file).") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError):
            raise ValidationError(f"{name} has no readable manifest.json.") from None
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise ValidationError(f"{name} is not a Kenal backup of format version {VERSION}.")
        for member, expected in manifest["files"].items():
            digest = hashlib.sha256()
            try:
                with archive.open(member) as entry:
                    while chunk := entry.read(CHUNK):
                        digest.update(chunk)
            except KeyError:
                raise ValidationError(f"{name}: {member} is missing.") from None
            if digest.hexdigest() != expected:
                raise ValidationError(f"{name}: {member} does not match its checksum; the backup is damaged.")
    return manifest


def _home_is_empty(home: Path) -> bool:
    """True for a KENAL_HOME that start-up alone made: its key, its static folder and an empty database file."""
    for entry in home.iterdir():
        if entry.name in ("secret_key", "static"):
            continue
        if entry.name.startswith("kenal.sqlite3") and entry.is_file() and entry.stat().st_size == 0:
            continue
        return False
    return True


def backup_restore(*, path, home: Path, database_url: str = "") -> dict:
    """Restore a verified backup into an empty KENAL_HOME (SQLite) or an empty database (PostgreSQL)."""
    manifest = backup_verify(path=path)
    home = Path(home)
    if home.exists() and not _home_is_empty(home):
        raise ValidationError(f"{home} is not empty: restore into an empty KENAL_HOME.")
    home.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as archive:
        for member in manifest["files"]:
            if member.startswith("uploads/"):
                target = home / member
            elif manifest["database"] == "sqlite":
                target = home / "kenal.sqlite3"
            else:
                target = home / "kenal.pgdump"
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as entry, open(target, "wb") as out:
                shutil.copyfileobj(entry, out, CHUNK)
    if manifest["database"] == "postgresql":
        if not database_url:
            raise ValidationError("Name the empty database to restore into with KENAL_DATABASE_URL.")
        dump = home / "kenal.pgdump"
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={database_url}", str(dump)], check=True)
        dump.unlink()
    return manifest
