"""The import's last step on a phone: which sender is you, when the chat could not tell."""

import pytest

from kenal.conversations import services
from kenal.conversations.models import ImportRun, Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAT = (
    "02/03/26 09.15 - Bu Ratna: tolong kirim penawaran besok jam 1 siang ya\n02/03/26 09.20 - Sari: siap bu\n"
)


@pytest.mark.parametrize(
    ("locale", "question", "answer"),
    [("id-ID", "Pengirim mana yang Anda?", "Lanjutkan"), ("en-US", "Which sender is you?", "Continue")],
)
def test_the_import_asks_which_sender_is_you(
    browser, live_server, alice, workspace, screenshot, locale, question, answer
):
    run = services.import_upload_start(
        workspace=workspace, user=alice, source="whatsapp", name="chat.txt", chunks=[CHAT.encode()], me=[]
    )
    while services.import_run_step(run=run):
        run.refresh_from_db()
        if run.status == ImportRun.Status.DONE:
            break
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    assert page.get_by_role("heading", name=question).is_visible()
    screenshot(page, f"import-asks-who-is-me-360-{locale[:2]}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.check("input[value='Sari']")
    page.click(f"button:text-is('{answer}')")
    page.wait_for_url(f"{live_server.url}{run.get_absolute_url()}")
    assert not page.get_by_role("heading", name=question).count()
    assert Message.objects.get(sender="Sari").direction == "me"
    # The sender review offers "this is me" beside adding and ignoring, at phone width.
    page.goto(f"{live_server.url}/conversations/review/")
    screenshot(page, f"sender-review-this-is-me-360-{locale[:2]}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
