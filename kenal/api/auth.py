"""Bearer-token authentication for the API."""

from functools import wraps

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from kenal.accounts.selectors import membership_for_user, token_user
from kenal.accounts.services import audit_actor_set
from kenal.lib.roles import may_request


class TokenAuth(HttpBearer):
    """The token's user, acting in the token's workspace (or their current one) with their role there."""

    def authenticate(self, request, token):
        user = token_user(token)
        if user is None:
            return None
        membership = membership_for_user(user, user.token_workspace_id)
        if membership is None:
            return None
        request.user, request.workspace, request.role = user, membership.workspace, membership.role
        audit_actor_set(user)
        if not may_request(request.role, request.method):
            raise HttpError(403, _("You can read this workspace but not change it: you are a viewer."))
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
