"""Login everywhere, and the user's workspace and language on every request."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils import translation


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required default, except for paths that authenticate on their own."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(settings.KENAL_PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class WorkspaceMiddleware:
    """Attach the current workspace and apply the user's language setting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from kenal.accounts.selectors import workspace_for_user

            request.workspace = workspace_for_user(user)
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if request.workspace is None and not request.path_info.startswith(
                ("/accounts/", *settings.KENAL_PUBLIC_PREFIXES)
            ):
                from django.shortcuts import render

                return render(request, "accounts/no_workspace.html", status=403)
        return self.get_response(request)


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
