"""The installable app in Chromium: manifest and icons, the service worker, offline reading, the share target."""

import io
import zipfile

import pytest

from tests.conversations.conftest import CHAT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in_page(browser, live_server, language="id"):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=f"{language}-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_the_app_installs_its_worker_and_today_stays_readable_offline(
    browser, live_server, alice, person, screenshot
):
    from datetime import timedelta

    from django.utils import timezone

    from kenal.commitments.services import commitment_create

    commitment_create(
        workspace=alice.current_workspace,
        user=alice,
        what="Kirim proposal ke Bu Yuna",
        person=person,
        due_at=timezone.now() + timedelta(days=1),
        due_precision="day",
    )
    context, page = logged_in_page(browser, live_server)
    manifest = page.evaluate(
        """async () => {
          const manifest = await (await fetch(document.querySelector('link[rel=manifest]').href)).json();
          const loaded = await Promise.all(manifest.icons.map((icon) => new Promise((resolve) => {
            const image = new Image();
            image.onload = () => resolve(`${image.naturalWidth}x${image.naturalHeight}` === icon.sizes);
            image.onerror = () => resolve(false);
            image.src = icon.src;
          })));
          return { manifest, loaded };
        }"""
    )
    assert manifest["loaded"] and all(manifest["loaded"])
    assert manifest["manifest"]["share_target"]["action"] == "/share/"
    scope = page.evaluate(
        """Promise.race([navigator.serviceWorker.ready.then((registration) => registration.scope),
                         new Promise((resolve) => setTimeout(() => resolve('no service worker after 15 s'), 15000))])"""
    )
    assert scope == f"{live_server.url}/"
    # Pages opened while the worker controls the tab are kept for reading offline.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.goto(f"{live_server.url}/people/")
    page.goto(f"{live_server.url}/")
    page.wait_for_function("caches.open('kenal-pages').then((c) => c.keys()).then((k) => k.length >= 2)")

    context.set_offline(True)
    page.reload()
    assert page.locator("text=Kirim proposal ke Bu Yuna").is_visible()
    note = page.locator("#offline-note")
    assert note.is_visible() and "offline" in note.inner_text().lower()
    screenshot(page, "phone-id-today-offline")
    # A write made offline is refused with a message, not lost silently.
    page.locator(".agenda-item button").first.click()
    assert page.locator("#offline-refused").is_visible()
    page.goto(f"{live_server.url}/people/")
    assert page.locator("text=Yuna Kristina").first.is_visible()

    # Logging out empties the page cache: nothing private stays for the next person on this browser.
    context.set_offline(False)
    page.goto(f"{live_server.url}/")
    page.click("summary")
    page.click("form.logout button")
    page.wait_for_url("**/accounts/login/**")
    page.wait_for_function("caches.keys().then((keys) => !keys.includes('kenal-pages'))")
    context.close()


def test_a_whatsapp_export_posted_to_the_share_target_is_found_in_the_conversations(
    browser, live_server, alice, person, screenshot
):
    alice.me_names = "Alice"
    alice.save(update_fields=["me_names"])
    context, page = logged_in_page(browser, live_server)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as export:
        export.writestr("WhatsApp Chat with Yuna Kristina.txt", CHAT)
    response = page.request.post(
        f"{live_server.url}/share/",
        multipart={
            "files": {
                "name": "WhatsApp Chat with Yuna Kristina.zip",
                "mimeType": "application/zip",
                "buffer": archive.getvalue(),
            }
        },
    )
    assert response.ok and "/conversations/import/" in response.url
    page.goto(response.url)
    screenshot(page, "phone-id-share-import")
    page.goto(f"{live_server.url}/conversations/")
    page.click("text=Yuna Kristina")
    page.wait_for_selector(".bubble.mine")
    assert page.locator(".bubble.mine").count() == 2
    screenshot(page, "phone-id-shared-conversation")
    context.close()
