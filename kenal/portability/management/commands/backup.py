"""`kenal backup -o FILE` while Kenal runs, and `kenal backup --verify FILE`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kenal.portability.backup import backup_verify, backup_write


class Command(BaseCommand):
    help = "Back up the database and the uploads into one zip with checksums, or check such a backup."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="The backup file to write.")
        parser.add_argument("--verify", metavar="FILE", help="Check a backup against its checksums instead.")

    def handle(self, *args, output=None, verify=None, **options):
        if verify:
            try:
                manifest = backup_verify(path=verify)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"{verify}: OK, {len(manifest['files'])} files match their checksums.")
            return
        if not output:
            raise CommandError("Name the file: kenal backup -o FILE.zip (or kenal backup --verify FILE.zip).")
        manifest = backup_write(out=output)
        self.stdout.write(
            f"Wrote {output}: the {manifest['database']} database and {len(manifest['files']) - 1} files."
        )
