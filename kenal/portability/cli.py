"""Command-line pieces of the user's data commands: whose workspace, and may they take all of it."""

from django.core.management.base import CommandError

from kenal.accounts.models import Membership
from kenal.people.cli import workspace_of
from kenal.portability.selectors import can_manage_data


def data_workspace_of(email: str, workspace_id: int | None = None):
    """The user and the workspace named by --user and --workspace, refused unless they may export or erase it."""
    user, workspace = workspace_of(email)
    if workspace_id is not None:
        membership = Membership.objects.select_related("workspace").filter(
            user=user, workspace_id=workspace_id
        )
        if not membership.exists():
            raise CommandError(f"{email} is not a member of workspace {workspace_id}.")
        workspace = membership.first().workspace
    if not can_manage_data(user=user, workspace=workspace):
        raise CommandError(f"Only the owners and admins of {workspace.name!r} may do this; {email} may not.")
    return user, workspace


def add_import_parsers(subparsers) -> None:
    archive = subparsers.add_parser("archive", help="A Kenal export archive (.zip), into an empty workspace.")
    archive.add_argument("file", metavar="FILE.zip")
    archive.add_argument("--user", required=True, help="Whose workspace to restore into.")
    archive.add_argument(
        "--workspace", type=int, help="Which of their workspaces; the current one if omitted."
    )
    archive.set_defaults(handler=import_archive)


def import_archive(command, *, file, user, workspace=None, **options) -> None:
    from django.core.exceptions import ValidationError

    from kenal.portability.importing import archive_import

    user_obj, workspace_obj = data_workspace_of(user, workspace)
    try:
        counts = archive_import(workspace=workspace_obj, user=user_obj, path=file)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    command.stdout.write(f"{file}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n))
