"""Server time and query count of the Work and Network pages at agency scale, next to a tiny workspace.

Run: .venv/bin/python bench/bench_work.py [--people 20000] [--repeat 10]
Creates N people, N/4 engagements (with scope items, requests and change requests), N/4 opportunities,
N/10 referrals, N favours and links. Reported as median ms per request and the ratio large/small.
"""

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KENAL_HOME", tempfile.mkdtemp(prefix="kenal-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.bench_pages import measure  # noqa: E402
from kenal.accounts.services import user_create  # noqa: E402
from kenal.engagements.models import ChangeRequest, ClientRequest, Engagement, Opportunity, ScopeItem  # noqa: E402
from kenal.network.models import Favour, Referral  # noqa: E402
from kenal.people.models import Person, PersonLink  # noqa: E402


def populate(workspace, count: int):
    people = Person.objects.bulk_create(
        (Person(workspace=workspace, full_name=f"Klien {i:06d}") for i in range(count)), batch_size=2000
    )
    referrals = Referral.objects.bulk_create(
        (
            Referral(
                workspace=workspace,
                introducer=people[i],
                introduced=people[i + 1],
                introduced_on="2025-01-01",
            )
            for i in range(0, max(2, count // 10) - 1)
        ),
        batch_size=2000,
    )
    engagements = Engagement.objects.bulk_create(
        (
            Engagement(
                workspace=workspace,
                title=f"Proyek {i}",
                person=people[i % count],
                fee=Decimal(1000000 + i),
                referral=referrals[i % len(referrals)] if referrals and i % 3 == 0 else None,
                starts_on="2026-01-01",
            )
            for i in range(max(1, count // 4))
        ),
        batch_size=2000,
    )
    items = ScopeItem.objects.bulk_create(
        (
            ScopeItem(workspace=workspace, engagement=e, deliverable="Siaran pers", revisions_included=3)
            for e in engagements
        ),
        batch_size=2000,
    )
    requests = ClientRequest.objects.bulk_create(
        (
            ClientRequest(
                workspace=workspace,
                engagement=item.engagement,
                scope_item=item,
                text="revisi",
                verdict="in_scope",
                is_revision=True,
                revision_number=1,
                requested_on="2026-02-01",
            )
            for item in items
        ),
        batch_size=2000,
    )
    ChangeRequest.objects.bulk_create(
        (
            ChangeRequest(
                workspace=workspace, engagement=r.engagement, title="Tambahan", price=Decimal(500000)
            )
            for r in requests[::2]
        ),
        batch_size=2000,
    )
    Opportunity.objects.bulk_create(
        (
            Opportunity(
                workspace=workspace,
                title=f"Peluang {i}",
                value=Decimal(i),
                stage=Opportunity.Stage.values[i % 6],
            )
            for i in range(max(1, count // 4))
        ),
        batch_size=2000,
    )
    Favour.objects.bulk_create(
        (
            Favour(
                workspace=workspace,
                person=p,
                direction="given" if p.pk % 2 else "received",
                description="x",
                happened_on="2026-01-01",
            )
            for p in people
        ),
        batch_size=2000,
    )
    PersonLink.objects.bulk_create(
        (
            PersonLink(from_person=people[i], to_person=people[(i * 7 + 1) % count], kind="colleague")
            for i in range(count)
            if people[i].pk != people[(i * 7 + 1) % count].pk
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )
    return engagements[len(engagements) // 2], people[len(people) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rows = []
    for size in (12, args.people):
        user = user_create(email=f"bench-{size}-{time.time_ns()}@example.com", password="x", name="Bench")
        engagement, person = populate(user.current_workspace, size)
        client = Client()
        client.force_login(user)
        for label, url in (
            ("work list", "/work/"),
            ("work search", "/work/?q=proyek+12"),
            ("engagement page", f"/work/{engagement.pk}/"),
            ("pipeline", "/work/pipeline/"),
            ("network page", "/network/"),
            ("referrals", "/network/referrals/"),
            ("favours", "/network/favours/"),
            ("person page", f"/people/{person.pk}/"),
        ):
            ms, queries = measure(client, url, args.repeat)
            rows.append((label, size, ms, queries))
    print(f"{'page':20} {'people':>8} {'median ms':>10} {'queries':>8}")
    for label, size, ms, queries in rows:
        print(f"{label:20} {size:>8,} {ms:>10.1f} {queries:>8}")
    small = {label: ms for label, size, ms, _q in rows if size == 12}
    for label, size, ms, _q in rows:
        if size != 12:
            print(f"ratio {label}: {ms / small[label]:.1f}x the small-workspace time")


if __name__ == "__main__":
    main()
