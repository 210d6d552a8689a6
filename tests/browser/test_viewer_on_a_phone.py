"""A viewer's pages on a phone read well without their forms: no dangling "Add", nothing wider than the screen."""

import pytest

from kenal.commitments.models import Commitment
from kenal.engagements.models import Engagement, Opportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_reads_today_a_project_and_a_promise_on_a_phone(
    browser, live_server, screenshot, demo_viewer
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vera@example.com")
    page.fill("#id_password", "password-vera")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    pages = {
        "today": "/",
        "engagement": Engagement.objects.filter(workspace=demo_viewer).first().get_absolute_url(),
        "opportunity": Opportunity.objects.filter(workspace=demo_viewer).first().get_absolute_url(),
        "promise": Commitment.objects.filter(workspace=demo_viewer).first().get_absolute_url(),
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        screenshot(page, f"viewer-{name}-360-id")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        assert page.locator("main form[method=post], main [hx-post]").count() == 0, name
        assert page.locator("main details.add").count() == 0, name
