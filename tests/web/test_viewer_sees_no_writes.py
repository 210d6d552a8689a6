"""A viewer is shown no form or button whose only outcome is "you are a viewer" (403), on any page she can open."""

import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kenal.accounts.middleware import OWN_ACCOUNT_PATHS
from kenal.accounts.models import Membership

# What a viewer may still post: her own session and language (on every page), her workspace switch.
ALLOWED_ACTIONS = ("/accounts/logout/", "/accounts/language/", "/accounts/workspace/")
# Pages about her own account, where she may write: she keeps these forms.
OWN_PAGES = OWN_ACCOUNT_PATHS


def _plain_routes(resolver=None, prefix=""):
    """Every page of the URLconf outside the API that takes no parameter."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith("api/"):
                yield from _plain_routes(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route:
            yield "/" + route


def _pages_with_ids(workspace):
    """The main pages about one thing, filled with the demo's own people, chats, promises and work."""
    from kenal.commitments.models import Commitment, Suggestion
    from kenal.conversations.models import Conversation, ImportRun
    from kenal.engagements.models import Engagement, Opportunity
    from kenal.people.models import Circle, Organization, Person

    def first(model, **where):
        found = model.objects.filter(workspace=workspace, **where).order_by("pk").first()
        assert found is not None, f"the demo has no {model.__name__}: the test would check nothing there"
        return found.pk

    person, other = Person.objects.filter(workspace=workspace).order_by("pk").values_list("pk", flat=True)[:2]
    organization, engagement = first(Organization), first(Engagement)
    return [
        reverse("people:detail", args=[person]),
        reverse("people:edit", args=[person]),
        reverse("people:organization", args=[organization]),
        reverse("people:organization_edit", args=[organization]),
        reverse("people:circle", args=[first(Circle)]),
        reverse("conversations:detail", args=[first(Conversation)]),
        reverse("conversations:run", args=[first(ImportRun)]),
        reverse("commitments:detail", args=[first(Commitment)]),
        reverse("commitments:suggestion", args=[first(Suggestion, state="pending")]),
        reverse("engagements:detail", args=[engagement]),
        reverse("engagements:request", args=[engagement]),
        reverse("engagements:opportunity", args=[first(Opportunity)]),
        reverse("portability:merge", args=[person, other]),
        reverse("portability:person_erase", args=[person]),
    ]


def _writes(page: str) -> list[str]:
    """Every POST form and hx-post element of the page, but those a viewer may use."""
    controls = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>", page, flags=re.IGNORECASE)
    controls += re.findall(r"<[a-z]+\b[^>]*\bhx-post=[^>]*>", page, flags=re.IGNORECASE)
    return [tag for tag in controls if not any(f'"{action}' in tag for action in ALLOWED_ACTIONS)]


def test_a_viewer_sees_no_control_that_would_refuse_her(vera_client, demo_viewer):
    plain = [
        path
        for path in sorted(set(_plain_routes()))
        if not path.startswith((*OWN_PAGES, *settings.KENAL_PUBLIC_PREFIXES))
    ]
    assert "/people/" in plain and "/promises/" in plain  # the enumeration itself found the pages
    checked, offending = [], {}
    for path in plain + _pages_with_ids(demo_viewer):
        response = vera_client.get(path, HTTP_ACCEPT_LANGUAGE="id")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue  # a download, a redirect, or a page kept from viewers: nothing to click there
        checked.append(path)
        if writes := _writes(response.content.decode()):
            offending[path] = writes
    assert offending == {}
    assert len(checked) > 30


def test_a_member_still_sees_the_controls(client, demo_viewer):
    # Guards the check itself: the same pages show their forms to whoever may write.
    client.force_login(demo_viewer.memberships.get(role=Membership.Role.OWNER).user)
    for path in _pages_with_ids(demo_viewer)[:1] + [p for p in _pages_with_ids(demo_viewer) if "/work/" in p]:
        assert _writes(client.get(path).content.decode()), path
