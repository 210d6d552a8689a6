"""The five places of the navigation, for every page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
