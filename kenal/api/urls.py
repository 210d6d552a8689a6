"""The REST API: one router per app, all behind bearer tokens."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI

from kenal.accounts.api import audit_router
from kenal.accounts.api import router as members_router
from kenal.agenda.api import router as agenda_router
from kenal.api.auth import TokenAuth, docs_access
from kenal.commitments.api import router as commitments_router
from kenal.conversations.api import router as conversations_router
from kenal.engagements.api import opportunities_router
from kenal.engagements.api import router as engagements_router
from kenal.network.api import favours_router, gifts_router, referrals_router
from kenal.people.api import router as people_router
from kenal.portability.api import router as portability_router

api = NinjaAPI(
    title="Kenal API",
    version="1",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_decorator=docs_access,
)


@api.exception_handler(OverflowError)
def id_out_of_range(request, exc):
    # An id too large for the database's integers names no row: not found, never a server error.
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(PermissionDenied)
def role_refused(request, exc):
    # `role_required` refused: the user's role in this workspace does not allow it.
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(ValidationError)
def service_refused(request, exc):
    # The one place a service's refusal becomes a 400: its messages joined in `detail`, each field's in `errors`.
    body = {"detail": " ".join(exc.messages)}
    if hasattr(exc, "error_dict"):
        body["errors"] = {
            field: [m for e in errors for m in e.messages] for field, errors in exc.error_dict.items()
        }
    return api.create_response(request, body, status=400)


api.add_router("/members", members_router)
api.add_router("/audit", audit_router)
api.add_router("/people", people_router)
api.add_router("/people", portability_router)
api.add_router("/conversations", conversations_router)
api.add_router("/commitments", commitments_router)
api.add_router("/agenda", agenda_router)
api.add_router("/engagements", engagements_router)
api.add_router("/opportunities", opportunities_router)
api.add_router("/referrals", referrals_router)
api.add_router("/favours", favours_router)
api.add_router("/gifts", gifts_router)
