"""The upload page's import: each poll of the run page imports the next batches, resumably."""

from django.urls import reverse

from kenal.conversations import services
from kenal.conversations.importer import chats_import
from kenal.conversations.models import Conversation, ImportFile, ImportRun, Message, UnmatchedSender
from kenal.lib.chats.scan import ChatExport

LINES = [
    f"02/03/26 09.{minute:02d} - {'Yuna Kristina' if minute % 3 else 'Alice'}: pesan nomor {minute}"
    for minute in range(50)
]
LINES.insert(10, "02/03/26 09.09 - Yuna Kristina: pesan nomor 9")  # an identical message in the same minute
LINES.insert(20, "02/03/26 09.18 - Pak Joko: <Media tidak disertakan>")
CHAT = "02/03/26 09.00 - Pesan dan panggilan dienkripsi secara end-to-end.\n" + "\n".join(LINES) + "\n"


def _start(workspace, alice):
    return services.import_upload_start(
        workspace=workspace,
        user=alice,
        source="whatsapp",
        name="WhatsApp Chat with Yuna Kristina.txt",
        chunks=[CHAT[:100].encode(), CHAT[100:].encode()],
        me=["Alice"],
    )


def test_each_step_imports_the_next_batches_and_the_progress_moves(
    workspace, alice, person, now, monkeypatch
):
    monkeypatch.setattr("kenal.conversations.importer.BATCH_SIZE", 10)
    run = _start(workspace, alice)
    import_file = run.files.get()
    progress = []
    while run.status != ImportRun.Status.DONE:
        assert services.import_run_step(run=run, max_batches=2)
        import_file.refresh_from_db()
        run.refresh_from_db()
        progress.append(import_file.progress)
        assert len(progress) < 10
    assert import_file.total == 53
    assert progress == sorted(progress) and len(progress) >= 3  # it moved, a couple of batches at a time
    assert (import_file.messages, import_file.system, import_file.new, import_file.duplicates) == (
        52,
        1,
        52,
        0,
    )
    assert Message.objects.exclude(kind="system").count() == 52
    assert Message.objects.filter(text="pesan nomor 9").count() == 2
    assert Conversation.objects.get().message_count == 52
    assert UnmatchedSender.objects.get().message_count == 1
    assert import_file.done and import_file.participants["Alice"] == 17


def test_steps_import_the_same_as_one_cli_import(workspace, alice, person, now, monkeypatch, tmp_path):
    monkeypatch.setattr("kenal.conversations.importer.BATCH_SIZE", 7)
    run = _start(workspace, alice)
    while run.status != ImportRun.Status.DONE:
        services.import_run_step(run=run, max_batches=1)
        run.refresh_from_db()
    stepped = sorted(Message.objects.values_list("fingerprint", "direction", "person_id"))
    Message.objects.all().delete()
    Conversation.objects.all().delete()
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_text(CHAT, encoding="utf-8")
    alice.me_names = "Alice"
    chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=workspace.tz), workspace=workspace, user=alice
    )
    assert sorted(Message.objects.values_list("fingerprint", "direction", "person_id")) == stepped


def test_a_step_resumes_after_a_lost_request(workspace, alice, person, now, monkeypatch):
    monkeypatch.setattr("kenal.conversations.importer.BATCH_SIZE", 10)
    run = _start(workspace, alice)
    services.import_run_step(run=run, max_batches=2)
    # A request that died after storing its batches: its lease expired, the file's counters hold.
    ImportRun.objects.filter(pk=run.pk).update(lease_until=None)
    while run.status != ImportRun.Status.DONE:
        services.import_run_step(run=run, max_batches=2)
        run.refresh_from_db()
    assert ImportFile.objects.get().new == 52
    assert Message.objects.exclude(kind="system").count() == 52


def test_a_second_poll_only_watches_while_another_holds_the_run(workspace, alice, person, now):
    run = _start(workspace, alice)
    from django.utils import timezone

    ImportRun.objects.filter(pk=run.pk).update(lease_until=timezone.now() + timezone.timedelta(seconds=30))
    assert services.import_run_step(run=run) is False
    assert not Message.objects.exists()


def test_the_run_page_polls_while_importing(alice_client, workspace, alice, person, now, monkeypatch):
    monkeypatch.setattr("kenal.conversations.importer.BATCH_SIZE", 10)
    monkeypatch.setattr("kenal.conversations.services.STEP_BATCHES", 1)
    run = _start(workspace, alice)
    url = reverse("conversations:run", args=[run.pk])
    page = alice_client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-trigger="load delay:500ms"' in page and "<progress" in page
    assert "10 of 53 messages imported" in page
    for _ in range(10):
        page = alice_client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "hx-get" not in page  # done: the polling stops
    assert "52 messages: 52 new" in page


def test_an_outsider_cannot_see_or_advance_a_run(charlie_client, workspace, alice, now):
    run = _start(workspace, alice)
    assert charlie_client.get(reverse("conversations:run", args=[run.pk])).status_code == 404
    assert ImportRun.objects.get().status == ImportRun.Status.PENDING
