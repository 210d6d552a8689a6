"""Login everywhere, and the user's workspace and language on every request."""

import time

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils import translation

from kenal.lib.roles import may_request


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required default, except for paths that authenticate on their own."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(settings.KENAL_PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# A viewer may still do what concerns only their own account, never the workspace's data.
OWN_ACCOUNT_PATHS = (
    "/accounts/language/",
    "/accounts/logout/",
    "/accounts/workspace/",
    "/accounts/settings/",
    "/accounts/password/",
    "/accounts/two-factor/",
    "/data/account/delete/",  # deleting one's own account (password-confirmed) is one's own business
)


class WorkspaceMiddleware:
    """Attach the current workspace and the user's role there, refuse a viewer's writes, apply the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = request.role = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from kenal.accounts.selectors import membership_for_user

            membership = membership_for_user(user)
            if membership is not None:
                request.workspace, request.role = membership.workspace, membership.role
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if request.workspace is None and not request.path_info.startswith(
                ("/accounts/", *settings.KENAL_PUBLIC_PREFIXES)
            ):
                from django.shortcuts import render

                return render(request, "accounts/no_workspace.html", status=403)
            if not may_request(request.role, request.method) and not request.path_info.startswith(
                (*OWN_ACCOUNT_PATHS, *settings.KENAL_PUBLIC_PREFIXES)
            ):
                from django.core.exceptions import PermissionDenied
                from django.utils.translation import gettext as _

                # Kenal's 403 page (with the way back), not a bare line of text.
                raise PermissionDenied(_("You can read this workspace but not change it: you are a viewer."))
        return self.get_response(request)


def session_seen(sender, request, user, **kwargs):
    """A login is activity: the idle count starts there (and the first page need not write the session)."""
    if request is not None and hasattr(request, "session"):
        request.session["kenal_seen"] = int(time.time())


class IdleSessionMiddleware:
    """Keep an active session alive: each request pushes its expiry (SESSION_COOKIE_AGE) forward, so
    a session ends after KENAL_SESSION_IDLE_MINUTES without one. Written at most once a minute."""

    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and "_auth_user_id" in session:
            now = int(time.time())
            if now - session.get("kenal_seen", 0) >= self.REFRESH_SECONDS:
                session["kenal_seen"] = now
        return response


class IdOutOfRangeMiddleware:
    """An id in a URL too large for the database's integers names no row: 404, never a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from django.http import Http404
            from django.views.defaults import page_not_found

            return page_not_found(request, Http404())
        return None


class RejectNulMiddleware:
    """Refuse text with NUL characters up front: PostgreSQL can't store them, SQLite would store them silently."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from django.http import JsonResponse
            from django.utils.translation import gettext as _

            message = _(
                "The request contains a NUL character (\\0), which text can't hold. Remove it and try again."
            )
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return True
        content_type = request.content_type or ""
        if content_type == "application/x-www-form-urlencoded":
            return any("\x00" in value for values in request.POST.lists() for value in values[1])
        if content_type == "application/json":
            return b"\\u0000" in request.body or b"\x00" in request.body
        return False


# What a session that still owes its second factor may open: the verify and set-up pages, logging out.
TWO_FACTOR_PATHS = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/language/")


class TwoFactorMiddleware:
    """With two-factor on, a correct password alone reaches no page: until a code is given, every request
    goes to the verify step. In a workspace whose owner requires it, a member without it goes to set it up.
    Bearer-token API calls, calendar feeds and webhooks carry their own secret and pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path_info.startswith(TWO_FACTOR_PATHS)
            and not self._own_secret(request)
        ):
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode

            from kenal.accounts.two_factor import PENDING, recheck

            if request.session.get(PENDING) or recheck(request):
                target = reverse("accounts:two_factor_verify")
            elif request.workspace is not None and request.workspace.require_two_factor:
                target = reverse("accounts:two_factor")
            else:
                return self.get_response(request)
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _own_secret(request) -> bool:
        path = request.path_info
        if path.startswith("/api/"):
            return "HTTP_AUTHORIZATION" in request.META
        return path.startswith(settings.KENAL_PUBLIC_PREFIXES)
