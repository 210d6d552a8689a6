"""`kenal restore FILE`: a backup into an empty KENAL_HOME (or, for PostgreSQL, an empty database)."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kenal.portability.backup import backup_restore


class Command(BaseCommand):
    help = "Restore a `kenal backup` file into an empty KENAL_HOME (or the empty database of KENAL_DATABASE_URL)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--home", help="The empty KENAL_HOME to restore into; KENAL_HOME by default.")

    def handle(self, *args, file, home=None, **options):
        target = home or settings.KENAL_HOME
        try:
            manifest = backup_restore(
                path=file, home=target, database_url=os.environ.get("KENAL_DATABASE_URL", "")
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Restored {file} ({manifest['created_at']}) into {target}.")
