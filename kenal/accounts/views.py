"""Login, settings, API tokens, language and protected file downloads."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kenal.accounts import selectors, services
from kenal.accounts.forms import SettingsForm, TokenForm
from kenal.accounts.http import role_required, safe_next, service_errors
from kenal.accounts.models import ApiToken, Upload
from kenal.accounts.scoping import get_scoped_or_404
from kenal.lib.roles import ADMIN


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


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


def upload_view(request, upload_id: int):
    upload = get_scoped_or_404(Upload, request.workspace, pk=upload_id)
    inline = upload.content_type.startswith("image/")
    return FileResponse(
        upload.file.open("rb"),
        as_attachment=not inline,
        filename=upload.original_name,
        content_type=upload.content_type,
    )


def no_workspace_view(request):
    return render(request, "accounts/no_workspace.html", status=403)


@require_POST
def workspace_switch_view(request):
    """The user menu's switcher: act in another of one's workspaces from now on."""
    with service_errors(request=request) as outcome:
        workspace = services.workspace_switch(
            user=request.user, workspace_id=_int(request.POST.get("workspace"))
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
            request, _("Workspace %(name)s created. You are its owner.") % {"name": workspace.name}
        )
        return redirect("agenda:today")
    return redirect("accounts:settings")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


AUDIT_PAGE_SIZE = 50


@role_required(ADMIN)
def audit_view(request):
    """Who created, changed, deleted, exported, handed over or looked at sensitive records: owners and admins."""
    params = request.GET
    who, since, until = _int(params.get("who")), _day(params.get("since")), _day(params.get("until"))
    action = params.get("action", "")
    trail = selectors.audit_trail(
        workspace=request.workspace, who=who, action=action, since=since, until=until
    )
    page = Paginator(trail, AUDIT_PAGE_SIZE).get_page(params.get("page"))
    labels = dict(AUDIT_ACTIONS)
    for row in page.object_list:
        row.label = labels.get(row.action, row.action)
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


def _int(value):
    return int(value) if value and str(value).isdigit() else None


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
)
