"""The installable app: manifest, icons, service worker and the share target, served by Kenal itself."""

import io
import json
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kenal.conversations.models import Conversation, ImportRun
from kenal.people.models import Person
from tests.conversations.conftest import CHAT


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def whatsapp_zip(name="WhatsApp Chat with Yuna Kristina") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{name}.txt", CHAT)
    return SimpleUploadedFile(f"{name}.zip", buffer.getvalue(), content_type="application/zip")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_manifest_describes_an_installable_app_with_icons_and_a_share_target(client, db, language):
    response = client.get(f"/static/kenal/manifest-{language}.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(body(response))
    assert manifest["lang"] == language and manifest["display"] == "standalone"
    assert manifest["name"] == "Kenal" and manifest["short_name"] == "Kenal" and manifest["theme_color"]
    assert ("klien" if language == "id" else "clients") in manifest["description"]
    sizes = {}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        width, height = png_size(body(image))
        assert f"{width}x{height}" == icon["sizes"]
        sizes[icon["purpose"], icon["sizes"]] = True
    assert {("any", "192x192"), ("any", "512x512"), ("maskable", "512x512")} <= set(sizes)
    share = manifest["share_target"]
    assert share["action"] == "/share/" and share["method"] == "POST"
    assert share["enctype"] == "multipart/form-data"
    accepted = share["params"]["files"][0]["accept"]
    assert {".zip", ".txt", ".vcf", ".eml", ".json"} <= set(accepted)
    assert share["params"]["text"] == "text"


def test_every_page_links_the_manifest_in_its_language_and_the_favicon(alice_client):
    page = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'rel="manifest" href="/static/kenal/manifest-' in page
    assert 'rel="icon"' in page and 'rel="apple-touch-icon"' in page
    assert 'data-service-worker="/sw.js"' in page


def test_the_service_worker_may_control_the_whole_site_and_the_favicon_needs_no_login(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Cache-Control"] == "no-cache"
    assert "javascript" in response["Content-Type"]
    assert b"kenal-pages" in body(response)
    favicon = client.get("/favicon.ico", follow=True)
    assert favicon.status_code == 200


def test_a_whatsapp_export_shared_from_the_phone_is_imported(alice_client, alice, workspace, person, now):
    alice.me_names = "Alice"
    alice.save(update_fields=["me_names"])
    response = alice_client.post("/share/", {"files": whatsapp_zip()}, HTTP_SEC_FETCH_SITE="none")
    run = ImportRun.objects.get(workspace=workspace)
    assert response.status_code == 302 and response["Location"] == f"/conversations/import/{run.pk}/"
    alice_client.get(response["Location"])
    conversation = Conversation.objects.get(workspace=workspace)
    assert conversation.person == person
    assert conversation.messages.filter(direction="me").count() == 2


def test_a_contact_shared_from_the_phone_becomes_a_person(alice_client, workspace):
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Raka Pratama\r\nTEL:+62 813 2222 0002\r\nEND:VCARD\r\n"
    response = alice_client.post("/share/", {"files": SimpleUploadedFile("Raka.vcf", card, "text/vcard")})
    assert response.status_code == 200
    assert Person.objects.filter(workspace=workspace, full_name="Raka Pratama").exists()


def test_shared_text_opens_the_quick_add(alice_client):
    page = alice_client.post(
        "/share/", {"text": "Pak Joko – anak: Sinta, lahir 2018"}, HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert 'value="Pak Joko – anak: Sinta, lahir 2018"' in page
    assert "/promises/new/" in page and 'name="what"' in page
    form = alice_client.get("/promises/new/", {"what": "Kirim proposal"}).content.decode()
    assert 'value="Kirim proposal"' in form


def test_a_file_kenal_cannot_read_is_named_and_nothing_is_imported(alice_client, workspace):
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff", "image/jpeg")
    response = alice_client.post("/share/", {"files": upload}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "photo.jpg is not a chat export or a contact file" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_post_from_another_site_is_refused(alice_client):
    response = alice_client.post("/share/", {"files": whatsapp_zip()}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403 and not ImportRun.objects.exists()


def test_sharing_needs_a_login_and_lands_in_the_sharers_own_workspace(
    client, charlie_client, workspace, charlie
):
    assert client.post("/share/", {"files": whatsapp_zip()}).status_code == 302
    assert not ImportRun.objects.exists()
    charlie_client.post("/share/", {"files": whatsapp_zip()})
    assert ImportRun.objects.get().workspace == charlie.current_workspace
    assert not ImportRun.objects.filter(workspace=workspace).exists()
