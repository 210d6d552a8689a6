import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_owner_creates_a_team_workspace_and_switches_back_on_a_phone(
    browser, live_server, screenshot, alice, person, language
):
    alice.language = language
    alice.save(update_fields=["language"])
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/accounts/settings/#workspaces")
    page.fill("#id_workspace_name", "Cahaya PR")
    page.click("form[action='/accounts/workspace/new/'] button")
    # A new team workspace opens on its Members page, to invite the team.
    page.wait_for_url(f"{live_server.url}/settings/members/")
    page.goto(f"{live_server.url}/people/")
    assert "Yuna Kristina" not in page.content()

    page.goto(f"{live_server.url}/accounts/settings/#workspaces")
    screenshot(page, f"workspaces-settings-360-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("form[action='/accounts/workspace/'] button")
    page.goto(f"{live_server.url}/people/")
    assert "Yuna Kristina" in page.content()
    context.close()
