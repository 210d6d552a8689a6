"""`kenal remind [--loop]`: send the daily digests that are due, once or every minute."""

from django.core.management.base import BaseCommand

from kenal.accounts.loop import run_every
from kenal.agenda.services import digests_send_due


class Command(BaseCommand):
    help = "Send each user's daily agenda email at their chosen time, exactly once a day."

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
