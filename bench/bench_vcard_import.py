"""End-to-end vCard import into SQLite: cards/s next to vobject's own parse of the same file.

Run: .venv/bin/python bench/bench_vcard_import.py [--cards 50000]
Both figures come from one process on one file, so the ratio holds on a noisy machine.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KENAL_HOME", tempfile.mkdtemp(prefix="kenal-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")

import django  # noqa: E402

django.setup()

import vobject  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.bench_vcard_parse import generate  # noqa: E402
from kenal.accounts.services import user_create  # noqa: E402
from kenal.people.models import Person  # noqa: E402
from kenal.people.vcard import vcard_import  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=50_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = user_create(email=f"bench{time.time_ns()}@example.com", password="x", name="Bench")
    path = Path(os.environ["KENAL_HOME"]) / "cards.vcf"
    generate(path, args.cards)

    started = time.perf_counter()
    with path.open(encoding="utf-8") as stream:
        parsed = sum(1 for _ in vobject.readComponents(stream, ignoreUnreadable=True))
    vobject_seconds = time.perf_counter() - started

    started = time.perf_counter()
    report = vcard_import(workspace=user.current_workspace, user=user, path=path)
    import_seconds = time.perf_counter() - started

    started = time.perf_counter()
    again = vcard_import(workspace=user.current_workspace, user=user, path=path)
    reimport_seconds = time.perf_counter() - started

    people = Person.objects.filter(workspace=user.current_workspace).count()
    print(f"cards: {args.cards:,} ({path.stat().st_size / 1e6:.1f} MB), people stored: {people:,}")
    print(
        f"vobject.readComponents parse only: {parsed / vobject_seconds:,.0f} cards/s ({vobject_seconds:.1f} s)"
    )
    print(
        f"Kenal import into SQLite:           {args.cards / import_seconds:,.0f} cards/s ({import_seconds:.1f} s); "
        f"created {report.created:,}, updated {report.updated:,}, errors {len(report.errors)}"
    )
    print(
        f"Kenal re-import (nothing changes):  {args.cards / reimport_seconds:,.0f} cards/s; "
        f"unchanged {again.unchanged:,}, updated {again.updated}, created {again.created}"
    )
    print(
        f"ratio: full import runs at {vobject_seconds / import_seconds:.2f}x the speed of vobject's parse alone"
    )


if __name__ == "__main__":
    main()
