"""Full-text search latency over imported messages (FTS5 on SQLite, tsvector on PostgreSQL).

Run: .venv/bin/python bench/bench_search.py --messages 2000000   (add KENAL_DATABASE_URL for PostgreSQL)
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

QUERIES = ["rilis", "besok jam", "undangan", "tidakadakatainiqz", "ok"]


def main(argv=None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--messages", type=int, default=2_000_000)
    args = options.parse_args(argv)
    os.environ.setdefault("KENAL_HOME", tempfile.mkdtemp(prefix="kenal-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    import django

    django.setup()
    from bench_whatsapp import WORDS, generate
    from django.core.management import call_command
    from django.db import connection

    from kenal.accounts.services import user_create
    from kenal.conversations.importer import chats_import
    from kenal.conversations.selectors import search_messages
    from kenal.lib.chats.scan import ChatExport

    call_command("migrate", verbosity=0)
    path = Path(os.environ["KENAL_HOME"]) / "WhatsApp Chat with Bench.txt"
    generate(path, args.messages)
    user = user_create(email=f"bench-{time.time_ns()}@example.com", password=None, name="Bench")
    workspace = user.current_workspace
    chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=workspace.tz), workspace=workspace, user=user
    )
    for query in [*QUERIES, WORDS[0], WORDS[-1]]:
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            rows = list(search_messages(workspace=workspace, query=query)[:31])  # one page, as the page does
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{connection.vendor} {args.messages} messages, q={query!r}: {len(rows)} rows, "
            f"median {statistics.median(timings):.1f} ms"
        )


if __name__ == "__main__":
    main()
