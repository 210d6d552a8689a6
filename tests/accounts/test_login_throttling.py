"""Guessing passwords: five wrong ones lock the account for 15 minutes, many from one address lock it too."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from kenal.accounts.services import user_create

LOGIN = "/accounts/login/"


def _fail(client, email="alice@example.com", times=1, **extra):
    for _ in range(times):
        response = client.post(LOGIN, {"username": email, "password": "wrong-guess"}, **extra)
    return response


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, alice):
    response = _fail(client, times=4)
    assert response.status_code == 200
    _fail(client)
    response = client.post(
        LOGIN, {"username": "alice@example.com", "password": "password-alice"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert client.get("/people/").status_code == 302  # not logged in


def test_the_lockout_speaks_indonesian(client, alice):
    response = _fail(client, times=6, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 429
    assert "15 menit" in response.content.decode()
    assert 'value="alice@example.com"' in response.content.decode()


def test_the_email_case_does_not_dodge_the_lockout(client, alice):
    _fail(client, "Alice@Example.com", times=3)
    _fail(client, "ALICE@example.com", times=2)
    response = client.post(LOGIN, {"username": "alice@example.com", "password": "password-alice"})
    assert response.status_code == 429


def test_the_lock_lifts_after_15_minutes(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _fail(client, times=5)
        traveller.shift(timedelta(minutes=16))
        response = client.post(LOGIN, {"username": "alice@example.com", "password": "password-alice"})
    assert response.status_code == 302


def test_a_locked_account_does_not_lock_its_teammates(client, alice, bob):
    _fail(client, times=5)
    response = client.post(LOGIN, {"username": "bob@example.com", "password": "password-bob"})
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_locked_too(client, db, settings):
    settings.KENAL_LOGIN_IP_FAILURE_LIMIT = 8
    user_create(email="last@example.com", password="password-last", name="Last")
    for n in range(4):
        _fail(client, f"someone{n}@example.com", times=2)
    response = client.post(LOGIN, {"username": "last@example.com", "password": "password-last"})
    assert response.status_code == 429
    # Another address still logs in.
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post(LOGIN, {"username": "last@example.com", "password": "password-last"}).status_code == 302


@pytest.mark.parametrize("wrong", ["nope", ""])
def test_api_tokens_are_not_throttled_by_failed_logins(client, alice, alice_token, wrong):
    _fail(client, times=10)
    response = client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert response.status_code == 200
    assert client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {wrong}x").status_code == 401


def test_behind_the_https_proxy_the_address_is_the_one_the_proxy_saw(client, db, settings):
    settings.KENAL_HTTPS = True
    settings.KENAL_LOGIN_IP_FAILURE_LIMIT = 6
    user_create(email="last@example.com", password="password-last", name="Last")
    proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https", "secure": True}
    # An attacker forging the header's first entries is still counted at the address the proxy added.
    for n in range(6):
        _fail(client, f"someone{n}@example.com", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5", **proxy)
    refused = client.post(
        LOGIN,
        {"username": "last@example.com", "password": "password-last"},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert refused.status_code == 429
    # A colleague behind the same proxy, from another address, is not locked out.
    allowed = client.post(
        LOGIN,
        {"username": "last@example.com", "password": "password-last"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert allowed.status_code == 302
