"""The one loop of Kenal's background commands (`kenal remind --loop`, `kenal sync --loop`)."""

import signal
import time
from collections.abc import Callable

from django.core.management.base import CommandError
from django.db import close_old_connections


def run_every(command, *, name: str, interval: int, step: Callable[[], None]) -> None:
    """Call `step` every `interval` seconds until SIGTERM or Ctrl-C; a failed round is reported and retried."""
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    command.stdout.write(f"kenal {name}: checking every {interval} seconds; Ctrl-C to stop.")
    try:
        while not stopping:
            try:
                step()
            except CommandError:
                raise
            except Exception as error:  # a locked or restarting database: try again next round
                command.stderr.write(f"kenal {name}: {type(error).__name__}: {error}")
            # Sleep in short steps so systemd's stop is answered quickly.
            for _step in range(max(1, interval)):
                if stopping:
                    break
                time.sleep(1)
            # A long-running process must not hold on to a connection the database has dropped.
            close_old_connections()
    except KeyboardInterrupt:
        pass
