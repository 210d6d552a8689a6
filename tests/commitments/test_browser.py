"""The promise pages at phone width, with screenshots in test-artifacts/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kenal.commitments.services import commitment_create, suggestions_from_messages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server):
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")


def test_a_consultant_reviews_a_vague_oke_and_sees_her_promises(
    browser, live_server, alice, workspace, person, press_release_chat, screenshot
):
    # No pinned time here: the live server and the browser run on the real clock.
    commitment_create(
        workspace=workspace,
        user=alice,
        person=person,
        what="Kirim draft press release",
        due_at=timezone.now() - timedelta(days=2),
        due_precision="day",
    )
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    login(page, live_server)
    page.goto(f"{live_server.url}/promises/")
    assert page.locator(".chip.late").first.is_visible()
    screenshot(page, "promises-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(f"{live_server.url}/promises/review/")
    assert page.locator(".reply").first.is_visible()
    screenshot(page, "promises-review-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.wait_for_function("window.htmx !== undefined")
    page.click("button:has-text('Terima')")
    page.wait_for_selector("text=Diterima.")
    page.goto(f"{live_server.url}/promises/")
    assert page.locator(".promise-row").count() == 2
