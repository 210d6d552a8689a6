"""What the file readers find wrong reaches an Indonesian page in Indonesian, naming the line."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kenal.conversations.models import ImportRun
from kenal.web.problems import translate_problem


def test_known_findings_are_translated_with_their_details():
    with translation.override("id"):
        assert translate_problem("text before the first message header") == "teks sebelum pesan pertama"
        assert (
            translate_problem("birthday skipped: '1985-13-40' is not a real date")
            == "tanggal lahir dilewati: '1985-13-40' bukan tanggal yang ada"
        )
    with translation.override("en"):
        assert translate_problem("text before the first message header") == "text before the first message"


def test_an_unknown_finding_is_shown_as_it_is():
    with translation.override("id"):
        assert translate_problem("something new went wrong") == "something new went wrong"


def test_an_unreadable_chat_is_explained_in_indonesian(alice_client, workspace, now):
    upload = SimpleUploadedFile("chat.txt", b"halo\nbukan chat\n")
    response = alice_client.post(reverse("conversations:import"), {"source": "whatsapp", "file": upload})
    page = alice_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert ImportRun.objects.get().files.get().malformed
    assert "baris 1: tidak ada kepala pesan WhatsApp di berkas ini" in page
    assert "no WhatsApp message header" not in page


def test_a_vcard_warning_is_explained_in_indonesian(alice_client, workspace):
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Raka\r\nTEL:12\r\nEND:VCARD\r\n"
    response = alice_client.post(
        reverse("people:import_vcard"),
        {"file": SimpleUploadedFile("raka.vcf", card)},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    page = response.content.decode()
    assert "bukan nomor yang valid dan dilewati" in page and "is not a valid number" not in page
