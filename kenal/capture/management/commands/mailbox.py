"""`kenal mailbox add|list|remove`: the mailboxes `kenal sync` reads over IMAP."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kenal.capture import selectors, services
from kenal.capture.models import Security
from kenal.people.cli import workspace_of


class Command(BaseCommand):
    help = "Connect, list and remove the mailboxes that `kenal sync` reads."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Connect a mailbox; prints its id.")
        add.add_argument("--user", required=True, help="Whose mailbox (their email in Kenal).")
        add.add_argument("--host", required=True, help="The IMAP server, such as imap.example.com.")
        add.add_argument("--port", type=int, help="Default 993 with --ssl, 143 with --starttls or --plain.")
        add.add_argument("--username", required=True)
        add.add_argument(
            "--password-env", metavar="VAR", help="Environment variable with the password (else it is asked)."
        )
        add.add_argument(
            "--folder", action="append", dest="folders", metavar="NAME", help="Repeatable; default INBOX."
        )
        security = add.add_mutually_exclusive_group()
        security.add_argument("--ssl", dest="security", action="store_const", const=Security.SSL)
        security.add_argument("--starttls", dest="security", action="store_const", const=Security.STARTTLS)
        security.add_argument(
            "--plain", dest="security", action="store_const", const=Security.PLAIN, help="No encryption."
        )
        add.set_defaults(security=Security.SSL)
        listing = actions.add_parser("list", help="Mailboxes, their last and next sync, and the last error.")
        listing.add_argument("--user", required=True)
        remove = actions.add_parser("remove", help="Forget a mailbox and its password; its messages stay.")
        remove.add_argument("--user", required=True)
        remove.add_argument("id", type=int)

    def handle(self, *args, action, user, **options):
        user_obj, workspace = workspace_of(user)
        mailboxes = selectors.mailboxes_for(workspace=workspace, user=user_obj)
        if action == "add":
            self._add(user_obj, workspace, options)
        elif action == "list":
            for mailbox in mailboxes:
                self._show(mailbox)
        else:
            mailbox = mailboxes.filter(pk=options["id"]).first()
            if mailbox is None:
                raise CommandError(f"{user} has no mailbox {options['id']}.")
            services.mailbox_remove(mailbox=mailbox)
            self.stdout.write(f"Removed mailbox {options['id']}; the messages it brought in stay.")

    def _add(self, user, workspace, options):
        variable = options.get("password_env")
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(f"The environment variable {variable} is empty or not set.")
        elif sys.stdin.isatty():
            password = getpass.getpass(f"Password for {options['username']}@{options['host']}: ")
        else:
            raise CommandError(
                "Give the password with --password-env VAR (it is never read from the command line)."
            )
        try:
            mailbox = services.mailbox_add(
                workspace=workspace,
                user=user,
                host=options["host"],
                port=options.get("port"),
                security=options["security"],
                username=options["username"],
                password=password,
                folders=options.get("folders") or ["INBOX"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(str(mailbox.pk))

    def _show(self, mailbox):
        def when(moment):
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "never"

        self.stdout.write(
            f"{mailbox.pk}\t{mailbox.username}@{mailbox.host}:{mailbox.port} ({mailbox.security})\t"
            f"folders: {', '.join(mailbox.folders)}\tlast sync: {when(mailbox.last_sync_at)}\t"
            f"next: {when(mailbox.next_sync_at) if mailbox.next_sync_at else 'next run'}\t"
            f"messages: {mailbox.message_count}"
        )
        if mailbox.last_error:
            self.stdout.write(
                f"\tlast error ({when(mailbox.last_error_at)}): {mailbox.get_last_error_display()}"
            )
