from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import service_errors
from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import workspace_create


class Command(BaseCommand):
    help = "Team workspaces: `kenal workspace create NAME --owner EMAIL` prints the new workspace's id last."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a team workspace and print its id on the last line.")
        create.add_argument("name")
        create.add_argument("--owner", required=True, help="The email of the user who will own it.")

    def handle(self, *args, action, name, owner, **options):
        user = user_by_email(owner)
        if user is None:
            raise CommandError(f"No user with the email {owner}. Create one with `kenal adduser {owner}`.")
        with service_errors(command=True):
            workspace = workspace_create(name=name, owner=user)
        self.stdout.write(f"Created the team workspace “{workspace.name}”, owned by {user.email}. Its id:")
        self.stdout.write(str(workspace.pk))
