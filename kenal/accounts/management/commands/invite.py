from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import absolute_url, service_errors
from kenal.accounts.models import Membership, Workspace
from kenal.accounts.selectors import user_by_email
from kenal.accounts.services import invitation_create, invitation_path


class Command(BaseCommand):
    help = (
        "Invite someone to a workspace: `kenal invite EMAIL --workspace ID --role ROLE --by INVITER_EMAIL` "
        "prints the invitation's address on its last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--workspace", type=int, required=True, help="The id of the workspace to join.")
        parser.add_argument("--role", default=Membership.Role.MEMBER, help="owner, admin, member or viewer.")
        parser.add_argument("--by", required=True, help="The email of the owner or admin who invites.")

    def handle(self, *args, email, workspace, role, by, **options):
        if role not in Membership.Role.values:
            raise CommandError(f"There is no role “{role}”: choose owner, admin, member or viewer.")
        target = Workspace.objects.filter(pk=workspace).first()
        if target is None:
            raise CommandError(f"No workspace with the id {workspace}.")
        inviter = user_by_email(by)
        if inviter is None:
            raise CommandError(f"No user with the email {by}.")
        try:
            with service_errors(command=True):
                invitation, token = invitation_create(workspace=target, email=email, role=role, by=inviter)
        except PermissionDenied:
            raise CommandError(f"{inviter.email} is not an owner or admin of “{target.name}”.") from None
        self.stdout.write(
            f"Invited {invitation.email} to “{target.name}” as {invitation.role}; "
            f"the address works once, until {invitation.expires_at:%Y-%m-%d %H:%M} UTC:"
        )
        self.stdout.write(absolute_url(invitation_path(token)))
