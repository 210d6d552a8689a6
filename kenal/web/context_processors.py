"""What every page knows: the five places of the navigation, and whether the reader may change things."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenal.lib.roles import may_request

PLACES = (
    ("today", _("Today"), "agenda:today", "☀"),
    ("people", _("People"), "people:list", "☺"),
    ("promises", _("Promises"), "commitments:index", "✓"),
    ("work", _("Work"), "engagements:index", "▤"),
    ("network", _("Network"), "network:index", "✦"),
)


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    current = getattr(request, "resolver_match", None)
    namespace = current.namespace if current else ""
    section = {
        "agenda": "today",
        "people": "people",
        "conversations": "people",
        "commitments": "promises",
        "engagements": "work",
        "network": "network",
    }.get(namespace, "")
    return {
        "nav_places": [
            {"key": key, "label": label, "url": reverse(url), "icon": icon, "current": key == section}
            for key, label, url, icon in PLACES
        ]
    }


def permissions(request):
    """`may_write`: a viewer is shown no control that would only end in "you are a viewer" (403)."""
    return {"may_write": may_request(getattr(request, "role", None), "POST")}
