"""`kenal remind [--loop]`: send the daily digests that are due, once or every minute, and forget people
deleted more than 30 days ago."""

from django.core.management.base import BaseCommand

from kenal.accounts.loop import run_every
from kenal.agenda.services import digests_send_due
from kenal.people.services import deleted_people_purge


class Command(BaseCommand):
    help = (
        "Send each user's daily agenda email at their chosen time, exactly once a day; "
        "forget people deleted over 30 days ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running and check every --interval seconds."
        )
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between checks with --loop (60)."
        )

    def handle(self, *args, **options):
        if not options["loop"]:
            self._run_once()
            return
        run_every(self, name="remind", interval=options["interval"], step=self._run_once)

    def _run_once(self):
        report = digests_send_due()
        for email in report.sent:
            self.stdout.write(f"sent: {email}")
        for email in report.failed:
            self.stderr.write(f"failed, will retry: {email}")
        # The periodic job Kenal already has is where a deletion's 30 days of grace run out.
        purged = deleted_people_purge()
        if purged:
            self.stdout.write(f"forgot {purged} people deleted over 30 days ago")
