"""`kenal sync` against a real Dovecot: first and incremental syncs, UIDVALIDITY, deletions, drops, bad logins."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from kenal.capture import imap
from kenal.capture.models import Mailbox, MailboxFolder
from kenal.capture.services import SYNC_EVERY, mailbox_add, mailbox_sync
from kenal.commitments.models import Suggestion
from kenal.conversations.models import Conversation, ImportRun, Message
from tests.capture.conftest import email_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def at(hour, minute=0):
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


def test_the_first_sync_brings_the_mailbox_in_through_the_import_pipeline(mailbox, imap_account, person, now):
    imap_account.deliver(
        message_id="<brief@example.com>",
        subject="Rilis pers",
        sender="Yuna Kristina <Yuna@Example.com>",
        body="Besok jam 3 sore saya kirim revisi rilisnya ya.\n\nSalam,\nYuna\n-- \nPT Kenal Media",
        at=at(1),
    )
    imap_account.deliver(
        message_id="<reply@example.com>",
        subject="Re: Rilis pers",
        body="Sudah saya cek.\n\nOn Mon, 2 Mar 2026 Alice wrote:\n> Ditunggu",
        in_reply_to="<brief@example.com>",
        at=at(2),
    )
    report = mailbox_sync(mailbox=mailbox)
    assert (report.error, report.new) == ("", 2)
    messages = list(Message.objects.order_by("at"))
    assert [m.text for m in messages] == [
        "Besok jam 3 sore saya kirim revisi rilisnya ya.",
        "Sudah saya cek.",
    ]
    assert {m.person for m in messages} == {person}
    conversation = Conversation.objects.get()  # the reply joined its thread
    assert (conversation.source, conversation.title, conversation.person) == ("email", "Rilis pers", person)
    assert Suggestion.objects.filter(person=person).exists()
    person.refresh_from_db()
    assert person.last_contact_at == at(2)
    mailbox.refresh_from_db()
    assert (mailbox.message_count, mailbox.last_error, mailbox.last_sync_at) == (2, "", now)
    assert mailbox.next_sync_at == now + SYNC_EVERY
    run = ImportRun.objects.get()
    assert (run.source, run.status) == ("email", "done")
    assert run.files.get().upload is not None  # the fetched mail is kept as an original, like an export


def test_the_next_sync_brings_only_what_is_new_and_a_repeat_adds_nothing(mailbox, imap_account):
    imap_account.deliver(body="Satu", at=at(1))
    assert mailbox_sync(mailbox=mailbox).new == 1
    imap_account.deliver(body="Dua", at=at(2))
    imap_account.deliver(body="Tiga", at=at(3))
    assert mailbox_sync(mailbox=mailbox).new == 2
    assert mailbox_sync(mailbox=mailbox).new == 0
    assert Message.objects.count() == 3
    state = MailboxFolder.objects.get(mailbox=mailbox, name="INBOX")
    assert state.last_uid == 3


def test_mail_in_the_sent_folder_is_mine(mailbox, imap_account, person):
    imap_account.deliver(
        "Sent", sender=f"Alice <{imap_account.username}>", to="yuna@example.com", body="Terlampir"
    )
    # An alias she sends from is learned from the Sent folder, and counts as her in the inbox too.
    imap_account.deliver(
        "Sent", sender="Alice <alice@agency.example>", to="yuna@example.com", body="Dari alias"
    )
    mailbox_sync(mailbox=mailbox)
    imap_account.deliver(sender="Alice <alice@agency.example>", body="Catatan untuk diri sendiri")
    mailbox_sync(mailbox=mailbox)
    assert set(Message.objects.values_list("direction", flat=True)) == {"me"}
    assert MailboxFolder.objects.get(mailbox=mailbox, name="Sent").is_sent


def test_a_folder_whose_uidvalidity_changed_is_read_again_without_duplicates(alice, workspace, imap_account):
    with imap_account.client() as client:
        client.create_folder("Proyek")
    mailbox = mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=imap_account.server.port,
        security="plain",
        username=imap_account.username,
        password=imap_account.password,
        folders=["Proyek"],
    )
    first, second = email_bytes(body="Satu", at=at(1)), email_bytes(body="Dua", at=at(2))
    with imap_account.client() as client:
        client.append("Proyek", first)
        client.append("Proyek", second)
    assert mailbox_sync(mailbox=mailbox).new == 2
    before = MailboxFolder.objects.get(mailbox=mailbox).uidvalidity
    # The server rebuilt the folder: new UIDVALIDITY, UIDs from 1 again, one message more.
    with imap_account.client() as client:
        client.delete_folder("Proyek")
        client.create_folder("Proyek")
        client.append("Proyek", second)
        client.append("Proyek", first)
        client.append("Proyek", email_bytes(body="Tiga", at=at(3)))
    report = mailbox_sync(mailbox=mailbox)
    state = MailboxFolder.objects.get(mailbox=mailbox)
    assert state.uidvalidity != before
    assert (report.new, Message.objects.count(), state.last_uid) == (1, 3, 3)


def test_a_deleted_message_stays_in_kenal_and_the_sync_goes_on(mailbox, imap_account):
    for body in ("Satu", "Dua", "Tiga"):
        imap_account.deliver(body=body, at=at(len(body)))
    mailbox_sync(mailbox=mailbox)
    with imap_account.client() as client:
        client.select_folder("INBOX")
        client.delete_messages([2])
        client.expunge()
    imap_account.deliver(body="Empat", at=at(9))
    assert mailbox_sync(mailbox=mailbox).new == 1
    assert Message.objects.count() == 4


def test_a_dropped_connection_resumes_where_it_stopped(mailbox, imap_account, monkeypatch):
    for number in range(5):
        imap_account.deliver(body=f"Pesan {number}", at=at(1, number))
    monkeypatch.setattr(imap, "BATCH_MESSAGES", 2)
    fetch = imap._fetch
    calls = []

    def fetch_then_drop(client, uids):
        calls.append(uids)
        if len(calls) == 2:
            imap_account.server.kick(imap_account.username)  # the server drops us mid-sync
        return fetch(client, uids)

    monkeypatch.setattr(imap, "_fetch", fetch_then_drop)
    report = mailbox_sync(mailbox=mailbox)
    assert report.error == "dropped"
    assert Message.objects.count() == 2
    mailbox.refresh_from_db()
    assert mailbox.last_error == "dropped"
    with translation.override("en"):
        assert "continues where it stopped" in str(mailbox.get_last_error_display())
    monkeypatch.setattr(imap, "_fetch", fetch)
    report = mailbox_sync(mailbox=mailbox)
    assert (report.error, report.new, Message.objects.count()) == ("", 3, 5)
    mailbox.refresh_from_db()
    assert (mailbox.last_error, mailbox.message_count) == ("", 5)


def test_a_wrong_password_is_said_in_plain_words_and_stores_nothing(workspace, alice, imap_account):
    imap_account.deliver(body="Rahasia")
    mailbox = mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=imap_account.server.port,
        security="plain",
        username=imap_account.username,
        password="not-the-password",
    )
    report = mailbox_sync(mailbox=mailbox)
    assert report.error == "login"
    mailbox.refresh_from_db()
    with translation.override("en"):
        assert "refused the username or password" in str(mailbox.get_last_error_display())
    assert mailbox.next_sync_at is not None  # tried again later, in case the server was the problem
    assert Message.objects.count() == 0


def test_a_host_that_does_not_answer_is_unreachable(workspace, alice, imap_account):
    from tests.capture.dovecot import free_port

    mailbox = mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=free_port(),
        security="plain",
        username="a",
        password="b",
    )
    assert mailbox_sync(mailbox=mailbox).error == "unreachable"


def test_tls_to_a_server_that_speaks_none_is_a_secure_connection_error(workspace, alice, imap_account):
    mailbox = mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=imap_account.server.port,
        security="ssl",
        username=imap_account.username,
        password=imap_account.password,
    )
    assert mailbox_sync(mailbox=mailbox).error == "tls"


def test_a_missing_folder_is_named(workspace, alice, imap_account):
    mailbox = mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=imap_account.server.port,
        security="plain",
        username=imap_account.username,
        password=imap_account.password,
        folders=["Tidak Ada"],
    )
    report = mailbox_sync(mailbox=mailbox)
    assert report.error == "folder"
    assert "Tidak Ada" in report.detail


def test_the_password_is_stored_encrypted(mailbox, imap_account):
    stored = Mailbox.objects.values_list("password_sealed", flat=True).get()
    assert imap_account.password not in stored


def test_a_sync_marks_nothing_as_read(mailbox, imap_account):
    imap_account.deliver(body="Belum dibaca")
    mailbox_sync(mailbox=mailbox)
    with imap_account.client() as client:
        client.select_folder("INBOX")
        assert client.search(["UNSEEN"]) == [1]


def test_a_due_mailbox_is_one_never_synced_or_past_its_next_time(mailbox, imap_account, now):
    from kenal.capture.services import mailboxes_due

    assert list(mailboxes_due()) == [mailbox]
    mailbox_sync(mailbox=mailbox)
    assert list(mailboxes_due()) == []
    assert list(mailboxes_due(now=now + SYNC_EVERY + timedelta(seconds=1))) == [mailbox]
