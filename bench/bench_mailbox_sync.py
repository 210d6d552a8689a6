"""`kenal sync` of a 10,000-message mailbox from a real Dovecot, against importing the same mail as an mbox.

Run: .venv/bin/python bench/bench_mailbox_sync.py --messages 10000
     (needs /usr/sbin/dovecot: `make dovecot`; KENAL_DATABASE_URL measures on PostgreSQL)
Prints the first sync's time and its ratio to `chats_import` of the same emails as one mbox (the
`kenal import email` path, same process), a repeat sync that finds nothing new, and peak RSS before
and after the sync (the sync fetches bounded batches, so its peak should not grow with the mailbox).

Last run (SQLite, 2 shared cores, 3 Dec 2026):
  sqlite: first sync of 10000 messages: 42.3s (10000 new, error none) = 237 messages/s; import of the same
  mail as one mbox: 46.6s (10000 new); sync/import = 0.91x
  repeat sync: 0.05s, 0 new
  peak RSS: 94 MB before the sync, 97 MB after it
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emails(count: int, seed: int = 15) -> list[bytes]:
    """Threads between a few dozen clients and the user, with quotes and signatures like real mail."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    rng = random.Random(seed)
    people = [f"Klien {number} <klien{number}@example.com>" for number in range(60)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    result, roots = [], []
    for number in range(count):
        message = EmailMessage()
        message["From"] = rng.choice(people)
        message["To"] = "bench@example.com"
        message["Message-ID"] = f"<m{number}@bench.example.com>"
        message["Date"] = format_datetime(start + timedelta(minutes=7 * number))
        if roots and rng.random() < 0.6:
            root = rng.choice(roots)
            message["Subject"] = f"Re: Proyek {root}"
            message["In-Reply-To"] = message["References"] = f"<m{root}@bench.example.com>"
        else:
            roots.append(number)
            message["Subject"] = f"Proyek {number}"
        body = rng.choice(
            [
                "Baik, besok jam 3 sore saya kirim revisinya.",
                "Terima kasih, sudah kami terima.",
                "Bisa kita jadwalkan rapat minggu depan?",
                "Mohon dicek lampiran proposalnya ya.",
            ]
        )
        message.set_content(f"{body}\n\nSalam,\nTim\n-- \nPT Contoh\n\nOn Mon wrote:\n> sebelumnya\n> {body}")
        result.append(bytes(message))
    return result


def main(argv=None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--messages", type=int, default=10_000)
    args = options.parse_args(argv)
    home = tempfile.mkdtemp(prefix="kenal-bench-")
    os.environ.setdefault("KENAL_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kenal.accounts.services import user_create
    from kenal.capture.pipeline import RawEmail, _write_mbox_entry
    from kenal.capture.services import mailbox_add, mailbox_sync
    from kenal.conversations.importer import chats_import
    from kenal.lib.chats.scan import ChatExport
    from tests.capture import dovecot

    call_command("migrate", verbosity=0)
    mail = emails(args.messages)
    server = dovecot.start()
    try:
        username = "bench@example.com"
        with server.client(username, server.password) as client:
            for start in range(0, len(mail), 500):
                client.multiappend("INBOX", mail[start : start + 500])
        user = user_create(email=f"bench-{time.time_ns()}@example.com", password=None, name="Bench")
        mailbox = mailbox_add(
            workspace=user.current_workspace,
            user=user,
            host="127.0.0.1",
            port=server.port,
            security="plain",
            username=username,
            password=server.password,
        )
        before = rss_mb()
        started = time.perf_counter()
        report = mailbox_sync(mailbox=mailbox)
        sync_seconds = time.perf_counter() - started
        after = rss_mb()
        started = time.perf_counter()
        repeat = mailbox_sync(mailbox=mailbox)
        repeat_seconds = time.perf_counter() - started
    finally:
        server.stop()
    other = user_create(email=f"baseline-{time.time_ns()}@example.com", password=None, name="Baseline")
    path = Path(home) / "baseline.mbox"
    tz = other.current_workspace.tz
    with open(path, "wb") as out:
        for data in mail:
            _write_mbox_entry(out, RawEmail(data=data), tz)
    started = time.perf_counter()
    baseline = chats_import(
        export=ChatExport(source="email", path=path, tz=tz),
        workspace=other.current_workspace,
        user=other,
        me=["bench@example.com"],
    )
    import_seconds = time.perf_counter() - started
    print(
        f"{connection.vendor}: first sync of {args.messages} messages: {sync_seconds:.1f}s "
        f"({report.new} new, error {report.error or 'none'}) = {args.messages / sync_seconds:,.0f} messages/s; "
        f"import of the same mail as one mbox: {import_seconds:.1f}s ({baseline.new} new); "
        f"sync/import = {sync_seconds / import_seconds:.2f}x"
    )
    print(f"repeat sync: {repeat_seconds:.2f}s, {repeat.new} new")
    print(f"peak RSS: {before:.0f} MB before the sync, {after:.0f} MB after it")


if __name__ == "__main__":
    main()
