"""Latency of the agenda computation at 9 people and at 50,000, and the ratio between them.

Each size gets its own workspace in a temporary SQLite KENAL_HOME, filled with bulk_create: people with
birthdays (some year-less), children with birthdays, own cadences or stage defaults, last contacts spread
over two years, important dates, how-we-met dates and recent life events to follow up.

Run: .venv/bin/python bench/bench_agenda.py [--sizes 9 50000] [--repeat 7] [--days 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES = ["client", "friend", "partner", "prospect", "former_client"]
KINDS = ["child_sick", "illness", "trip", "promotion", "new_job", "birth"]


def setup_django(home: str) -> None:
    os.environ["KENAL_HOME"] = home
    os.environ.pop("KENAL_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(size: int, *, seed: int):
    """A user with a workspace of `size` people; returns (user, workspace)."""
    from django.utils import timezone

    from kenal.accounts.services import user_create
    from kenal.people.models import FamilyMember, LifeEvent, Person

    rng = random.Random(seed + size)
    user = user_create(email=f"bench{size}@example.com", password=None, name=f"Bench {size}")
    workspace = user.current_workspace
    now = timezone.now()
    people = []
    for number in range(size):
        has_birthday = rng.random() < 0.7
        people.append(
            Person(
                workspace=workspace,
                full_name=f"Orang {number}",
                stage=rng.choice(STAGES),
                birth_year=rng.choice([None, rng.randint(1950, 2005)]) if has_birthday else None,
                birth_month=rng.randint(1, 12) if has_birthday else None,
                birth_day=rng.randint(1, 28) if has_birthday else None,
                keep_in_touch_days=rng.choice([None, None, None, 7, 14, 30, 90]),
                last_contact_at=now - timedelta(days=rng.randint(0, 730)) if rng.random() < 0.8 else None,
                met_on=date(rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.3
                else None,
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    ids = list(Person.objects.filter(workspace=workspace).values_list("pk", flat=True))
    family, events = [], []
    for person_id in ids:
        for _child in range(rng.choice([0, 0, 1, 2])):
            family.append(
                FamilyMember(
                    person_id=person_id,
                    relation="child",
                    name="Anak",
                    birth_year=rng.randint(2000, 2024),
                    birth_month=rng.choice([None, rng.randint(1, 12)]),
                    birth_day=rng.randint(1, 28),
                )
            )
        if rng.random() < 0.2:
            events.append(
                LifeEvent(
                    person_id=person_id,
                    kind="anniversary",
                    title="Ulang tahun pernikahan",
                    happened_on=date(rng.randint(1990, 2024), rng.randint(1, 12), rng.randint(1, 28)),
                    recurring=True,
                )
            )
        if rng.random() < 0.1:
            events.append(
                LifeEvent(
                    person_id=person_id,
                    kind=rng.choice(KINDS),
                    title="Kabar",
                    happened_on=now.date() - timedelta(days=rng.randint(0, 400)),
                )
            )
    FamilyMember.objects.bulk_create(family, batch_size=2000)
    LifeEvent.objects.bulk_create(events, batch_size=2000)
    return user, workspace


def measure(user, workspace, *, days: int, repeat: int) -> tuple[float, int, int]:
    """Median seconds of one agenda computation, the number of items and of SQL queries."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from kenal.agenda.selectors import agenda, local_today

    today = local_today(workspace)
    agenda(workspace=workspace, user=user, start=today, days=days)  # warm the caches
    timings = []
    for _run in range(repeat):
        started = time.perf_counter()
        items = agenda(workspace=workspace, user=user, start=today, days=days)
        timings.append(time.perf_counter() - started)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        agenda(workspace=workspace, user=user, start=today, days=days)
    return statistics.median(timings), len(items), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 50_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kenal-bench-") as home:
        setup_django(home)
        results = []
        for size in args.sizes:
            started = time.perf_counter()
            user, workspace = populate(size, seed=2026)
            built = time.perf_counter() - started
            seconds, count, queries = measure(user, workspace, days=args.days, repeat=args.repeat)
            results.append((size, seconds))
            print(
                f"{size:>7} people: agenda over {args.days} days in {seconds * 1000:8.1f} ms "
                f"(median of {args.repeat}), {count} items, {queries} queries; data built in {built:.1f} s"
            )
        if len(results) >= 2:
            (small, small_s), (large, large_s) = results[0], results[-1]
            print(
                f"ratio {large}/{small} people: {large_s / small_s:.1f}x the time for {large / small:.0f}x "
                f"the people"
            )
    print(f"(SQLite, {datetime.now():%Y-%m-%d %H:%M})")


if __name__ == "__main__":
    main()
