from datetime import date, timedelta

import pytest
from django.utils import timezone

from kenal.people.services import life_event_add, person_create, person_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_today_on_a_phone_with_one_tap_done(browser, live_server, alice, screenshot):
    today = timezone.localdate()
    workspace = alice.current_workspace
    yuna = person_create(
        workspace=workspace, full_name="Yuna Kristina", salutation="Bu", nickname="Yuna", stage="friend"
    )
    person_update(person=yuna, birth_year=1985, birth_month=today.month, birth_day=min(today.day, 28))
    life_event_add(
        person=yuna, kind="child_sick", title="Raka demam berdarah", happened_on=today - timedelta(days=5)
    )
    lars = person_create(workspace=workspace, full_name="Lars Eriksen", stage="client")
    life_event_add(person=lars, kind="trip", title="Jakarta trip", happened_on=today - timedelta(days=4))
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h2:has-text('Terlambat')").is_visible()
    assert page.locator("text=Raka demam berdarah").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "today-360")
    page.locator("li:has-text('Raka demam berdarah') button:has-text('Selesai')").click()
    page.wait_for_selector("text=Raka demam berdarah", state="detached")
    assert page.locator("text=Jakarta trip").is_visible()
    page.reload()
    assert page.locator("text=Raka demam berdarah").count() == 0
    page.goto(f"{live_server.url}/agenda/settings/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "agenda-settings-360")
    context.close()
    assert date.today()  # the page used the workspace's own today
