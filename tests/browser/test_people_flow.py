import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server):
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/")


def test_a_freelancer_adds_a_client_with_a_child_and_finds_them(browser, live_server, alice, screenshot):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    login(page, live_server)
    page.click("nav.places a:has-text('Orang')")
    page.fill("#id_line", "Bu Yuna Kristina – anak: Raka, SD Tunas, lahir 2016; suka: wayang")
    page.click("button:has-text('Tambah')")
    page.wait_for_selector("h1:has-text('Yuna Kristina')")
    assert page.locator("text=SD Tunas").is_visible()
    assert page.locator(".chip:has-text('wayang')").is_visible()
    screenshot(page, "person-360")
    # No horizontal scrolling at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(f"{live_server.url}/people/")
    page.fill("#q", "kristina")
    page.wait_for_timeout(600)
    assert page.locator("#results .name").all_inner_texts() == ["Yuna Kristina"]
    screenshot(page, "people-360")

    page.click("button[lang='en']")
    page.wait_for_selector("html[lang='en']")
    assert page.locator("nav.places a:has-text('People')").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/people/")
    screenshot(page, "people-1280")
    page.click("text=Yuna Kristina")
    page.wait_for_selector("text=What they love")
    screenshot(page, "person-1280")
    context.close()
