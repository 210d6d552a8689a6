"""Exporting a large workspace: time and peak memory of `kenal export`, in a process of its own.

Run: .venv/bin/python bench/bench_export.py --people 50000 --messages 1000000   (add KENAL_DATABASE_URL for PostgreSQL)

Baselines measured in the same session: peak memory of `kenal check` (Django and Kenal loaded, no work),
and the time to read every message row without writing anything.

Last run (SQLite, 2 shared cores, 3 December 2026), `--people 50000 --messages 1000000`:
    baseline: reading every message row 14.2 s; `kenal check` peak RSS 123 MB
    kenal export: 199.9 s (14.1x the read), peak RSS 123 MB (0 MB above an idle command), archive 22 MB
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5000


def populate(workspace, people: int, messages: int) -> None:
    from kenal.conversations.models import Conversation, Message
    from kenal.people.models import ContactPoint, Person

    Person.objects.bulk_create(
        (Person(workspace=workspace, full_name=f"Orang Nomor {n}", city="Jakarta") for n in range(people)),
        batch_size=BATCH,
    )
    ids = list(Person.objects.filter(workspace=workspace).values_list("pk", flat=True))
    ContactPoint.objects.bulk_create(
        (
            ContactPoint(workspace=workspace, person_id=pk, kind="phone", value=f"+62812{n:08d}")
            for n, pk in enumerate(ids)
        ),
        batch_size=BATCH,
    )
    chats = min(len(ids), 1000)
    Conversation.objects.bulk_create(
        Conversation(
            workspace=workspace,
            source="whatsapp",
            title=f"Chat {n}",
            thread_key=f"chat-{n}",
            person_id=ids[n],
        )
        for n in range(chats)
    )
    conversations = list(Conversation.objects.filter(workspace=workspace).values_list("pk", "person_id"))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for n in range(messages):
        conversation, person = conversations[n % chats]
        rows.append(
            Message(
                workspace=workspace,
                conversation_id=conversation,
                person_id=person if n % 2 else None,
                direction="them" if n % 2 else "me",
                sender="Orang" if n % 2 else "Saya",
                at=start + timedelta(seconds=n * 37),
                text=f"Pesan ke-{n}: besok jam 10 kita rapat soal rilis, oke?",
                fingerprint=f"{n:040d}",
                line=n,
            )
        )
        if len(rows) == BATCH:
            Message.objects.bulk_create(rows)
            rows = []
    Message.objects.bulk_create(rows)


def run(command: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (MB) of a `kenal` command run in its own process."""
    script = (
        "import resource, sys; from kenal.cli import main\n"
        "try:\n    main(sys.argv[1:])\nfinally:\n"
        "    print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    rss = int(done.stderr.rsplit("RSS", 1)[1].split()[0]) // 1024
    return elapsed, rss


def main(argv=None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--people", type=int, default=50_000)
    options.add_argument("--messages", type=int, default=1_000_000)
    args = options.parse_args(argv)
    home = Path(os.environ.setdefault("KENAL_HOME", tempfile.mkdtemp(prefix="kenal-bench-")))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from kenal.accounts.services import user_create
    from kenal.conversations.models import Message

    call_command("migrate", verbosity=0)
    email = f"bench-{time.time_ns()}@example.com"
    user = user_create(email=email, password=None, name="Bench")
    started = time.perf_counter()
    populate(user.current_workspace, args.people, args.messages)
    print(
        f"populated {args.people} people, {args.messages} messages in {time.perf_counter() - started:.0f} s"
    )

    started = time.perf_counter()
    for _row in (
        Message.objects.filter(workspace=user.current_workspace).values_list().iterator(chunk_size=2000)
    ):
        pass
    read = time.perf_counter() - started
    _seconds, idle_rss = run(["check"])
    out = home / "export.zip"
    seconds, rss = run(["export", "--user", email, "-o", str(out)])
    print(f"baseline: reading every message row {read:.1f} s; `kenal check` peak RSS {idle_rss} MB")
    print(
        f"kenal export: {seconds:.1f} s ({seconds / read:.1f}x the read), peak RSS {rss} MB "
        f"({rss - idle_rss} MB above an idle command), archive {out.stat().st_size / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
