"""Social profile names and handles: instagram.com/yuna.kristina becomes ("instagram", "@yuna.kristina")."""

from __future__ import annotations

from urllib.parse import urlsplit

# Hostnames we recognise as social profiles, and the service each belongs to.
SOCIAL_HOSTS = {
    "instagram.com": "instagram",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "tiktok.com": "tiktok",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "linkedin.com": "linkedin",
    "t.me": "telegram",
    "wa.me": "whatsapp",
    "github.com": "github",
    "youtube.com": "youtube",
    "threads.net": "threads",
}
KNOWN_SERVICES = frozenset(SOCIAL_HOSTS.values())
_SERVICE_ALIASES = {"x": "twitter", "gtalk": "googletalk", "google-talk": "googletalk", "jabber": "xmpp"}
# Services whose people say "follow me at @name"; we store the handle, not the URL.
HANDLE_SERVICES = frozenset({"instagram", "twitter", "tiktok", "telegram", "threads", "github"})
# The first host listed for a service is where its profile URLs point.
_PROFILE_HOSTS = {service: host for host, service in reversed(SOCIAL_HOSTS.items())}


def normal_service(name: str) -> str:
    """Lowercase a service name and fold aliases (X is Twitter)."""
    service = name.strip().lower()
    return _SERVICE_ALIASES.get(service, service)


def service_from_url(value: str) -> str:
    """Return the service a profile URL points to, e.g. instagram for instagram.com/yuna, or ''."""
    host = _host(value)
    for domain, service in SOCIAL_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return service
    return ""


def known_service(label: str) -> str:
    """Return label as a service name if it names one we know (iCloud's X-ABLabel:Instagram), or ''."""
    service = normal_service(label)
    return service if service in KNOWN_SERVICES else ""


def social_handle(service: str, value: str, user: str = "") -> str:
    """Return @name for handle-based services when the name can be found, else value unchanged."""
    if service not in HANDLE_SERVICES:
        return value
    name = user or value
    if "://" in name or service_from_url(name):
        name = _first_path_segment(name)
    name = name.strip().lstrip("@")
    return f"@{name}" if name and " " not in name else value


def profile_url(service: str, handle: str) -> str:
    """Return the profile URL for an @handle on a known service, or handle itself."""
    host = _PROFILE_HOSTS.get(service)
    if host and handle.startswith("@") and len(handle) > 1:
        return f"https://{host}/{handle[1:]}"
    return handle


def _host(value: str) -> str:
    """Return the lowercased host of a URL, tolerating a missing scheme."""
    url = value if "://" in value else f"https://{value}"
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # e.g. an unbalanced "[" read as an IPv6 host
        return ""


def _first_path_segment(value: str) -> str:
    """Return the first path segment of a URL (instagram.com/yuna/ -> yuna)."""
    url = value if "://" in value else f"https://{value}"
    try:
        return urlsplit(url).path.strip("/").split("/", 1)[0]
    except ValueError:
        return ""
