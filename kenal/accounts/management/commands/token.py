from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import service_errors
from kenal.accounts.models import Workspace
from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import token_create


class Command(BaseCommand):
    help = "Manage personal API tokens: `kenal token create EMAIL` prints a new token on its last line."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it on the last line.")
        create.add_argument("email")
        create.add_argument("--name", default="cli")
        create.add_argument(
            "--workspace",
            type=int,
            help="The id of the one workspace the token acts in (default: the current).",
        )

    def handle(self, *args, action, email, name, workspace, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No user with the email {email}. Create one with `kenal adduser {email}`.")
        target = None
        if workspace is not None:
            target = Workspace.objects.filter(pk=workspace).first()
            if target is None:
                raise CommandError(f"No workspace with the id {workspace}.")
        with service_errors(command=True):
            _token, key = token_create(user=user, name=name, workspace=target)
        self.stdout.write(f"Token for {user.email} (stored hashed; revoke it in the web settings):")
        self.stdout.write(key)
