import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kenal.conversations.models import Conversation, ImportRun, Message, UnmatchedSender
from tests.conversations.conftest import CHAT


def test_the_list_shows_the_workspaces_conversations(alice_client, imported):
    response = alice_client.get(reverse("conversations:index"))
    assert response.status_code == 200
    assert "Yuna Kristina" in response.content.decode()


def test_search_finds_words_in_messages(alice_client, imported):
    response = alice_client.get(reverse("conversations:index"), {"q": "rilisnya"})
    assert "Halo mbak" in response.content.decode()
    response = alice_client.get(reverse("conversations:index"), {"q": "tidakada"})
    assert "Halo mbak" not in response.content.decode()


def test_an_outsider_sees_nothing(charlie_client, imported):
    conversation = Conversation.objects.get()
    assert charlie_client.get(reverse("conversations:detail", args=[conversation.pk])).status_code == 404
    assert (
        "Yuna" not in charlie_client.get(reverse("conversations:index"), {"q": "rilisnya"}).content.decode()
    )
    run = ImportRun.objects.get()
    assert charlie_client.get(reverse("conversations:run", args=[run.pk])).status_code == 404
    unmatched = UnmatchedSender.objects.get()
    response = charlie_client.post(
        reverse("conversations:review_action", args=[unmatched.pk]), {"action": "ignore"}
    )
    assert response.status_code == 404
    assert "Pak Joko" not in charlie_client.get(reverse("conversations:review")).content.decode()


@pytest.mark.parametrize("name", ["index", "import", "review", "responsiveness"])
def test_anonymous_users_are_sent_to_login(client, db, name):
    response = client.get(reverse(f"conversations:{name}"))
    assert response.status_code == 302


def test_the_detail_page_shows_messages(alice_client, imported):
    conversation = Conversation.objects.get()
    response = alice_client.get(reverse("conversations:detail", args=[conversation.pk]))
    assert "Sambutan 11.00" in response.content.decode()


def test_the_upload_page_queues_the_file_and_the_run_page_imports_it(alice_client, workspace, now):
    upload = SimpleUploadedFile("WhatsApp Chat with Yuna Kristina.txt", CHAT.encode())
    response = alice_client.post(
        reverse("conversations:import"), {"source": "whatsapp", "file": upload, "me": "Alice"}
    )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == "pending" and run.files.get().upload is not None
    assert not Message.objects.exists()  # nothing is imported inside the upload request
    page = alice_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "7 new" in page
    # The chat's span in the reader's words, not as ISO stamps.
    assert "2 Mar 2026 09:15 –" in page and "2026-03-02T" not in page
    page = alice_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "2 Mar 2026 09.15 –" in page
    assert Message.objects.filter(workspace=workspace).exclude(kind="system").count() == 7
    assert Message.objects.filter(direction="me").count() == 2
    run.refresh_from_db()
    assert run.status == "done" and run.finished_at


def test_an_unreadable_upload_fails_with_a_message(alice_client, workspace, now):
    upload = SimpleUploadedFile("notes.txt", b"hello there\nnot a chat\n")
    response = alice_client.post(reverse("conversations:import"), {"source": "telegram", "file": upload})
    page = alice_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    import_file = ImportRun.objects.get().files.get()
    assert import_file.done and import_file.new == 0
    assert import_file.malformed[0]["line"] == 1
    assert "1 line could not be read" in page


def test_review_links_creates_and_ignores(alice_client, imported, person):
    unmatched = UnmatchedSender.objects.get()
    alice_client.post(
        reverse("conversations:review_action", args=[unmatched.pk]), {"action": "link", "person": person.pk}
    )
    assert Message.objects.get(sender="Pak Joko").person == person


def test_review_can_create_a_person(alice_client, imported, workspace):
    unmatched = UnmatchedSender.objects.get()
    alice_client.post(reverse("conversations:review_action", args=[unmatched.pk]), {"action": "create"})
    assert Message.objects.get(sender="Pak Joko").person.full_name == "Pak Joko"


def test_the_responsiveness_page_and_person_block(alice_client, imported, person):
    assert "Yuna Kristina" in alice_client.get(reverse("conversations:responsiveness")).content.decode()
    page = alice_client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Last conversation" in page


def test_the_pages_speak_indonesian(alice_client, imported):
    page = alice_client.get(reverse("conversations:index"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Cari pesan" in page and "Impor chat" in page and "7 pesan" in page
    page = alice_client.get(
        reverse("conversations:responsiveness"), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert "Menunggu balasan Anda" in page and "Waktu balas saya" in page
    english = alice_client.get(reverse("conversations:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Search messages" in english


def test_each_message_offers_to_record_a_promise(alice_client, alice, person, tmp_path):
    from django.core.management import call_command

    from kenal.conversations.models import Message

    path = tmp_path / "chat.txt"
    path.write_text("02/03/26 09.15 - Yuna Kristina: kirim besok ya\n", encoding="utf-8")
    call_command("import", "whatsapp", str(path), "--user", "alice@example.com", "--json")
    message = Message.objects.get()
    body = alice_client.get(
        f"/conversations/{message.conversation_id}/", HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert f"/promises/new/?message={message.pk}" in body
    assert "Catat janji dari pesan ini" in body
