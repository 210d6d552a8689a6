import pytest

from kenal.accounts.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACES = [
    "/",
    "/people/",
    "/promises/",
    "/work/",
    "/network/",
    "/conversations/",
    "/people/organizations/",
    "/people/circles/",
    "/accounts/settings/",
    "/people/import/vcard/",
]


def test_every_place_fits_a_phone_with_the_demo_data(browser, live_server, screenshot):
    demo_load()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    for path in PLACES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        name = path.strip("/").replace("/", "-") or "today"
        screenshot(page, f"demo-{name}-360")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
