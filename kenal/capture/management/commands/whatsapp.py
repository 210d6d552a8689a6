"""`kenal whatsapp connect|list|remove`: WhatsApp Business numbers whose webhooks bring messages in."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kenal.capture import selectors, services
from kenal.capture.views import hook_path
from kenal.people.cli import workspace_of


class Command(BaseCommand):
    help = "Connect a WhatsApp Business number (Cloud API); prints the webhook address to give Meta."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        connect = actions.add_parser(
            "connect", help="Connect a number; the last line is its webhook address."
        )
        connect.add_argument("--user", required=True, help="The connecting user's email.")
        connect.add_argument("--workspace", type=int, help="Workspace id (default: the user's current one).")
        connect.add_argument("--phone-number-id", required=True, help="From Meta's WhatsApp > API Setup.")
        connect.add_argument("--verify-token", required=True, help="The token you will give Meta.")
        connect.add_argument(
            "--app-secret-env",
            required=True,
            metavar="VAR",
            help="Environment variable holding the app secret.",
        )
        listing = actions.add_parser("list", help="Connected numbers and their webhook addresses.")
        listing.add_argument("--user", required=True)
        remove = actions.add_parser("remove", help="Disconnect a number; its messages stay.")
        remove.add_argument("--user", required=True)
        remove.add_argument("id", type=int)

    def handle(self, *args, action, user, **options):
        user_obj, workspace = workspace_of(user)
        if options.get("workspace"):
            membership = user_obj.memberships.filter(workspace_id=options["workspace"]).first()
            if membership is None:
                raise CommandError(f"{user} is not a member of workspace {options['workspace']}.")
            workspace = membership.workspace
        if action == "connect":
            secret = os.environ.get(options["app_secret_env"], "")
            if not secret:
                raise CommandError(
                    f"The environment variable {options['app_secret_env']} is empty or not set."
                )
            try:
                connection = services.whatsapp_connect(
                    workspace=workspace,
                    user=user_obj,
                    phone_number_id=options["phone_number_id"],
                    verify_token=options["verify_token"],
                    app_secret=secret,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Connected phone number id {connection.phone_number_id} (id {connection.pk}).")
            self.stdout.write("Give Meta this webhook address (on your server's https address):")
            self.stdout.write(hook_path(connection))
        elif action == "list":
            for connection in selectors.whatsapp_connections(workspace=workspace):
                self.stdout.write(
                    f"{connection.pk}\t{connection.phone_number_id}\t{hook_path(connection)}\t"
                    f"{connection.message_count} messages"
                )
        else:
            connection = selectors.whatsapp_connections(workspace=workspace).filter(pk=options["id"]).first()
            if connection is None:
                raise CommandError(f"No WhatsApp connection {options['id']} in {user}'s workspace.")
            services.whatsapp_disconnect(connection=connection)
            self.stdout.write(f"Disconnected {connection.phone_number_id}; its messages stay.")
