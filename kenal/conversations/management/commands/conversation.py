"""`kenal conversation me ID SENDER --user EMAIL`: take a sender as you in one chat, and read the chat again."""

import json

from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import service_errors
from kenal.conversations import services
from kenal.conversations.models import Conversation


class Command(BaseCommand):
    help = "Change what Kenal knows about one imported chat."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        me = actions.add_parser("me", help='Take SENDER as you in the chat ("" for none of its senders).')
        me.add_argument("conversation_id", type=int)
        me.add_argument("sender", help="The sender as written in the export.")
        me.add_argument("--user", required=True, help="Whose workspace the chat is in.")
        me.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, action, conversation_id, sender, user, json: bool = False, **options):
        from kenal.people.cli import workspace_of

        _user, workspace = workspace_of(user)
        conversation = Conversation.objects.filter(workspace=workspace, pk=conversation_id).first()
        if conversation is None:
            raise CommandError(f"No conversation {conversation_id} in {user}'s workspace.")
        if sender and sender not in conversation.participants:
            senders = ", ".join(name for name in conversation.participants if name)
            raise CommandError(f"{sender!r} did not write in this chat; its senders are: {senders}.")
        with service_errors(command=True):
            changed = services.conversation_me_set(conversation=conversation, sender=sender)
        result = {"conversation": conversation.pk, "me": sender or None, "changed": changed}
        if json:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(
                f"{conversation.title}: me is {sender or 'nobody'}; {changed} messages changed direction."
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
