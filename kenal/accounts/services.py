"""Writes about users, workspaces, tokens, uploads and the audit trail."""

import hashlib
import mimetypes
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kenal.accounts.models import ApiToken, AuditEntry, Invitation, Membership, Upload, User, Workspace
from kenal.lib.roles import ADMIN, at_least

INVITATION_DAYS = 7


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


def _role_in(workspace: Workspace, user: User) -> str | None:
    return Membership.objects.filter(workspace=workspace, user=user).values_list("role", flat=True).first()


@transaction.atomic
def invitation_create(*, workspace: Workspace, email: str, role: str, by: User) -> tuple[Invitation, str]:
    """An invitation for `email` to join with `role`; the raw token is returned once, only its hash is kept.

    Owners and admins invite; only an owner invites an owner. A new invitation to the same email replaces
    the pending one."""
    by_role = _role_in(workspace, by)
    if not at_least(by_role, ADMIN):
        raise PermissionDenied(_("Only an owner or an admin of this workspace may do that."))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose owner, admin, member or viewer.")})
    if role == Membership.Role.OWNER and by_role != Membership.Role.OWNER:
        raise ValidationError({"role": _("Only an owner may make or unmake owners.")})
    if Membership.objects.filter(workspace=workspace, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this workspace.") % {"email": email}}
        )
    now = timezone.now()
    Invitation.objects.filter(
        workspace=workspace, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        role=role,
        token_hash=Invitation.hash_token(token),
        invited_by=by,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    audit(workspace=workspace, user=by, action="invitation.create", obj=invitation, detail=f"{email} {role}")
    return invitation, token


def invitation_path(token: str) -> str:
    return f"/invite/{token}/"


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Make a pending invitation's address stop working; an accepted one stays as it was."""
    if not at_least(_role_in(invitation.workspace, by), ADMIN):
        raise PermissionDenied(_("Only an owner or an admin of this workspace may do that."))
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit(
            workspace=invitation.workspace,
            user=by,
            action="invitation.revoke",
            obj=invitation,
            detail=invitation.email,
        )
    return invitation


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why an invitation can no longer be used, in the reader's language; None while it still works."""
    if invitation is None:
        return _("This invitation does not exist. Check the address, or ask for a new invitation.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the workspace's owner for a new one.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Log in to reach the workspace.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the workspace's owner for a new one.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """`user` (who has the invited email) joins the workspace with the invited role and is switched into it."""
    invitation = Invitation.objects.select_for_update().select_related("workspace").get(pk=invitation.pk)
    refusal = invitation_refusal(invitation)
    if refusal:
        raise ValidationError(refusal)
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            _("This invitation is for %(email)s. Log out and open it again as %(email)s.")
            % {"email": invitation.email}
        )
    membership = membership_add(workspace=invitation.workspace, user=user, role=invitation.role)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.current_workspace = invitation.workspace
    user.save(update_fields=["current_workspace"])
    audit(
        workspace=invitation.workspace,
        user=user,
        action="invitation.accept",
        obj=invitation,
        detail=user.email,
    )
    return membership


@transaction.atomic
def invitation_accept_as_new_user(
    *, invitation: Invitation, name: str, password: str, language: str = ""
) -> User:
    """A visitor without an account: their account is made with the invited email, and they join at once."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account with this email already exists: log in to accept the invitation.")
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Tell us your name.")})
    try:
        validate_password(password, User(email=invitation.email, first_name=name))
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user = user_create(email=invitation.email, password=password, name=name[:150], language=language)
    invitation_accept(invitation=invitation, user=user)
    return user


def invitation_email(*, invitation: Invitation, url: str) -> None:
    """Send the invitation's address to the invited email, in the inviter's language (else the site's)."""
    inviter = invitation.invited_by
    language = (inviter.language if inviter else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"invitation": invitation, "url": url, "inviter": inviter, "days": INVITATION_DAYS}
        subject = _("%(name)s invites you to %(workspace)s on Kenal") % {
            "name": inviter or "Kenal",
            "workspace": invitation.workspace.name,
        }
        text = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, text, None, [invitation.email])


@transaction.atomic
def ownership_transfer(*, workspace: Workspace, to: Membership, by: User) -> Membership:
    """An owner hands the workspace to another member, who becomes owner; the giver stays on as admin."""
    if _role_in(workspace, by) != Membership.Role.OWNER:
        raise PermissionDenied(_("Only an owner may transfer the workspace or delete it."))
    if to.workspace_id != workspace.pk or to.user_id == by.pk:
        raise ValidationError(_("Choose another member of this workspace."))
    Membership.objects.filter(workspace=workspace, user=to.user).update(role=Membership.Role.OWNER)
    Membership.objects.filter(workspace=workspace, user=by).update(role=Membership.Role.ADMIN)
    audit(workspace=workspace, user=by, action="workspace.transfer", obj=to, detail=str(to.user))
    to.refresh_from_db()
    return to


@transaction.atomic
def workspace_delete(*, workspace: Workspace, by: User, confirm: str) -> None:
    """An owner deletes a team workspace and everything in it, once they typed its name; never a personal one."""
    if _role_in(workspace, by) != Membership.Role.OWNER:
        raise PermissionDenied(_("Only an owner may transfer the workspace or delete it."))
    if workspace.is_personal:
        raise ValidationError(_("Your personal workspace can't be deleted."))
    if confirm.strip() != workspace.name:
        raise ValidationError({"confirm": _("Type the workspace's name exactly to confirm.")})
    workspace.delete()
