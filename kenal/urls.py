from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from kenal.accounts.members_views import invitation_view
from kenal.accounts.views import audit_view
from kenal.api.urls import api
from kenal.web.views import service_worker_view, share_view

urlpatterns = [
    path("", include("kenal.agenda.urls")),
    path("accounts/", include("kenal.accounts.urls")),
    path("settings/members/", include("kenal.accounts.members_urls")),
    path("invite/<str:token>/", invitation_view, name="invitation"),
    path("settings/audit/", audit_view, name="audit"),
    path("people/", include("kenal.people.urls")),
    path("conversations/", include("kenal.conversations.urls")),
    path("promises/", include("kenal.commitments.urls")),
    path("work/", include("kenal.engagements.urls")),
    path("network/", include("kenal.network.urls")),
    path("", include("kenal.capture.urls")),
    path("data/", include("kenal.portability.urls")),
    path("api/", api.urls),
    path("share/", share_view, name="share"),
    path("sw.js", service_worker_view, name="service_worker"),
    path("favicon.ico", RedirectView.as_view(url=static("kenal/icons/favicon.ico"), permanent=True)),
]
