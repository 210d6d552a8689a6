import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from kenal.accounts.models import User
from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import user_create


class Command(BaseCommand):
    help = (
        "Create a user with their own personal workspace. The password comes from KENAL_PASSWORD or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="The user's name.")
        parser.add_argument("--language", choices=["id", "en"], default="")

    def handle(self, *args, email, name, language, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email} is not an email address.") from None
        if user_by_email(email):
            raise CommandError(f"A user with the email {email} already exists.")
        password = os.environ.get("KENAL_PASSWORD") or self._prompt()
        first, _, last = name.partition(" ")
        try:
            # The same rules as every password form: long enough, not common, not all digits, not the email.
            validate_password(password, user=User(email=email.lower(), first_name=first, last_name=last))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = user_create(email=email, password=password, name=name, language=language)
        self.stdout.write(f"Created {user.email} with the workspace “{user.current_workspace.name}”.")

    def _prompt(self) -> str:
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("No password given. Set KENAL_PASSWORD or run in a terminal.") from None
        if not first or first != second:
            raise CommandError("The passwords are empty or don't match.")
        return first
