from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import token_create


class Command(BaseCommand):
    help = "Manage personal API tokens: `kenal token create EMAIL` prints a new token on its last line."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it on the last line.")
        create.add_argument("email")
        create.add_argument("--name", default="cli")

    def handle(self, *args, action, email, name, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No user with the email {email}. Create one with `kenal adduser {email}`.")
        _token, key = token_create(user=user, name=name)
        self.stdout.write(f"Token for {user.email} (stored hashed; revoke it in the web settings):")
        self.stdout.write(key)
