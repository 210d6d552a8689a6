"""`kenal import vcard|whatsapp|email|telegram …`: one command, one sub-command per source."""

from django.core.management.base import BaseCommand

from kenal.lib import registry


class Command(BaseCommand):
    help = "Import phone contacts (vCard) or chat histories (WhatsApp, email, Telegram)."
    # An import reads files and writes rows: the URL and template checks only cost it a second of start-up.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Each app registers `add_import_parsers(subparsers)` (kenal.lib.registry); a parser's `handler`
        # default is called with the command and the parsed options.
        subparsers = parser.add_subparsers(dest="source", required=True, title="sources")
        for add_parsers in registry.hooks("import_parsers"):
            add_parsers(subparsers)

    def handle(self, *args, **options):
        return options["handler"](self, **options)
