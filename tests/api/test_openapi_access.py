"""The OpenAPI schema answers an API client's bearer token; the docs page stays behind the web login."""

import pytest


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_an_api_client_gets_the_schema_with_its_token(client, alice_token):
    response = client.get("/api/openapi.json", **bearer(alice_token))
    assert response.status_code == 200
    assert "/api/people" in response.json()["paths"]


def test_a_signed_in_user_gets_the_schema_and_the_docs(alice_client):
    assert alice_client.get("/api/openapi.json").status_code == 200
    assert alice_client.get("/api/docs").status_code == 200


def test_a_wrong_or_revoked_token_gets_401_not_the_schema(client, alice, alice_token):
    response = client.get("/api/openapi.json", **bearer("not-a-token"))
    assert response.status_code == 401
    assert "paths" not in response.json()
    from django.utils import timezone

    from kenal.accounts.models import ApiToken

    ApiToken.objects.filter(user=alice).update(revoked_at=timezone.now())
    assert client.get("/api/openapi.json", **bearer(alice_token)).status_code == 401


@pytest.mark.parametrize("url", ["/api/openapi.json", "/api/docs"])
def test_without_a_token_or_login_it_redirects_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_docs_page_is_not_opened_by_a_token(client, alice_token):
    assert client.get("/api/docs", **bearer(alice_token)).status_code == 302
