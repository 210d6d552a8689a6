"""Reads about users, workspaces and tokens."""

from django.utils import timezone

from kenal.accounts.models import ApiToken, Membership, User, Workspace


def workspace_for_user(user: User) -> Workspace | None:
    """The user's current workspace, falling back to their first membership."""
    membership = membership_for_user(user)
    return membership.workspace if membership else None


def membership_for_user(user: User, workspace_id: int | None = None) -> Membership | None:
    """The user's membership in `workspace_id` (None if they are not in it), or in their current workspace,
    falling back to their first membership."""
    memberships = Membership.objects.select_related("workspace").filter(user=user)
    if workspace_id is not None:
        return memberships.filter(workspace_id=workspace_id).first()
    if user.current_workspace_id:
        membership = memberships.filter(workspace_id=user.current_workspace_id).first()
        if membership:
            return membership
    return memberships.order_by("pk").first()


def workspaces_of(user: User):
    """Every workspace the user belongs to, for the switcher: personal first, then by name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("workspace")
        .order_by("-workspace__is_personal", "workspace__name")
    )


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def token_user(key: str) -> User | None:
    """The active user behind a raw API token, or None; `user.token_workspace_id` is the token's workspace."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    token.user.token_workspace_id = token.workspace_id
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
    return token.user


def tokens_for_user(user: User):
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def members_of(workspace: Workspace):
    return Membership.objects.filter(workspace=workspace).select_related("user").order_by("user__email")


def member_user(workspace: Workspace, key: str | int | None) -> User | None:
    """The member of `workspace` named by email or user id, or None when nobody there answers to it."""
    members = User.objects.filter(memberships__workspace=workspace)
    if key is None or str(key).strip() == "":
        return None
    text = str(key).strip()
    if text.isdigit():
        return members.filter(pk=int(text)).first()
    return members.filter(email__iexact=text).first()


def is_member(workspace: Workspace, user) -> bool:
    return user is not None and Membership.objects.filter(workspace=workspace, user_id=user.pk).exists()
