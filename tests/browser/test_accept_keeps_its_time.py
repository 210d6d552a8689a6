"""Accepting a suggestion nobody is known for, on a phone: the inbox asks who, and Today shows the time."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from kenal.commitments.models import Suggestion
from kenal.commitments.services import suggestions_from_messages
from kenal.conversations.models import Conversation, Message
from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chat_with_bu_ratna(workspace):
    """Bu Ratna (not in Kenal) asks for the offer today at 13:00, and I say yes; on the real clock."""
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Bu Ratna", thread_key="ratna"
    )
    at = timezone.localtime(timezone.now(), workspace.tz).replace(hour=8, minute=0, second=0, microsecond=0)
    lines = [
        ("Bu Ratna", "them", "tolong kirim penawaran hari ini jam 1 siang ya"),
        ("Sari", "me", "siap bu"),
    ]
    messages = [
        Message.objects.create(
            workspace=workspace,
            conversation=conversation,
            sender=sender,
            direction=direction,
            at=at + timedelta(minutes=minute),
            text=text,
            fingerprint=hashlib.sha1(f"{sender}{text}".encode()).hexdigest(),
        )
        for minute, (sender, direction, text) in enumerate(lines)
    ]
    suggestions_from_messages(workspace=workspace, messages=messages)
    return Suggestion.objects.get(workspace=workspace)


def login(page, live_server):
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize(
    ("locale", "accept", "asked", "accepted"),
    [
        ("id-ID", "Terima", "Janji ini dengan siapa?", "Diterima."),
        ("en-US", "Accept", "Who is this promise with?", "Accepted."),
    ],
)
def test_a_suggestion_with_a_clock_time_is_accepted_and_keeps_it_on_today(
    browser, live_server, alice, workspace, screenshot, locale, accept, asked, accepted
):
    suggestion = chat_with_bu_ratna(workspace)
    assert suggestion.person is None and suggestion.due_precision == "minute"
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale).new_page()
    login(page, live_server)
    page.goto(f"{live_server.url}/promises/review/")
    page.wait_for_function("window.htmx !== undefined")
    page.click(f"#suggestion-{suggestion.pk} button:text-is('{accept}')")
    page.wait_for_selector(f"text={asked}")
    assert page.locator(f"#suggestion-{suggestion.pk} input[value='sender:Bu Ratna']").is_checked()
    screenshot(page, f"review-asks-for-a-person-360-{locale[:2]}")
    # And as a phone shows it scrolled to the question, its buttons above the bottom bar.
    page.locator(f"#suggestion-{suggestion.pk} .actions").scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.screenshot(path=str(ARTIFACTS / f"review-asks-for-a-person-360-{locale[:2]}-scrolled.png"))
    assert page.locator(f"#suggestion-{suggestion.pk} .actions button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click(f"#suggestion-{suggestion.pk} button:text-is('{accept}')")
    page.wait_for_selector(f"text={accepted}")

    page.goto(f"{live_server.url}/")
    promise = page.locator("li", has_text="penawaran")
    assert promise.locator("time.clock").inner_text() == "13:00"
    screenshot(page, f"today-accepted-promise-360-{locale[:2]}")
