from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.selectors import user_by_email
from kenal.accounts.two_factor import totp_enable, two_factor_disable_for


class Command(BaseCommand):
    help = (
        "Two-factor authentication for a user: `kenal otp enable EMAIL` prints the otpauth:// address "
        "(for an authenticator app) on its last line; `kenal otp disable EMAIL` turns it off."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["enable", "disable"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No user with the email {email}.")
        if action == "disable":
            two_factor_disable_for(user=user)
            self.stdout.write(f"Two-factor authentication is off for {user.email}.")
            return
        uri, codes = totp_enable(user=user)
        self.stdout.write(
            f"Two-factor authentication is on for {user.email}. Recovery codes (each works once):"
        )
        for code in codes:
            self.stdout.write(f"  {code}")
        self.stdout.write("Add this address to an authenticator app (or make a QR code of it):")
        self.stdout.write(uri)
