import pytest

from kenal.accounts.demo import demo_load
from kenal.engagements.models import Engagement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "promises_heading", "came_through"),
    [("id-ID", "Janji", "Lewat rekomendasi Budi Santoso"), ("en-US", "Promise", "Came through Budi Santoso")],
)
def test_the_demo_engagements_show_their_promises_and_referral_on_a_phone(
    browser, live_server, screenshot, locale, promises_heading, came_through
):
    demo_load()
    campaign = Engagement.objects.get(person__full_name="Ratna Sari")
    website = Engagement.objects.get(person__full_name="Lars Eriksen")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    linked = page.locator("section", has=page.locator("h2", has_text=promises_heading)).last
    assert linked.locator("a[href^='/promises/']").count() >= 1
    screenshot(page, f"engagement-ratna-{locale}-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(f"{live_server.url}{website.get_absolute_url()}")
    assert came_through in page.content()
    screenshot(page, f"engagement-lars-{locale}-360")
    context.close()
