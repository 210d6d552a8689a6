"""`kenal import_run RUN_ID`: import an uploaded run to its end, outside the web server's process.

The web starts it for each upload. It watches a worker (`--worker`), the same command in a process
limited to IMPORT_MEMORY_MB of memory: if the worker dies (out of memory, killed), the run is marked
failed at once with the reason, instead of waiting for its lease to run out.
"""

import resource
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenal.conversations import services
from kenal.conversations.models import ImportRun

OUT_OF_MEMORY_EXIT = 3
_MB = 1024 * 1024


class Command(BaseCommand):
    help = "Import an uploaded run to its end (the web starts this for each upload)."
    requires_system_checks = []  # a child started per upload: the checks ran when the server started

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int)
        parser.add_argument("--worker", action="store_true", help="Do the import (under the memory limit).")

    def handle(self, *args, run_id, worker=False, **options):
        run = ImportRun.objects.select_related("workspace", "user").filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"No import run {run_id}.")
        if worker:
            try:
                services.import_run_work(run=run)
            except MemoryError:
                sys.exit(OUT_OF_MEMORY_EXIT)
            return
        self.supervise(run)

    def supervise(self, run: ImportRun) -> None:
        limit = settings.IMPORT_MEMORY_MB

        def cap():
            resource.setrlimit(resource.RLIMIT_AS, (limit * _MB, limit * _MB))

        done = subprocess.run(worker_command(run), preexec_fn=cap, stdin=subprocess.DEVNULL)
        if done.returncode == 0:
            return
        if done.returncode == OUT_OF_MEMORY_EXIT:
            reason = services.OUT_OF_MEMORY.format(limit=limit)
        elif done.returncode < 0:
            reason = services.STOPPED.format(how=f"signal {-done.returncode}")
        else:
            reason = services.STOPPED.format(how=f"exit status {done.returncode}")
        services.import_run_fail(run=run, reason=reason)
        self.stderr.write(f"import run {run.pk}: {reason}")


def worker_command(run: ImportRun) -> list[str]:
    """The worker's command line (a function, so a test can put a process that dies in its place)."""
    return [sys.executable, "-m", "kenal", "import_run", str(run.pk), "--worker"]
