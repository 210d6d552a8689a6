import pytest
from django.test import Client
from django.utils import timezone

from kenal.capture.models import Mailbox
from kenal.capture.services import mailbox_add
from kenal.conversations.models import Conversation
from tests.capture.conftest import contact, envelope, post, text_message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "language", "heading"), [("id-ID", "id", "Tangkap langsung"), ("en-GB", "en", "Live capture")]
)
def test_live_capture_and_a_whatsapp_conversation_on_a_phone(
    browser, live_server, alice, connection, person, screenshot, locale, language, heading
):
    alice.language = language
    alice.save(update_fields=["language"])
    mailbox = mailbox_add(
        workspace=alice.current_workspace,
        user=alice,
        host="imap.example.com",
        username="alice@example.com",
        password="x",
    )
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_error="login", last_error_at=timezone.now(), last_sync_at=timezone.now()
    )
    post(
        Client(),
        connection,
        envelope(
            contacts=[contact()], messages=[text_message(at=timezone.now(), body="Besok saya kirim ya")]
        ),
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("form button")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/capture/")
    assert page.locator(f"h1:has-text('{heading}')").is_visible()
    assert page.locator(f"text=/hooks/whatsapp/{connection.secret}/").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"capture-360-{language}")
    page.goto(f"{live_server.url}{Conversation.objects.get().get_absolute_url()}")
    assert page.locator("a[href^='https://wa.me/']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"whatsapp-conversation-360-{language}")
    context.close()
