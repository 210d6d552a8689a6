"""The Members page (who is in the workspace, invitations, ownership) and the public invitation page."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts import selectors, services
from kenal.accounts.forms import InvitationForm, InvitationSignupForm
from kenal.accounts.http import absolute_url, int_param, role_required, service_errors
from kenal.accounts.models import Invitation, Membership
from kenal.accounts.scoping import get_scoped_or_404
from kenal.lib.roles import ADMIN, OWNER, at_least

log = logging.getLogger(__name__)


def members_view(request):
    """Everyone in the current workspace with their role; owners and admins also manage and invite."""
    manages = at_least(request.role, ADMIN)
    context = {
        "members": selectors.members_of(request.workspace),
        "manages": manages,
        "owns": request.role == OWNER,
        "roles": Membership.Role.choices,
        "form": InvitationForm(),
        "invitations": selectors.invitations_pending(request.workspace) if manages else [],
        "new_invitation": request.session.pop("new_invitation", None),
    }
    return render(request, "accounts/members.html", context)


@require_POST
@role_required(ADMIN)
def invite_view(request):
    """Invite an email with a role: the address is shown to copy and sent by email."""
    form = InvitationForm(request.POST)
    if form.is_valid():
        with service_errors(form) as outcome:
            invitation, token = services.invitation_create(
                workspace=request.workspace,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        if outcome.ok:
            url = absolute_url(services.invitation_path(token))
            # Shown once on the next page; only the hash is kept.
            request.session["new_invitation"] = {"email": invitation.email, "url": url}
            try:
                services.invitation_email(invitation=invitation, url=url)
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            except Exception:  # SMTP down or refusing: the address still works, so say so and go on.
                log.exception("Sending the invitation to %s failed", invitation.email)
                messages.warning(
                    request,
                    _("The email could not be sent. Copy the address below and send it yourself."),
                )
            return redirect("members:index")
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("members:index")


@require_POST
@role_required(ADMIN)
def role_view(request, member_id: int):
    membership = get_scoped_or_404(
        Membership.objects.select_related("user", "workspace"), request.workspace, pk=member_id
    )
    with service_errors(request=request) as outcome:
        services.membership_set_role(
            membership=membership, role=request.POST.get("role", ""), by=request.user
        )
    if outcome.ok:
        messages.success(
            request,
            _("%(name)s is now %(role)s.") % {"name": membership.user, "role": membership.get_role_display()},
        )
    return redirect("members:index")


@require_POST
@role_required(ADMIN)
def remove_view(request, member_id: int):
    membership = get_scoped_or_404(
        Membership.objects.select_related("user", "workspace"), request.workspace, pk=member_id
    )
    with service_errors(request=request) as outcome:
        services.member_remove(membership=membership, by=request.user)
    if outcome.ok:
        messages.success(
            request,
            _("%(name)s left the workspace; what they did here stays under their name.")
            % {"name": membership.user},
        )
    return redirect("members:index")


@require_POST
@role_required(ADMIN)
def revoke_view(request, invitation_id: int):
    invitation = get_scoped_or_404(
        Invitation.objects.select_related("workspace"), request.workspace, pk=invitation_id
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("members:index")


@require_POST
@role_required(OWNER)
def transfer_view(request):
    """An owner makes another member owner and stays on as admin."""
    to = get_scoped_or_404(
        Membership.objects.select_related("user"),
        request.workspace,
        pk=int_param(request.POST.get("member"), 0),
    )
    with service_errors(request=request) as outcome:
        services.ownership_transfer(workspace=request.workspace, to=to, by=request.user)
    if outcome.ok:
        messages.success(request, _("%(name)s now owns this workspace.") % {"name": to.user})
    return redirect("members:index")


@require_POST
@role_required(OWNER)
def delete_view(request):
    """An owner deletes a team workspace, after typing its name."""
    name = request.workspace.name
    with service_errors(request=request) as outcome:
        services.workspace_delete(
            workspace=request.workspace, by=request.user, confirm=request.POST.get("confirm", "")
        )
    if outcome.ok:
        messages.success(request, _("Workspace %(name)s deleted.") % {"name": name})
        return redirect("agenda:today")
    return redirect("members:index")


@login_not_required
def invitation_view(request, token: str):
    """Where an invitation's address leads: accept it, make an account for it, or learn why it no longer works."""
    invitation = selectors.invitation_by_token(token)
    refusal = services.invitation_refusal(invitation)
    if refusal:
        return render(
            request,
            "accounts/invitation_gone.html",
            {"reason": refusal},
            status=404 if invitation is None else 410,
        )
    context = {"invitation": invitation}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            context["reason"] = _(
                "This invitation is for another email address. You are logged in as %(email)s: "
                "log out and open the address again, or ask for an invitation to your own email."
            ) % {"email": user.email}
            return render(request, "accounts/invitation_refused.html", context, status=403)
        if request.method == "POST":
            with service_errors(request=request) as outcome:
                services.invitation_accept(invitation=invitation, user=user)
            if outcome.ok:
                return _welcome(request, invitation)
        return render(request, "accounts/invitation.html", context)
    if selectors.user_by_email(invitation.email) is not None:
        context["login_url"] = reverse("accounts:login") + "?" + urlencode({"next": request.path})
        return render(request, "accounts/invitation.html", context)
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            user = services.invitation_accept_as_new_user(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                language=translation.get_language()
                if translation.get_language() in dict(settings.LANGUAGES)
                else "",
            )
        if outcome.ok:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)


def _welcome(request, invitation: Invitation):
    messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.workspace.name})
    return redirect("agenda:today")
