"""Server time of the people list and the person page at 50,000 people, next to a 9-person workspace.

Run: .venv/bin/python bench/bench_pages.py [--people 50000] [--repeat 20]
Reported as milliseconds per request and as the ratio large/small, measured in one process.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KENAL_HOME", tempfile.mkdtemp(prefix="kenal-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kenal.accounts.services import user_create  # noqa: E402
from kenal.people.models import ContactPoint, Employment, Fact, FamilyMember, Organization, Person  # noqa: E402


def populate(workspace, count: int) -> Person:
    organizations = Organization.objects.bulk_create(
        Organization(workspace=workspace, name=f"PT Klien {i}") for i in range(max(1, count // 50))
    )
    people = Person.objects.bulk_create(
        (
            Person(
                workspace=workspace,
                full_name=f"Klien {i:06d}",
                stage="client",
                birth_month=1 + i % 12,
                birth_day=1 + i % 28,
                score_base=i % 90,
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    Employment.objects.bulk_create(
        (
            Employment(person=p, organization=organizations[i % len(organizations)])
            for i, p in enumerate(people)
        ),
        batch_size=2000,
    )
    ContactPoint.objects.bulk_create(
        (
            ContactPoint(workspace=workspace, person=p, kind="phone", value=f"+62812{p.pk:08d}")
            for p in people
        ),
        batch_size=2000,
    )
    FamilyMember.objects.bulk_create(
        (FamilyMember(person=p, relation="child", name=f"Anak {p.pk}") for p in people[::3]), batch_size=2000
    )
    Fact.objects.bulk_create(
        (Fact(person=p, category="interest", value="golf") for p in people[::2]), batch_size=2000
    )
    return people[len(people) // 2]


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, url
    return statistics.median(timings) * 1000, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rows = []
    for size in (9, args.people):
        user = user_create(email=f"bench-{size}-{time.time_ns()}@example.com", password="x", name="Bench")
        person = populate(user.current_workspace, size)
        client = Client()
        client.force_login(user)
        for label, url in (
            ("people list", "/people/"),
            ("people list, sorted by score", "/people/?sort=score"),
            ("people search", "/people/?q=klien+0001"),
            ("person page", f"/people/{person.pk}/"),
        ):
            ms, queries = measure(client, url, args.repeat)
            rows.append((label, size, ms, queries))
    print(f"{'page':32} {'people':>8} {'median ms':>10} {'queries':>8}")
    for label, size, ms, queries in rows:
        print(f"{label:32} {size:>8,} {ms:>10.1f} {queries:>8}")
    small = {label: ms for label, size, ms, _q in rows if size == 9}
    for label, size, ms, _q in rows:
        if size != 9:
            print(f"ratio {label}: {ms / small[label]:.1f}x the 9-person time")


if __name__ == "__main__":
    main()
