"""Bearer-token authentication for the API."""

from functools import wraps

from ninja.security import HttpBearer

from kenal.accounts.selectors import token_user, workspace_for_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = token_user(token)
        if user is None:
            return None
        request.user = user
        request.workspace = workspace_for_user(user)
        if request.workspace is None:
            return None
        return user


def docs_access(view):
    """The schema answers a valid bearer token (401 for a wrong one); the docs page, like all pages, a login."""
    from django.contrib.auth.decorators import login_required
    from django.http import JsonResponse
    from ninja.openapi.views import openapi_json

    browser_view = login_required(view)
    if getattr(view, "func", None) is not openapi_json:
        return browser_view

    @wraps(view)
    def schema(request, *args, **kwargs):
        if "HTTP_AUTHORIZATION" not in request.META:
            return browser_view(request, *args, **kwargs)
        if TokenAuth()(request) is None:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return view(request, *args, **kwargs)

    return schema
