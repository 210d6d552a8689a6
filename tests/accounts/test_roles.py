"""A viewer reads the workspace and changes nothing in it, on every route of the web and the API."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from kenal.accounts.middleware import OWN_ACCOUNT_PATHS
from kenal.api.urls import api
from kenal.people.models import Person

WRITES = ("post", "put", "patch", "delete")


def _web_routes(resolver=None, prefix=""):
    """Every route of the URLconf outside the API, as a path with its parameters filled in."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("api/"):
                continue
            yield from _web_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "abc" if m.group(1) == "str" else "1", route)


def _api_operations():
    """Every API operation that writes, as (method, path with its parameters filled in)."""
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    if method.lower() in WRITES:
                        filled = re.sub(
                            r"\{(?:\w+:)?(\w+)\}", lambda m: "promise:1" if m.group(1) == "key" else "1", path
                        )
                        yield method.lower(), "/api" + (prefix + filled).replace("//", "/")


WEB = sorted(set(_web_routes()))
API = sorted(set(_api_operations()))


def test_the_urlconf_is_enumerated_in_full():
    # Guards the enumeration itself: should it silently find nothing, the role tests below would prove nothing.
    assert len(WEB) > 40 and len(API) > 15
    assert "/people/1/" in WEB and ("post", "/api/people") in API


@pytest.mark.parametrize(
    "path", [p for p in WEB if not p.startswith((*OWN_ACCOUNT_PATHS, *settings.KENAL_PUBLIC_PREFIXES))]
)
def test_a_viewer_gets_403_on_every_web_write(vera_client, person, path):
    for method in WRITES:
        response = getattr(vera_client, method)(path)
        assert response.status_code == 403, (method, path, response.status_code)
    assert Person.objects.count() == 1


@pytest.mark.parametrize(("method", "path"), API)
def test_a_viewer_gets_403_on_every_api_write(client, vera_token, person, method, path):
    response = getattr(client, method)(
        path, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {vera_token}"
    )
    assert response.status_code == 403, (method, path, response.status_code)
    assert "viewer" in response.json()["detail"] or "pembaca" in response.json()["detail"]


def test_a_viewer_reads_the_workspace(vera_client, client, vera_token, person):
    assert "Yuna Kristina" in vera_client.get(f"/people/{person.pk}/").content.decode()
    listed = client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {vera_token}")
    assert listed.status_code == 200 and "Yuna Kristina" in listed.content.decode()


def test_a_viewer_still_manages_her_own_account(vera_client, vera):
    response = vera_client.post("/accounts/language/", {"language": "en", "next": "/people/"})
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.language == "en"


def test_a_member_still_writes(bob_client, person):
    response = bob_client.post(f"/promises/person/{person.pk}/add/", {"what": "Kirim foto", "debtor": "me"})
    assert response.status_code == 302


def test_the_invitation_page_is_public_on_purpose_and_a_viewer_changes_nothing_there(vera_client, vera):
    # A visitor without an account accepts an invitation there; it checks the token itself.
    assert "/invite/abc/" in WEB and "/invite/abc/".startswith(settings.KENAL_PUBLIC_PREFIXES)
    assert vera_client.post("/invite/abc/").status_code == 404
    assert vera.memberships.count() == 2


def test_a_viewers_refusal_is_kenals_page_with_the_reason_and_a_way_back(vera_client, person):
    response = vera_client.post(f"/people/{person.pk}/edit/", {"full_name": "X"}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 403
    assert "you are a viewer" in page and "Back to Today" in page and "<nav" in page
    page = vera_client.post(f"/people/{person.pk}/edit/", {"full_name": "X"}, HTTP_ACCEPT_LANGUAGE="id")
    assert "Kembali ke Hari ini" in page.content.decode()
