"""`kenal mailbox add|list|remove`, `kenal sync [--mailbox ID] [--loop]`, and the mailboxes on the settings page."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kenal.capture.models import Mailbox
from kenal.conversations.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


def add(*flags, env="IMAP_PASSWORD"):
    call_command(
        "mailbox",
        "add",
        "--user=alice@example.com",
        "--host=imap.example.com",
        "--username=alice",
        f"--password-env={env}",
        *flags,
    )


@pytest.mark.parametrize(
    ("flags", "security", "port"),
    [
        ([], "ssl", 993),
        (["--ssl"], "ssl", 993),
        (["--starttls"], "starttls", 143),
        (["--plain"], "plain", 143),
        (["--ssl", "--port=1993"], "ssl", 1993),
    ],
)
def test_add_reads_the_security_flags_and_their_default_ports(alice, monkeypatch, flags, security, port):
    monkeypatch.setenv("IMAP_PASSWORD", "rahasia")
    add(*flags)
    assert Mailbox.objects.values_list("security", "port").get() == (security, port)


def test_two_security_flags_are_refused(alice, monkeypatch):
    monkeypatch.setenv("IMAP_PASSWORD", "rahasia")
    with pytest.raises(CommandError):
        add("--ssl", "--plain")
    assert not Mailbox.objects.exists()


def test_add_prints_the_mailbox_id_and_keeps_the_folders(alice, monkeypatch, capsys):
    monkeypatch.setenv("IMAP_PASSWORD", "rahasia")
    add("--folder=INBOX", "--folder=Sent")
    mailbox = Mailbox.objects.get()
    assert capsys.readouterr().out.strip() == str(mailbox.pk)
    assert mailbox.folders == ["INBOX", "Sent"]
    assert "rahasia" not in mailbox.password_sealed


def test_add_refuses_an_empty_password_variable(alice, monkeypatch):
    monkeypatch.delenv("IMAP_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="IMAP_PASSWORD"):
        add()


def test_list_shows_the_last_error_in_plain_words_and_remove_keeps_the_messages(
    mailbox, imap_account, capsys
):
    Mailbox.objects.filter(pk=mailbox.pk).update(password_sealed="garbage")
    imap_account.deliver(body="Halo")
    call_command("sync", f"--mailbox={mailbox.pk}")
    with translation.override("en"):
        call_command("mailbox", "list", "--user=alice@example.com")
    out = capsys.readouterr().out
    assert "last error" in out and "The stored password can't be read since the secret key changed" in out
    call_command("mailbox", "remove", "--user=alice@example.com", str(mailbox.pk))
    assert not Mailbox.objects.exists()


def test_sync_brings_mail_in_and_says_how_much(mailbox, imap_account, capsys):
    imap_account.deliver(body="Halo")
    call_command("sync")
    assert f"mailbox {mailbox.pk}" in capsys.readouterr().out and Message.objects.count() == 1
    call_command("sync", f"--mailbox={mailbox.pk}")
    assert ": 0 new" in capsys.readouterr().out


def test_sync_names_a_mailbox_that_does_not_exist(db):
    with pytest.raises(CommandError, match="No mailbox 999"):
        call_command("sync", "--mailbox=999")


def test_the_loop_syncs_the_mailboxes_that_are_due(mailbox, imap_account, monkeypatch):
    imap_account.deliver(body="Halo")

    def stop(seconds):
        raise KeyboardInterrupt  # what Ctrl-C does between two rounds

    monkeypatch.setattr("kenal.accounts.loop.time.sleep", stop)
    call_command("sync", "--loop", "--interval=1")
    assert Message.objects.count() == 1


def test_the_outsider_can_neither_remove_nor_see_a_mailbox(mailbox, alice_client, charlie_client):
    assert charlie_client.post(f"/capture/mailboxes/{mailbox.pk}/remove/").status_code == 404
    assert mailbox.username not in charlie_client.get("/capture/").content.decode()
    assert mailbox.username in alice_client.get("/capture/").content.decode()
    assert Mailbox.objects.exists()


def test_the_settings_page_adds_a_mailbox_without_showing_the_password(alice_client):
    response = alice_client.post(
        "/capture/mailboxes/",
        {
            "host": "imap.example.com",
            "security": "starttls",
            "port": "",
            "username": "alice",
            "password": "rahasia-123",
            "folders": "INBOX\nSent",
        },
        follow=True,
    )
    mailbox = Mailbox.objects.get()
    assert (mailbox.port, mailbox.folders) == (143, ["INBOX", "Sent"])
    assert "rahasia-123" not in response.content.decode()


def test_the_settings_page_keeps_what_was_typed_when_a_field_is_missing(alice_client):
    response = alice_client.post(
        "/capture/mailboxes/",
        {"host": "imap.example.com", "security": "ssl", "username": "", "password": "x", "folders": "INBOX"},
    )
    assert response.status_code == 400
    assert 'value="imap.example.com"' in response.content.decode()
    assert not Mailbox.objects.exists()


def test_the_settings_page_shows_the_last_error_in_plain_words(mailbox, alice_client):
    Mailbox.objects.filter(pk=mailbox.pk).update(last_error="login")
    alice_client.cookies["kenal_language"] = "en"
    assert "refused the username or password" in alice_client.get("/capture/").content.decode()
