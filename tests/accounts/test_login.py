def test_an_anonymous_visit_to_home_lands_on_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_every_page_requires_login(client, person):
    for url in [
        "/people/",
        f"/people/{person.pk}/",
        "/people/organizations/",
        "/people/circles/",
        "/accounts/settings/",
        "/people/import/vcard/",
        "/people/export/vcard/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response.url


def test_it_logs_in_with_email_and_password(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "password-alice"}
    )
    assert response.status_code == 302
    assert client.get("/people/").status_code == 200


def test_a_wrong_password_says_so_and_keeps_the_email(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert b"match. Please try again" in response.content
    assert b'value="alice@example.com"' in response.content


def test_an_id_too_large_for_the_database_is_not_found(alice_client, alice_token, client):
    huge = 2**64
    assert alice_client.get(f"/people/{huge}/").status_code == 404
    assert client.get(f"/api/people/{huge}", HTTP_AUTHORIZATION=f"Bearer {alice_token}").status_code == 404


def test_a_nul_character_is_refused_with_a_clear_message(alice_client, alice_token, client, person):
    assert alice_client.get("/people/?q=yu%00na").status_code == 400
    response = client.get("/api/people?q=%00", HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    response = client.post(
        "/api/people",
        '{"name": "Yu\\u0000na"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {alice_token}",
    )
    assert response.status_code == 400


def test_the_test_client_still_logs_in_with_a_password(client, alice):
    # django-axes needs the request; tests/conftest.py gives Client.login one.
    assert client.login(username="alice@example.com", password="password-alice")
    assert client.get("/people/").status_code == 200
    assert not client.login(username="alice@example.com", password="nope")
