from django.urls import include, path

from kenal.api.urls import api

urlpatterns = [
    path("", include("kenal.agenda.urls")),
    path("accounts/", include("kenal.accounts.urls")),
    path("people/", include("kenal.people.urls")),
    path("conversations/", include("kenal.conversations.urls")),
    path("promises/", include("kenal.commitments.urls")),
    path("work/", include("kenal.engagements.urls")),
    path("network/", include("kenal.network.urls")),
    path("", include("kenal.capture.urls")),
    path("data/", include("kenal.portability.urls")),
    path("api/", api.urls),
]
