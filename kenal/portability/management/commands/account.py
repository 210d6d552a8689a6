"""`kenal account delete EMAIL --yes`: delete a user's account, their personal workspace and private notes."""

import json

from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import service_errors
from kenal.accounts.selectors import user_by_email
from kenal.portability.account import account_delete


class Command(BaseCommand):
    help = "Delete a user's account for good: their personal workspace, its files and their private notes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        delete = sub.add_parser("delete", help="Delete one account by email.")
        delete.add_argument("email")
        delete.add_argument("--yes", action="store_true", help="Confirm: the deletion cannot be undone.")

    def handle(self, *args, email, yes, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No user {email}.")
        if not yes:
            raise CommandError(
                f"Deleting {email} removes their personal workspace and everything in it, for good; "
                "add --yes to go ahead."
            )
        with service_errors(command=True):
            report = account_delete(user=user)
        self.stdout.write(f"Deleted account {email}: " + json.dumps(report.as_json(), ensure_ascii=False))
