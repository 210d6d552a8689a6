import pytest
from django.urls import reverse

from kenal.accounts.demo import demo_load
from kenal.accounts.models import User
from kenal.conversations import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAT = "02/03/26 09.15 - Bu Ratna: Halo\x00 mbak\n02/03/26 09.16 - Sari: Oke bu\n" + (
    "02/03/26 09.17 - Bu Ratna: " + "panjang " * 9000 + "\n"
)


@pytest.mark.parametrize(
    ("locale", "summary"),
    [("id-ID", "2 pesan diubah agar bisa dibaca"), ("en-US", "2 messages were changed to be read")],
)
def test_the_run_page_lists_what_reading_changed_on_a_phone(
    browser, live_server, screenshot, locale, summary
):
    demo_load()
    user = User.objects.get(email="demo@kenal.local")
    run = services.import_upload_start(
        workspace=user.current_workspace,
        user=user,
        source="whatsapp",
        name="Chat WhatsApp dengan Bu Ratna.txt",
        chunks=[CHAT.encode()],
        me=[],
    )
    while services.import_run_step(run=run):
        run.refresh_from_db()
        if run.status == "done":
            break
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{reverse('conversations:run', args=[run.pk])}")
    page.get_by_text(summary).click()
    screenshot(page, f"import-notes-360-{locale[:2]}")
    assert page.get_by_text("control characters (such as NUL) dropped").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
