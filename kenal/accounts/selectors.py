"""Reads about users, workspaces and tokens."""

from django.utils import timezone

from kenal.accounts.models import ApiToken, Membership, User, Workspace


def workspace_for_user(user: User) -> Workspace | None:
    """The user's current workspace, falling back to their first membership."""
    if user.current_workspace_id:
        membership = (
            Membership.objects.select_related("workspace")
            .filter(user=user, workspace_id=user.current_workspace_id)
            .first()
        )
        if membership:
            return membership.workspace
    membership = Membership.objects.select_related("workspace").filter(user=user).order_by("pk").first()
    return membership.workspace if membership else None


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def token_user(key: str) -> User | None:
    """The active user behind a raw API token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
    return token.user


def tokens_for_user(user: User):
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def members_of(workspace: Workspace):
    return Membership.objects.filter(workspace=workspace).select_related("user").order_by("user__email")
