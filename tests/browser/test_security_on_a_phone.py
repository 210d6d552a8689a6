"""The Content-Security-Policy breaks no page, and the two-factor and password pages fit a phone
(screenshots in test-artifacts/security-<language>-<page>.png)."""

from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command

from kenal.accounts.demo import demo_load
from tests.browser.test_every_place_on_a_phone import HEIGHT, PROBLEMS_JS, WIDTH, places

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(browser, language):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale=f"{language}-ID")
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return context, page, refused


def _login(page, live_server, email, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button")


def test_no_place_breaks_the_content_security_policy(browser, live_server):
    demo_load()
    context, page, refused = _page(browser, "id")
    _login(page, live_server, "demo@kenal.local", "kenal-demo")
    page.wait_for_url(f"{live_server.url}/")
    for _name, path in places():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    # htmx still works: the people search swaps its results in without a page load.
    page.goto(f"{live_server.url}/people/")
    page.fill("#q", "ratna")
    page.wait_for_timeout(800)
    assert any("Ratna" in name for name in page.locator("#results .name").all_inner_texts())
    context.close()
    assert refused == []


def _code(uri: str) -> str:
    from base64 import b32decode

    from django_otp.oath import totp

    secret = parse_qs(urlparse(uri).query)["secret"][0]
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_two_factor_login_on_a_phone(browser, live_server, alice, screenshot, language):
    out = StringIO()
    call_command("otp", "enable", "alice@example.com", stdout=out)
    uri = out.getvalue().strip().splitlines()[-1]
    context, page, refused = _page(browser, language)
    _login(page, live_server, "alice@example.com", "password-alice")
    page.wait_for_url("**/accounts/two-factor/verify/**")
    screenshot(page, f"security-{language}-verify")
    assert page.evaluate(PROBLEMS_JS) == []
    page.fill("#id_code", _code(uri))
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    context.close()
    assert refused == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_setting_up_two_factor_and_a_reset_fit_a_phone(browser, live_server, alice, screenshot, language):
    context, page, refused = _page(browser, language)
    _login(page, live_server, "alice@example.com", "password-alice")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/two-factor/")
    qr = page.locator(".qr svg").bounding_box()
    assert 150 <= qr["width"] <= WIDTH
    screenshot(page, f"security-{language}-two-factor-setup")
    assert page.evaluate(PROBLEMS_JS) == []
    page.goto(f"{live_server.url}/accounts/password/")
    screenshot(page, f"security-{language}-password-change")
    assert page.evaluate(PROBLEMS_JS) == []
    context.close()
    context, page, _ = _page(browser, language)
    page.goto(f"{live_server.url}/accounts/password/reset/")
    screenshot(page, f"security-{language}-password-reset")
    assert page.evaluate(PROBLEMS_JS) == []
    for _ in range(6):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "alice@example.com")
        page.fill("#id_password", "wrong-guess")
        page.click("main form button")
    assert page.locator("p.errorlist").is_visible()
    screenshot(page, f"security-{language}-locked-out")
    assert page.evaluate(PROBLEMS_JS) == []
    context.close()
    assert refused == []
