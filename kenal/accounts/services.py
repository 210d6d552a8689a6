"""Writes about users, workspaces, tokens, uploads and the audit trail."""

import hashlib
import mimetypes
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.models import ApiToken, AuditEntry, Membership, Upload, User, Workspace


@transaction.atomic
def user_create(*, email: str, password: str | None, name: str = "", language: str = "") -> User:
    """A user with their own personal workspace, which they own."""
    first, _, last = name.partition(" ")
    user = User.objects.create_user(email=email, password=password, first_name=first, last_name=last)
    user.language = language
    workspace = Workspace.objects.create(name=name or email.split("@")[0], is_personal=True)
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    user.current_workspace = workspace
    user.save(update_fields=["language", "current_workspace"])
    return user


def membership_add(*, workspace: Workspace, user: User, role: str = Membership.Role.MEMBER) -> Membership:
    membership, _ = Membership.objects.get_or_create(workspace=workspace, user=user, defaults={"role": role})
    return membership


@transaction.atomic
def workspace_create(*, name: str, owner: User) -> Workspace:
    """A team workspace, owned by `owner`, who is switched into it."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the workspace a name."))
    workspace = Workspace.objects.create(name=name[:200], is_personal=False)
    Membership.objects.create(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    owner.current_workspace = workspace
    owner.save(update_fields=["current_workspace"])
    audit(workspace=workspace, user=owner, action="workspace.create", obj=workspace)
    return workspace


@transaction.atomic
def workspace_switch(*, user: User, workspace_id: int) -> Workspace:
    """Make one of the user's workspaces the current one; a workspace they are not in is refused."""
    membership = (
        Membership.objects.select_related("workspace").filter(user=user, workspace_id=workspace_id).first()
    )
    if membership is None:
        raise ValidationError(_("You are not a member of that workspace."))
    user.current_workspace = membership.workspace
    user.save(update_fields=["current_workspace"])
    return membership.workspace


def _is_last_owner(membership: Membership) -> bool:
    owners = Membership.objects.select_for_update().filter(
        workspace_id=membership.workspace_id, role=Membership.Role.OWNER
    )
    return membership.role == Membership.Role.OWNER and owners.count() == 1


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Change a member's role; the last owner can't be demoted, and only an owner makes owners."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose owner, admin, member or viewer.")})
    by_role = Membership.objects.filter(workspace_id=membership.workspace_id, user=by).values_list(
        "role", flat=True
    )
    if Membership.Role.OWNER in (role, membership.role) and Membership.Role.OWNER not in by_role:
        raise ValidationError({"role": _("Only an owner may make or unmake owners.")})
    if role != Membership.Role.OWNER and _is_last_owner(membership):
        raise ValidationError(
            {"role": _("A workspace keeps at least one owner: make someone else owner first.")}
        )
    membership.role = role
    membership.save(update_fields=["role"])
    audit(workspace=membership.workspace, user=by, action="member.role", obj=membership, detail=role)
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, by: User) -> None:
    """An owner or admin takes a member out; the last owner stays, and only an owner removes an owner."""
    if _is_last_owner(membership):
        raise ValidationError(_("A workspace keeps at least one owner: make someone else owner first."))
    if (
        membership.role == Membership.Role.OWNER
        and not Membership.objects.filter(
            workspace_id=membership.workspace_id, user=by, role=Membership.Role.OWNER
        ).exists()
    ):
        raise ValidationError(_("Only an owner may make or unmake owners."))
    audit(
        workspace=membership.workspace,
        user=by,
        action="member.remove",
        obj=membership,
        detail=str(membership.user),
    )
    membership_remove(workspace=membership.workspace, user=membership.user)


def token_create(*, user: User, name: str = "", workspace: Workspace | None = None) -> tuple[ApiToken, str]:
    """A new token; the raw key is returned once and never stored. With `workspace`, it acts there only."""
    if workspace is not None and not Membership.objects.filter(user=user, workspace=workspace).exists():
        raise ValidationError(_("You are not a member of that workspace."))
    key = "knl_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, workspace=workspace, name=name, prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    return token, key


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def audit(*, workspace: Workspace, user: User | None, action: str, obj=None, detail: str = "") -> None:
    """Record who did what, for the agency's trail."""
    AuditEntry.objects.create(
        workspace=workspace,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:2000],
    )


def audit_actor_set(user: User) -> None:
    """Name `user` as the actor of this request's field changes in django-auditlog's trail. Its middleware
    reads the session's user when the request starts; a bearer token is only known later, in TokenAuth."""
    from auditlog.context import auditlog_value

    try:
        auditlog_value.get()["actor"] = user
    except LookupError:  # outside a request (a command, a test calling a service): no actor
        pass


def upload_store(
    *, workspace: Workspace, name: str, content: bytes, user: User | None = None, content_type: str = ""
) -> Upload:
    """Keep a file (an original export, a photo, an MoU); the same bytes are stored once."""
    digest = hashlib.sha256(content).hexdigest()
    existing = Upload.objects.filter(workspace=workspace, sha256=digest).first()
    if existing:
        return existing
    upload = Upload(
        workspace=workspace,
        original_name=name[:255],
        content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(content),
        sha256=digest,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    upload.file.save(f"{workspace.pk}/{digest[:16]}-{name[-80:]}", ContentFile(content), save=False)
    upload.save()
    return upload


def user_update_settings(*, user: User, language: str, me_names: str, me_phones: str) -> User:
    user.language = language
    user.me_names = me_names.strip()
    user.me_phones = me_phones.strip()
    user.save(update_fields=["language", "me_names", "me_phones"])
    return user


def membership_remove(*, workspace: Workspace, user: User) -> int:
    """Take a user off a workspace; what they did there (promises, notes) stays with the workspace."""
    deleted, _ = Membership.objects.filter(workspace=workspace, user=user).delete()
    if user.current_workspace_id == workspace.pk:
        user.current_workspace = None
        user.save(update_fields=["current_workspace"])
    return deleted
