"""The agency's first steps on a phone: an owner starts a team workspace and invites; the invited one joins."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_owner_invites_and_the_invited_one_joins_on_a_phone(
    browser, live_server, screenshot, alice, language
):
    alice.language = language
    alice.save(update_fields=["language"])
    owner = browser.new_context(viewport={"width": 360, "height": 740}, locale=language)
    page = owner.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/settings/#workspaces")
    page.fill("#id_workspace_name", "Cahaya PR")
    page.click("form[action='/accounts/workspace/new/'] button")
    page.wait_for_url(f"{live_server.url}/settings/members/")

    page.fill("#id_email", "dina@example.com")
    page.select_option("#id_role", "member")
    page.click("form[action='/settings/members/invite/'] button")
    page.wait_for_url(f"{live_server.url}/settings/members/")
    address = page.inner_text("#invitation-url").strip()
    assert "/invite/" in address
    screenshot(page, f"members-360-{language}")
    _fits(page)

    visitor = browser.new_context(viewport={"width": 360, "height": 740}, locale=language)
    newcomer = visitor.new_page()
    path = address[address.index("/invite/") :]
    newcomer.goto(live_server.url + path)
    newcomer.fill("#id_name", "Dina Lestari")
    newcomer.fill("#id_password1", "123")
    newcomer.fill("#id_password2", "123")
    newcomer.click("main form button")
    assert newcomer.locator(".errorlist").count() >= 1
    assert newcomer.input_value("#id_name") == "Dina Lestari"
    screenshot(newcomer, f"invitation-signup-360-{language}")
    _fits(newcomer)
    newcomer.fill("#id_password1", "kopi-susu-2026")
    newcomer.fill("#id_password2", "kopi-susu-2026")
    newcomer.click("main form button")
    newcomer.wait_for_url(f"{live_server.url}/")
    assert "Cahaya PR" in newcomer.content()

    page.goto(f"{live_server.url}/settings/members/")
    assert "dina@example.com" in page.content()
    screenshot(page, f"members-with-dina-360-{language}")
    _fits(page)

    stranger = browser.new_context(viewport={"width": 360, "height": 740}, locale=language).new_page()
    stranger.goto(live_server.url + path)
    screenshot(stranger, f"invitation-used-360-{language}")
    _fits(stranger)
    owner.close()
    visitor.close()
