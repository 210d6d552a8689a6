"""Deleting a user's account: their personal workspace with everything in it, their private notes everywhere;
in team workspaces their shared work stays, with the workspace's owner."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kenal.accounts.models import Membership, Upload, Workspace
from kenal.accounts.services import audit
from kenal.people.models import Note


@dataclass
class AccountDeletion:
    email: str
    workspaces_deleted: list[str] = field(default_factory=list)
    private_notes: int = 0
    notes_kept: int = 0  # their shared notes in team workspaces, now the owner's
    files: int = 0

    def as_json(self) -> dict:
        return {
            "email": self.email,
            "workspaces_deleted": self.workspaces_deleted,
            "private_notes": self.private_notes,
            "notes_kept": self.notes_kept,
            "files": self.files,
        }


def account_deletion_blockers(*, user) -> list[str]:
    """Team workspaces where the user is the last owner and others remain: ownership must move first."""
    blocked = []
    for membership in Membership.objects.filter(user=user, role=Membership.Role.OWNER).select_related(
        "workspace"
    ):
        workspace = membership.workspace
        if workspace.is_personal:
            continue
        others = Membership.objects.filter(workspace=workspace).exclude(user=user)
        if others.exists() and not others.filter(role=Membership.Role.OWNER).exists():
            blocked.append(workspace.name)
    return blocked


def account_delete(*, user) -> AccountDeletion:
    """Delete the account for good; refused while they are the last owner of a team workspace with members."""
    blocked = account_deletion_blockers(user=user)
    if blocked:
        raise ValidationError(
            _(
                "You are the last owner of %(workspaces)s. Make another member an owner first, "
                "so the team keeps its workspace."
            )
            % {"workspaces": ", ".join(blocked)}
        )
    report = AccountDeletion(email=user.email)
    with transaction.atomic():
        report.private_notes = Note.objects.filter(author=user, visibility=Note.Visibility.PRIVATE).delete()[
            0
        ]
        doomed = _doomed_workspaces(user)
        for workspace in Workspace.objects.filter(memberships__user=user).exclude(pk__in=doomed).distinct():
            report.notes_kept += _hand_over_notes(user=user, workspace=workspace)
            audit(workspace=workspace, user=None, action="account.delete", detail=user.email)
        files = list(Upload.objects.filter(workspace__in=doomed).values_list("file", flat=True))
        for workspace in Workspace.objects.filter(pk__in=doomed):
            report.workspaces_deleted.append(workspace.name)
            workspace.delete()
        user.delete()
    # The files go once the rows that named them are gone for good: a rolled-back deletion keeps them.
    storage = Upload.file.field.storage
    for name in files:
        storage.delete(name)
    report.files = len(files)
    return report


def _doomed_workspaces(user) -> list[int]:
    """Their personal workspaces, and team ones nobody else belongs to."""
    doomed = []
    for membership in Membership.objects.filter(user=user).select_related("workspace"):
        workspace = membership.workspace
        alone = not Membership.objects.filter(workspace=workspace).exclude(user=user).exists()
        if alone or (workspace.is_personal and membership.role == Membership.Role.OWNER):
            doomed.append(workspace.pk)
    return doomed


def _hand_over_notes(*, user, workspace) -> int:
    """Their shared notes stay with the team, under an owner, and still say who wrote them."""
    owner = (
        Membership.objects.filter(workspace=workspace, role=Membership.Role.OWNER)
        .exclude(user=user)
        .order_by("joined_at", "pk")
        .first()
    )
    notes = Note.objects.filter(workspace=workspace, author=user)
    if owner is None:
        return 0
    name = user.get_full_name() or user.email
    kept = 0
    for note in notes:
        note.author_id = owner.user_id
        note.body = f"{note.body}\n\n— {name}"
        note.save(update_fields=["author", "body"])
        kept += 1
    return kept
