"""Login, passwords, two-factor, settings, API tokens, language and protected file downloads."""

from base64 import b32encode
from datetime import date

import segno
from axes.utils import reset as axes_reset
from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kenal.accounts import selectors, services, two_factor
from kenal.accounts.forms import CodeForm, SettingsForm, TokenForm
from kenal.accounts.http import absolute_url, int_param, role_required, safe_next, service_errors
from kenal.accounts.models import ApiToken, Upload
from kenal.accounts.scoping import get_scoped_or_404
from kenal.lib.images import sniff_image
from kenal.lib.roles import ADMIN


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password (the validators apply); the session stays logged in."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email; the link starts with KENAL_BASE_URL, never with the Host header."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        self.extra_email_context = {"base_url": absolute_url("/").rstrip("/")}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever reads the account's mail may log in again at once: a lockout guards the password only.
        axes_reset(username=form.user.email)
        return response


password_reset_view = login_not_required(PasswordResetView.as_view())
password_reset_sent_view = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm_view = login_not_required(PasswordResetConfirmView.as_view())
password_reset_complete_view = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


def settings_view(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_update_settings(
            user=request.user,
            language=form.cleaned_data["language"],
            me_names=form.cleaned_data["me_names"],
            me_phones=form.cleaned_data["me_phones"],
        )
        if user.language:
            translation.activate(user.language)
        messages.success(request, _("Settings saved."))
        response = redirect("accounts:settings")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language or "", samesite="Lax")
        return response
    context = {
        "form": form,
        "token_form": TokenForm(),
        "tokens": selectors.tokens_for_user(request.user),
        "new_token": request.session.pop("new_token", None),
        "members": selectors.members_of(request.workspace) if request.workspace else [],
        "workspaces": selectors.workspaces_of(request.user),
        "two_factor_on": two_factor.two_factor_enabled(request.user),
        "is_owner": request.role == "owner",
    }
    return render(request, "accounts/settings.html", context)


@require_POST
def token_create_view(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, key = services.token_create(user=request.user, name=form.cleaned_data["name"])
        # Shown once on the next page; only the hash is kept.
        request.session["new_token"] = key
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    return redirect("accounts:settings")


@require_POST
def token_revoke_view(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:settings")


@require_POST
@login_not_required
def language_view(request):
    """Switch the interface language, remembering it on the account when logged in."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = safe_next(request, request.POST.get("next")) or "/"
    if request.user.is_authenticated:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", max_age=365 * 24 * 3600)
    return response


@csp_exempt()
def upload_view(request, upload_id: int):
    """A stored file: a real image inline, anything else (SVG, HTML…) as a download that can't run."""
    upload = get_scoped_or_404(Upload, request.workspace, pk=upload_id)
    handle = upload.file.open("rb")
    image_type = sniff_image(handle.read(12))
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=not image_type,
        filename=_safe_filename(upload.original_name),
        content_type=image_type or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _safe_filename(name: str) -> str:
    """A download name without control characters or folders; Django quotes the rest."""
    cleaned = "".join(c for c in name if c.isprintable()).replace("/", "_").replace("\\", "_").strip(" .")
    return cleaned or "file"


def no_workspace_view(request):
    return render(request, "accounts/no_workspace.html", status=403)


@require_POST
def workspace_switch_view(request):
    """The user menu's switcher: act in another of one's workspaces from now on."""
    with service_errors(request=request) as outcome:
        workspace = services.workspace_switch(
            user=request.user, workspace_id=int_param(request.POST.get("workspace"), 0)
        )
    if outcome.ok:
        messages.success(request, _("Now working in %(name)s.") % {"name": workspace.name})
    return redirect("agenda:today")


@require_POST
def workspace_create_view(request):
    """Settings: start a team workspace, owned by the user, and switch into it."""
    with service_errors(request=request) as outcome:
        workspace = services.workspace_create(name=request.POST.get("name", ""), owner=request.user)
    if outcome.ok:
        messages.success(
            request,
            _("Workspace %(name)s created. You are its owner: invite your team here.")
            % {"name": workspace.name},
        )
        return redirect("members:index")
    return redirect("accounts:settings")


def two_factor_view(request):
    """Settings → two-factor: scan the QR code and confirm a code to turn it on; a code turns it off."""
    enabled = two_factor.two_factor_enabled(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and not enabled and form.is_valid():
        with service_errors(form) as outcome:
            codes = two_factor.totp_confirm(user=request.user, code=form.cleaned_data["code"])
        if outcome.ok:
            # This session proved the code: it is verified, and the recovery codes are shown this once.
            two_factor.verify_with_device(request)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
    context = {"enabled": enabled, "form": form, "next": safe_next(request, request.GET.get("next"))}
    if not enabled:
        device = two_factor.totp_pending_device(request.user)
        context.update(
            {
                "qr_svg": mark_safe(segno.make(device.config_url).svg_inline(scale=4, light="white")),  # noqa: S308
                "secret": b32encode(device.bin_key).decode(),
                "required": request.workspace is not None and request.workspace.require_two_factor,
            }
        )
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)


@require_POST
def two_factor_disable_view(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            two_factor.two_factor_disable(user=request.user, code=form.cleaned_data["code"])
        if outcome.ok:
            messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:two_factor")


def two_factor_verify_view(request):
    """The second step of logging in, for a user with two-factor on."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next")) or "/"
    if request.user.is_verified() or not two_factor.two_factor_enabled(request.user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url)
        form.add_error(
            "code", _("That code is not right. Try the newest one from your app, or a recovery code.")
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@require_POST
def two_factor_require_view(request):
    """An owner's switch: everyone in this workspace must use two-factor authentication."""
    required = request.POST.get("required") == "1"
    two_factor.workspace_require_two_factor(workspace=request.workspace, user=request.user, required=required)
    if required:
        messages.success(request, _("Everyone in this workspace now needs two-factor authentication."))
    else:
        messages.success(request, _("Two-factor authentication is now each member's choice."))
    return redirect("accounts:settings")


AUDIT_PAGE_SIZE = 50


@role_required(ADMIN)
def audit_view(request):
    """Who created, changed, deleted, exported, handed over or looked at sensitive records: owners and admins."""
    params = request.GET
    who, since, until = int_param(params.get("who")), _day(params.get("since")), _day(params.get("until"))
    action = params.get("action", "")
    trail = selectors.audit_trail(
        workspace=request.workspace, who=who, action=action, since=since, until=until
    )
    page = Paginator(trail, AUDIT_PAGE_SIZE).get_page(params.get("page"))
    labels = dict(AUDIT_ACTIONS)
    for row in page.object_list:
        row.label = labels.get(row.action, row.action)
        row.kind = AUDIT_KINDS.get(row.object_type, row.object_type)
    context = {
        "page_obj": page,
        "rows": page.object_list,
        "members": selectors.members_of(request.workspace),
        "who": who,
        "action": action,
        "since": since,
        "until": until,
        "actions": AUDIT_ACTIONS,
    }
    return render(request, "accounts/audit.html", context)


def _day(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# The filter's choices: field changes first, then the domain events AuditEntry keeps.
AUDIT_ACTIONS = (
    ("create", _lazy("created")),
    ("update", _lazy("changed")),
    ("delete", _lazy("deleted")),
    ("person.handover", _lazy("handed over")),
    ("person.view_sensitive", _lazy("viewed sensitive records")),
    ("person.merge", _lazy("merged")),
    ("person.erase", _lazy("erased")),
    ("person.export", _lazy("exported a person's data")),
    ("workspace.export", _lazy("exported the workspace")),
    ("person.restore", _lazy("restored")),
    ("person.merge_undo", _lazy("undid a merge")),
    ("import.vcard", _lazy("imported contacts")),
    ("commitment.create", _lazy("recorded a promise")),
    ("commitment.due", _lazy("moved a promise's due date")),
    ("engagement.create", _lazy("started an engagement")),
    ("engagement.end", _lazy("ended an engagement")),
    ("engagement.mou", _lazy("attached an MoU")),
    ("client_request.log", _lazy("logged a client request")),
    ("change_request.status", _lazy("decided a change request")),
    ("opportunity.create", _lazy("added an opportunity")),
    ("opportunity.stage", _lazy("moved an opportunity")),
    ("opportunity.vet", _lazy("vetted an opportunity")),
    ("referral.create", _lazy("recorded a referral")),
    ("referral.engagement", _lazy("linked a referral to work")),
    ("invitation.create", _lazy("invited someone")),
    ("invitation.accept", _lazy("accepted an invitation")),
    ("invitation.revoke", _lazy("withdrew an invitation")),
    ("member.role", _lazy("changed a member's role")),
    ("member.remove", _lazy("removed a member")),
    ("workspace.create", _lazy("created the workspace")),
    ("workspace.transfer", _lazy("transferred ownership")),
    ("workspace.legal_basis", _lazy("changed the default legal basis")),
    ("account.delete", _lazy("deleted an account")),
)

# What each trail row is about, by the model name both trails store.
AUDIT_KINDS = {
    "person": _lazy("person"),
    "contactpoint": _lazy("contact"),
    "familymember": _lazy("family"),
    "fact": _lazy("fact"),
    "lifeevent": _lazy("life event"),
    "employment": _lazy("job"),
    "organization": _lazy("organization"),
    "commitment": _lazy("promise"),
    "engagement": _lazy("engagement"),
    "changerequest": _lazy("change request"),
    "clientrequest": _lazy("client request"),
    "opportunity": _lazy("opportunity"),
    "referral": _lazy("referral"),
    "invitation": _lazy("invitation"),
    "membership": _lazy("member"),
    "workspace": _lazy("workspace"),
    "user": _lazy("account"),
}
