"""Two-factor authentication: a password alone reaches no page once it is on."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import parse_qs, urlparse

import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/accounts/login/"


def _code_for(uri: str) -> str:
    from base64 import b32decode

    secret = parse_qs(urlparse(uri).query)["secret"][0]
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def _enable(email: str) -> tuple[str, list[str]]:
    out = StringIO()
    call_command("otp", "enable", email, stdout=out)
    lines = out.getvalue().strip().splitlines()
    codes = [line.strip() for line in lines if line.startswith("  ")]
    return lines[-1], codes


def _a_little_later():
    # After a wrong code django-otp makes the next try wait (1 s, then 2 s, 4 s…), and a code once used
    # is refused until the next 30-second step: guessing stays slow and a seen code can't be replayed.
    return time_machine.travel(timezone.now() + timedelta(seconds=40), tick=False)


def _login(client, email="alice@example.com", password="password-alice"):
    return client.post(LOGIN, {"username": email, "password": password})


def test_the_command_prints_an_otpauth_address_last(alice):
    uri, codes = _enable("alice@example.com")
    assert uri.startswith("otpauth://totp/") and "issuer=Kenal" in uri
    assert len(codes) == 10 and len(set(codes)) == 10


def test_with_two_factor_on_a_password_alone_reaches_no_page(client, alice, person):
    _enable("alice@example.com")
    assert _login(client).status_code == 302
    for path in ["/", "/people/", f"/people/{person.pk}/", "/accounts/settings/", "/api/docs"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith("/accounts/two-factor/verify/"), path
    assert client.post(f"/promises/person/{person.pk}/add/", {"what": "x"}).status_code == 302
    assert "Yuna" not in client.get("/accounts/two-factor/verify/").content.decode()


def test_the_right_code_opens_the_pages_and_a_wrong_one_does_not(client, alice):
    uri, _codes = _enable("alice@example.com")
    _login(client)
    wrong = client.post("/accounts/two-factor/verify/", {"code": "000000", "next": "/people/"})
    assert wrong.status_code == 400
    assert client.get("/people/").status_code == 302
    with _a_little_later():
        right = client.post("/accounts/two-factor/verify/", {"code": _code_for(uri), "next": "/people/"})
        assert right.status_code == 302 and right.url == "/people/"
        assert client.get("/people/").status_code == 200


def test_a_recovery_code_works_once(client, alice):
    _uri, codes = _enable("alice@example.com")
    _login(client)
    assert client.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 302
    assert client.get("/people/").status_code == 200
    client.post("/accounts/logout/")
    _login(client)
    assert client.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 400
    assert client.get("/people/").status_code == 302


def test_a_user_turns_it_on_by_scanning_and_confirming(alice_client, alice):
    page = alice_client.get("/accounts/two-factor/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg width="' in html and "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert alice_client.post("/accounts/two-factor/", {"code": "000000"}).status_code == 400
    with _a_little_later():
        done = alice_client.post("/accounts/two-factor/", {"code": _code_for(device.config_url)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    # This session proved the code; the next login will have to as well.
    assert alice_client.get("/people/").status_code == 200


def test_turning_it_off_takes_a_current_code(alice_client, alice):
    uri, _codes = _enable("alice@example.com")
    alice_client.post("/accounts/logout/")
    _login(alice_client)
    alice_client.post("/accounts/two-factor/verify/", {"code": _code_for(uri)})
    alice_client.post("/accounts/two-factor/disable/", {"code": "123456"})
    assert TOTPDevice.objects.filter(user=alice).exists()
    with _a_little_later():
        alice_client.post("/accounts/two-factor/disable/", {"code": _code_for(uri)})
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_an_owner_requires_it_and_a_member_is_sent_to_set_it_up(alice_client, bob_client, workspace, bob):
    assert bob_client.get("/people/").status_code == 200
    assert bob_client.post("/accounts/workspace/two-factor/", {"required": "1"}).status_code == 403
    alice_client.post("/accounts/workspace/two-factor/", {"required": "1"})
    workspace.refresh_from_db()
    assert workspace.require_two_factor
    response = bob_client.get("/people/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-factor/?")
    assert bob_client.get(response.url).status_code == 200
    uri, _codes = _enable("bob@example.com")
    bob_client.post("/accounts/logout/")
    _login(bob_client, "bob@example.com", "password-bob")
    bob_client.post("/accounts/two-factor/verify/", {"code": _code_for(uri)})
    assert bob_client.get("/people/").status_code == 200


def test_bearer_tokens_are_not_asked_for_a_code(client, alice, alice_token):
    _enable("alice@example.com")
    assert client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {alice_token}").status_code == 200


def test_a_session_opened_before_it_was_turned_on_owes_a_code_within_a_minute(alice_client, client, alice):
    assert alice_client.get("/people/").status_code == 200
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _enable("alice@example.com")  # from another device, or by an administrator
        traveller.shift(timedelta(seconds=61))
        response = alice_client.get("/people/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-factor/verify/")
