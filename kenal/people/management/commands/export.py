import sys

from django.core.management.base import BaseCommand

from kenal.people.cli import workspace_of


class Command(BaseCommand):
    help = "Export the workspace's people: `kenal export vcard --user EMAIL [-o FILE]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="format", required=True)
        vcard = sub.add_parser("vcard", help="Write every person as vCard 3.0.")
        vcard.add_argument("--user", required=True, help="Whose workspace to export.")
        vcard.add_argument("-o", "--output", help="File to write; standard output when omitted.")

    def handle(self, *args, user, output, **options):
        from kenal.lib.vcard import write_vcard
        from kenal.people.vcard import vcard_export_cards

        _user, workspace = workspace_of(user)
        cards = vcard_export_cards(workspace=workspace)
        if output:
            count = write_vcard(cards, output)
            self.stderr.write(f"Wrote {count} cards to {output}.")
        else:
            count = write_vcard(cards, sys.stdout)
            self.stderr.write(f"Wrote {count} cards.")
