"""Members API: who is in the workspace and with which role; owners and admins manage them and invite."""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kenal.accounts import selectors, services
from kenal.accounts.api_schemas import Error
from kenal.accounts.http import absolute_url, role_required
from kenal.accounts.models import Invitation, Membership
from kenal.accounts.pagination import LazyPage
from kenal.accounts.scoping import get_scoped_or_404
from kenal.lib.roles import ADMIN

router = Router(tags=["members"])


class MemberUser(Schema):
    id: int
    email: str
    name: str


class MemberOut(Schema):
    id: int
    user: MemberUser
    role: str


class RoleIn(Schema):
    role: str


class InvitationIn(Schema):
    email: str
    role: str


class InvitationCreated(Schema):
    id: int
    url: str
    expires_at: datetime


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    invited_by: str | None
    created_at: datetime
    expires_at: datetime


def _member_out(membership: Membership) -> dict:
    user = membership.user
    return {
        "id": membership.pk,
        "user": {"id": user.pk, "email": user.email, "name": user.get_full_name()},
        "role": membership.role,
    }


@router.get("", response=list[MemberOut])
def list_members(request):
    """Everyone in the token's workspace, with their role (owner, admin, member or viewer)."""
    return [_member_out(m) for m in selectors.members_of(request.workspace)]


@router.patch("/{int:member_id}", response={200: MemberOut, 400: Error, 403: Error, 404: Error})
@role_required(ADMIN)
def change_role(request, member_id: int, payload: RoleIn):
    """Give a member another role. Owners and admins only; only an owner makes or unmakes owners."""
    membership = get_scoped_or_404(
        Membership.objects.select_related("user", "workspace"), request.workspace, pk=member_id
    )
    return _member_out(
        services.membership_set_role(membership=membership, role=payload.role, by=request.user)
    )


@router.delete("/{int:member_id}", response={204: None, 400: Error, 403: Error, 404: Error})
@role_required(ADMIN)
def remove_member(request, member_id: int):
    """Take someone out of the workspace; what they wrote stays. The last owner can't be removed."""
    membership = get_scoped_or_404(
        Membership.objects.select_related("user", "workspace"), request.workspace, pk=member_id
    )
    services.member_remove(membership=membership, by=request.user)
    return Status(204, None)


@router.get("/invitations", response={200: list[InvitationOut], 403: Error})
@role_required(ADMIN)
def list_invitations(request):
    """The invitations still waiting to be accepted. Owners and admins only."""
    return [
        {
            "id": invitation.pk,
            "email": invitation.email,
            "role": invitation.role,
            "invited_by": invitation.invited_by.email if invitation.invited_by else None,
            "created_at": invitation.created_at,
            "expires_at": invitation.expires_at,
        }
        for invitation in selectors.invitations_pending(request.workspace)
    ]


@router.post("/invitations", response={201: InvitationCreated, 400: Error, 403: Error})
@role_required(ADMIN)
def create_invitation(request, payload: InvitationIn):
    """Invite an email with a role; the address (`url`) works once, for 7 days. Owners and admins only."""
    invitation, token = services.invitation_create(
        workspace=request.workspace, email=payload.email, role=payload.role, by=request.user
    )
    url = absolute_url(services.invitation_path(token))
    return Status(201, {"id": invitation.pk, "url": url, "expires_at": invitation.expires_at})


@router.delete("/invitations/{int:invitation_id}", response={204: None, 403: Error, 404: Error})
@role_required(ADMIN)
def revoke_invitation(request, invitation_id: int):
    """Withdraw an invitation: its address stops working. Owners and admins only."""
    invitation = get_scoped_or_404(
        Invitation.objects.select_related("workspace"), request.workspace, pk=invitation_id
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    return Status(204, None)


audit_router = Router(tags=["audit"])


class AuditOut(Schema):
    at: datetime
    actor: MemberUser | None
    action: str = Field(
        description="create, update or delete (a field change), or a domain event such as person.handover, "
        "person.view_sensitive, person.export, workspace.export, person.merge, person.erase"
    )
    object_type: str
    object_id: str
    summary: str


def _audit_out(row) -> dict:
    actor = row.actor
    return {
        "at": row.at,
        "actor": {"id": actor.pk, "email": actor.email, "name": actor.get_full_name()} if actor else None,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "summary": row.summary,
    }


@audit_router.get("", response={200: list[AuditOut], 403: Error})
@role_required(ADMIN)
@paginate
def list_audit(
    request,
    who: int | None = None,
    action: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """The workspace's audit trail, newest first: owners and admins only. Private notes never appear."""
    trail = selectors.audit_trail(
        workspace=request.workspace, who=who, action=action, since=since, until=until
    )
    return LazyPage(trail, _audit_out)
