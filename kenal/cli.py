"""`kenal …`: every manage.py command plus Kenal's own."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command under Kenal's settings."""
    args = sys.argv[1:] if argv is None else argv
    from kenal.conversations.cli import dry_run_main, is_plain_dry_run

    if is_plain_dry_run(args):
        sys.exit(dry_run_main(args))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kenal", *args])


if __name__ == "__main__":
    main()
