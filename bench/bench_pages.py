"""Server time of the people list, search and person page at 50,000 people, next to a 9-person workspace.

A second workspace as large, with the same names and phone numbers, shares the database, so a search that
is not bounded by the workspace first shows. Search is reported against the unsearched list at the same size.

Run: .venv/bin/python bench/bench_pages.py [--people 50000] [--repeat 20]
     (KENAL_DATABASE_URL=postgres://... for PostgreSQL)
Reported as milliseconds per request and as ratios, measured in one process.

Last run, 3 December 2026, on 2 cores shared with several other test runs (load average about 7, so the
milliseconds are inflated and noisy; the ratios and query counts are what to read):

sqlite, beside a second workspace of 50,000 people
page                               people  median ms  queries
people list                             9      128.1        8
people list, sorted by score            9       85.9        8
search by name                          9       75.7        5
search by phone digits                  9      200.4        8
person page                             9      659.5       15
people list                        50,000      204.1        8
people list, sorted by score       50,000      287.2        8
search by name                     50,000      199.7        8
search by phone digits             50,000      283.3        8
person page                        50,000      845.7       15
search by name: 0.98x the unsearched list at 50,000
search by phone digits: 1.39x the unsearched list at 50,000

postgresql, beside a second workspace of 50,000 people
page                               people  median ms  queries
people list                             9       69.9        8
people list, sorted by score            9       60.2        8
search by name                          9       34.2        5
search by phone digits                  9      262.8        8
person page                             9      491.1       15
people list                        50,000      169.6        8
people list, sorted by score       50,000      334.1        8
search by name                     50,000      155.5        8
search by phone digits             50,000      222.7        8
person page                        50,000      343.4       15
search by name: 0.92x the unsearched list at 50,000
search by phone digits: 1.31x the unsearched list at 50,000

Before issue 10 (its figures): search by name 86.7 ms against 10.5 ms for the list on SQLite (8.3x), an
icontains scan; the person page ran 29 queries.
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
            ContactPoint(workspace=workspace, person=p, kind="phone", value=f"+62812{i:08d}")
            for i, p in enumerate(people)
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
    neighbour = user_create(email=f"bench-neighbour-{time.time_ns()}@example.com", password="x", name="Next")
    populate(neighbour.current_workspace, args.people)
    rows = []
    for size in (9, args.people):
        user = user_create(email=f"bench-{size}-{time.time_ns()}@example.com", password="x", name="Bench")
        person = populate(user.current_workspace, size)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        phone = person.contact_points.get().value  # +62812 then 8 digits; typed the national way
        typed_phone = f"0812 {phone[6:10]} {phone[10:]}"
        client = Client()
        client.force_login(user)
        for label, url in (
            ("people list", "/people/"),
            ("people list, sorted by score", "/people/?sort=score"),
            ("search by name", "/people/?q=klien+0001"),
            ("search by phone digits", f"/people/?q={typed_phone.replace(' ', '+')}"),
            ("person page", f"/people/{person.pk}/"),
        ):
            ms, queries = measure(client, url, args.repeat)
            rows.append((label, size, ms, queries))
    print(f"{connection.vendor}, beside a second workspace of {args.people:,} people")
    print(f"{'page':32} {'people':>8} {'median ms':>10} {'queries':>8}")
    for label, size, ms, queries in rows:
        print(f"{label:32} {size:>8,} {ms:>10.1f} {queries:>8}")
    small = {label: ms for label, size, ms, _q in rows if size == 9}
    for label, size, ms, _q in rows:
        if size != 9:
            print(f"ratio {label}: {ms / small[label]:.1f}x the 9-person time")
    large = {label: ms for label, size, ms, _q in rows if size != 9}
    for label in ("search by name", "search by phone digits"):
        print(f"{label}: {large[label] / large['people list']:.2f}x the unsearched list at {args.people:,}")


if __name__ == "__main__":
    main()
