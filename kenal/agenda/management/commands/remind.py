"""`kenal remind [--loop]`: send the daily digests that are due, once or every minute."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

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
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        self.stdout.write(f"kenal remind: checking every {options['interval']} seconds; Ctrl-C to stop.")
        try:
            while not self._stopping:
                try:
                    self._run_once()
                except Exception as error:  # a locked or restarting database: try again next round
                    self.stderr.write(f"kenal remind: {type(error).__name__}: {error}")
                # Sleep in short steps so systemd's stop is answered quickly.
                for _step in range(max(1, options["interval"])):
                    if self._stopping:
                        break
                    time.sleep(1)
                # A long-running process must not hold on to a connection the database has dropped.
                close_old_connections()
        except KeyboardInterrupt:
            pass

    def _stop(self, signum, frame):
        self._stopping = True

    def _run_once(self):
        report = digests_send_due()
        for email in report.sent:
            self.stdout.write(f"sent: {email}")
        for email in report.failed:
            self.stderr.write(f"failed, will retry: {email}")
