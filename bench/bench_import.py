"""End-to-end import of a generated WhatsApp export into SQLite (and PostgreSQL with KENAL_DATABASE_URL).

Run: .venv/bin/python bench/bench_import.py --messages 1000000
     KENAL_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kenal_bench .venv/bin/python bench/bench_import.py
Reports messages per second and peak RSS (the target is under 300 MB at 1,000,000 messages); a second
import of the same file measures the dedup path, whose per-message cost should not grow with the table
(compare --messages 20000 with --messages 200000).

Scan/write split (issue 10), --messages 200000 on SQLite, the tree before and after run side by side on
2 shared cores: first import 609 vs 614 messages/s, re-import 5,230 vs 5,539 messages/s, peak RSS 85-92 MB.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv=None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--messages", type=int, default=1_000_000)
    args = options.parse_args(argv)
    home = tempfile.mkdtemp(prefix="kenal-bench-")
    os.environ.setdefault("KENAL_HOME", home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    import django

    django.setup()
    from bench_whatsapp import generate
    from django.core.management import call_command
    from django.db import connection

    from kenal.accounts.services import user_create
    from kenal.conversations.importer import chats_import
    from kenal.lib.chats.scan import ChatExport

    call_command("migrate", verbosity=0)
    path = Path(home) / "WhatsApp Chat with Bench.txt"
    generate(path, args.messages)
    user = user_create(email=f"bench-{time.time_ns()}@example.com", password=None, name="Bench")
    user.me_names = "Sari"
    user.save(update_fields=["me_names"])
    workspace = user.current_workspace
    for label in ("first import", "re-import"):
        started = time.perf_counter()
        report = chats_import(
            export=ChatExport(source="whatsapp", path=path, tz=workspace.tz), workspace=workspace, user=user
        )
        elapsed = time.perf_counter() - started
        total = report.messages + report.system
        print(
            f"{connection.vendor} {label}: {total} lines in {elapsed:.1f}s = {total / elapsed:,.0f} messages/s "
            f"(new {report.new}, duplicates {report.duplicates}, malformed {len(report.malformed)}), "
            f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )


if __name__ == "__main__":
    main()
