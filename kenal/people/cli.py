"""Command-line pieces shared by Kenal's commands: who the user is, and the vCard import."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from kenal.accounts.selectors import user_by_email, workspace_for_user


def workspace_of(email: str):
    """The user named by --user and their workspace, or a clear error."""
    user = user_by_email(email or "")
    if user is None:
        raise CommandError(f"No user with the email {email!r}. Create one with `kenal adduser EMAIL`.")
    workspace = workspace_for_user(user)
    if workspace is None:
        raise CommandError(f"{email} is not a member of any workspace.")
    return user, workspace


def add_import_parsers(subparsers) -> None:
    vcard = subparsers.add_parser("vcard", help="Phone contacts exported as vCard (.vcf).")
    vcard.add_argument("files", nargs="+", metavar="FILE")
    vcard.add_argument("--user", required=True, help="Whose workspace to import into.")
    vcard.add_argument("--json", action="store_true", help="Print the result as JSON.")
    vcard.set_defaults(handler=import_vcard)


def import_vcard(command, *, files, user, json: bool, **options) -> None:
    from kenal.people.vcard import vcard_import

    user_obj, workspace = workspace_of(user)
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{name}: no such file.")
        report = vcard_import(workspace=workspace, user=user_obj, path=path)
        if json:
            command.stdout.write(_json_dumps(report.as_json()))
            continue
        command.stdout.write(
            f"{name}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} errors"
        )
        for error in report.errors:
            command.stderr.write(f"{name}:{error['line']}: {error['message']}")
        for twin in report.possible_duplicates:
            command.stdout.write(
                f"{name}:{twin['line']}: {twin['person']['name']} is a possible duplicate of "
                f"{twin['duplicate_of']['name']}; merge them on the duplicates page if they are one person"
            )


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
