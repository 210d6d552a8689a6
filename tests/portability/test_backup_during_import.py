"""A backup taken while a chat import writes its batches restores to a consistent Kenal: a committed prefix of
the import, every message in an existing conversation, every kept file present with its checksum.

The import and the backup run as real `kenal` processes on a real KENAL_HOME (SQLite in WAL mode), as a
nightly cron backup would meet a running import."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 40_000  # 20 batches of the importer's 2,000: the import outlasts the backup
BATCH = 2_000


def _kenal(home: Path, *args: str, wait: bool = True, **kwargs):
    env = {key: value for key, value in os.environ.items() if not key.startswith("KENAL_DATABASE")}
    env.update(KENAL_HOME=str(home), DJANGO_SETTINGS_MODULE="kenal.settings", KENAL_PASSWORD="password-alice")
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    if not wait:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)


def _chat(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(MESSAGES):
            minute = n % (24 * 60)
            day = 1 + n // (24 * 60)
            who = "Hendra Wijaya" if n % 2 else "Alice"
            out.write(f"{day:02d}/01/26 {minute // 60:02d}.{minute % 60:02d} - {who}: pesan nomor {n}\n")


def _messages(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM conversations_message").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.skipif(
    os.environ.get("KENAL_DATABASE_URL", "").startswith("postgres"), reason="SQLite's online backup"
)
def test_a_backup_taken_mid_import_restores_a_consistent_prefix(tmp_path):
    live = tmp_path / "live"
    _kenal(live, "migrate", "-v0")
    _kenal(live, "adduser", "alice@example.com", "--name", "Alice")
    chat = tmp_path / "WhatsApp Chat with Hendra Wijaya.txt"
    _chat(chat)

    importing = _kenal(live, "import", "whatsapp", str(chat), "--user", "alice@example.com", wait=False)
    database = live / "kenal.sqlite3"
    deadline = time.monotonic() + 120
    while _messages(database) < BATCH and importing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    backup = tmp_path / "backup.zip"
    _kenal(live, "backup", "-o", str(backup))
    out, err = importing.communicate(timeout=300)
    assert importing.returncode == 0, err.decode()
    assert _messages(database) == MESSAGES

    restored = tmp_path / "restored"
    _kenal(restored, "restore", str(backup), "--home", str(restored))
    db = sqlite3.connect(restored / "kenal.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count = db.execute("SELECT count(*) FROM conversations_message").fetchone()[0]
    # What the backup holds is whole batches: the import commits each one in its own transaction.
    assert BATCH <= count < MESSAGES and count % BATCH == 0
    orphans = db.execute(
        "SELECT count(*) FROM conversations_message m "
        "LEFT JOIN conversations_conversation c ON c.id = m.conversation_id WHERE c.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    # Each conversation's figures were saved in the batch's transaction, so they match its messages.
    for stored, actual in db.execute(
        "SELECT c.message_count, (SELECT count(*) FROM conversations_message m WHERE m.conversation_id = c.id) "
        "FROM conversations_conversation c"
    ):
        assert stored == actual
    # The import's progress (where a resumed import starts) is the prefix the backup holds.
    assert db.execute("SELECT max(progress) FROM conversations_importfile").fetchone()[0] == count
    uploads = db.execute("SELECT file, sha256 FROM accounts_upload").fetchall()
    assert uploads, "the original chat file is kept as an upload"
    for name, checksum in uploads:
        assert hashlib.sha256((restored / "uploads" / name).read_bytes()).hexdigest() == checksum
