"""`kenal export --user EMAIL [--workspace ID] -o FILE.zip`: everything, as one archive.

`kenal export vcard --user EMAIL [-o FILE]` still writes the people alone as vCard.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from kenal.people.cli import workspace_of
from kenal.portability.cli import data_workspace_of


class Command(BaseCommand):
    help = "Export the whole workspace as a zip archive (see docs/export-format.md), or its people as vCard."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Whose data to export.")
        parser.add_argument(
            "--workspace", type=int, help="Which of their workspaces; the current one if omitted."
        )
        parser.add_argument("-o", "--output", help="The .zip file to write.")
        sub = parser.add_subparsers(dest="format", required=False)
        vcard = sub.add_parser("vcard", help="Write every person as vCard.")
        vcard.add_argument("--user", required=True, help="Whose workspace to export.")
        vcard.add_argument("-o", "--output", help="File to write; standard output when omitted.")

    def handle(self, *args, user, output, format=None, workspace=None, **options):
        if format == "vcard":
            return self._vcard(user, output)
        if not user or not output:
            raise CommandError("Name the user and the file: kenal export --user EMAIL -o FILE.zip")
        from kenal.portability.exporting import archive_write

        user_obj, workspace_obj = data_workspace_of(user, workspace)
        manifest = archive_write(workspace=workspace_obj, user=user_obj, out=output)
        counts = ", ".join(f"{n['count']} {name}" for name, n in manifest["kinds"].items() if n["count"])
        self.stderr.write(f"Wrote {output}: {counts}; {len(manifest['files'])} files.")

    def _vcard(self, user, output):
        from kenal.lib.vcard import write_vcard
        from kenal.people.vcard import vcard_export_cards

        _user, workspace = workspace_of(user)
        cards = vcard_export_cards(workspace=workspace)
        count = write_vcard(cards, output or sys.stdout)
        self.stderr.write(f"Wrote {count} cards to {output}." if output else f"Wrote {count} cards.")
