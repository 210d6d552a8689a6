"""Reads about users, workspaces and tokens."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, F, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from kenal.accounts.models import ApiToken, AuditEntry, Invitation, Membership, User, Workspace


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


def invitations_pending(workspace: Workspace):
    """Invitations of the workspace not yet accepted, revoked or expired, newest first."""
    return (
        Invitation.objects.filter(
            workspace=workspace,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("workspace", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def member_user(workspace: Workspace, key: str | int | None) -> User | None:
    """The member of `workspace` named by email or user id, or None when nobody there answers to it."""
    members = User.objects.filter(memberships__workspace=workspace)
    if key is None or str(key).strip() == "":
        return None
    text = str(key).strip()
    if text.isdigit():
        return members.filter(pk=int(text)).first()
    return members.filter(email__iexact=text).first()


def member_or_refuse(
    workspace: Workspace, key: str | int | None, *, field: str, message: str, blank_ok=False
):
    """The member named by `key` (email or user id) for an API body; None for a blank key when `blank_ok`;
    otherwise a ValidationError on `field` with `message`, which the API turns into a 400."""
    if blank_ok and (key is None or str(key).strip() == ""):
        return None
    user = member_user(workspace, key)
    if user is None:
        raise ValidationError({field: message})
    return user


def is_member(workspace: Workspace, user) -> bool:
    return user is not None and Membership.objects.filter(workspace=workspace, user_id=user.pk).exists()


# The audit page ------------------------------------------------------------------------------------------

# django-auditlog's actions, by the number it stores.
FIELD_ACTIONS = {0: "create", 1: "update", 2: "delete", 3: "access"}
# The rows the field-change trail already tells, left out of AuditEntry's side so nothing shows twice.
TRACKED = ("person", "contactpoint", "familymember", "fact", "lifeevent", "employment", "organization")


@dataclass
class AuditRow:
    at: datetime
    actor: User | None
    action: str
    object_type: str
    object_id: str
    summary: str


def audit_trail(
    *,
    workspace: Workspace,
    who: int | None = None,
    action: str = "",
    since: date | None = None,
    until: date | None = None,
) -> "AuditTrail":
    """Domain events (AuditEntry: export, handover, merge, erasure, viewed-sensitive...) and field changes
    (django-auditlog) of the workspace, newest first, as one list a paginator can slice."""
    from auditlog.models import LogEntry

    events = AuditEntry.objects.filter(workspace=workspace).exclude(
        object_type__in=TRACKED, action__regex=r"\.(create|update|delete)$"
    )
    changes = LogEntry.objects.filter(additional_data__workspace=workspace.pk)
    if who:
        events, changes = events.filter(user_id=who), changes.filter(actor_id=who)
    if action:
        numbers = [number for number, name in FIELD_ACTIONS.items() if name == action]
        changes = changes.filter(action__in=numbers) if numbers else changes.none()
        events = events.none() if numbers else events.filter(action=action)
    zone = timezone.get_current_timezone()
    if since:
        start = datetime.combine(since, time.min, tzinfo=zone)
        events, changes = events.filter(at__gte=start), changes.filter(timestamp__gte=start)
    if until:
        end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
        events, changes = events.filter(at__lt=end), changes.filter(timestamp__lt=end)
    columns = ("when", "who_id", "what", "otype", "oid", "summary", "fields")
    events = (
        events.annotate(
            when=F("at"),
            who_id=F("user_id"),
            what=F("action"),
            otype=F("object_type"),
            oid=F("object_id"),
            summary=F("detail"),
            fields=Value("", output_field=TextField()),
        )
        .order_by()
        .values_list(*columns)
    )
    changes = (
        changes.annotate(
            when=F("timestamp"),
            who_id=F("actor_id"),
            what=Case(
                *[When(action=number, then=Value(name)) for number, name in FIELD_ACTIONS.items()],
                output_field=CharField(),
            ),
            otype=F("content_type__model"),
            oid=F("object_pk"),
            summary=F("object_repr"),
            fields=Cast("changes", TextField()),
        )
        .order_by()
        .values_list(*columns)
    )
    return AuditTrail(events.union(changes, all=True).order_by("-when"))


class AuditTrail:
    """The merged trail, sliced in the database; each page's actors fetched at once."""

    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return self.rows.count()

    def count(self):
        return len(self)

    def __getitem__(self, item):
        rows = list(self.rows[item]) if isinstance(item, slice) else [self.rows[item]]
        actors = User.objects.in_bulk({row[1] for row in rows if row[1]})
        found = [
            AuditRow(
                at=when,
                actor=actors.get(actor),
                action=what,
                object_type=otype or "",
                object_id=oid or "",
                summary=_summary(summary, fields if what == "update" else ""),
            )
            for when, actor, what, otype, oid, summary, fields in rows
        ]
        return found if isinstance(item, slice) else found[0]


def _summary(text: str, fields: str) -> str:
    """What a row says: the event's detail, the created or deleted row, or the changed row and which of its
    fields changed (names only: the values stay in the database, for whoever must dig)."""
    import json

    if not fields:
        return text or ""
    try:
        changed = json.loads(fields) or {}
    except ValueError:
        changed = {}
    names = ", ".join(sorted(changed)) if isinstance(changed, dict) else ""
    return f"{text}: {names}" if names else text
