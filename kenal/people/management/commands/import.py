"""`kenal import vcard|whatsapp|email|telegram …`: one command, one sub-command per source."""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each module adds its sub-commands with `add_import_parsers(subparsers)`; a parser's `handler`
# default is called with the command and the parsed options.
IMPORT_MODULES = (
    "kenal.people.cli.add_import_parsers",
    "kenal.conversations.cli.add_import_parsers",
    "kenal.portability.cli.add_import_parsers",
)


class Command(BaseCommand):
    help = "Import phone contacts (vCard) or chat histories (WhatsApp, email, Telegram)."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="source", required=True, title="sources")
        for path in IMPORT_MODULES:
            try:
                add_parsers = import_string(path)
            except ImportError:
                continue
            add_parsers(subparsers)

    def handle(self, *args, **options):
        return options["handler"](self, **options)
