"""WhatsApp Cloud API payloads shaped as in Meta's published webhook examples, and a connected number."""

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from kenal.capture.services import whatsapp_connect
from kenal.lib.whatsapp_cloud import sign

APP_SECRET = "meta-app-secret-for-tests"
PHONE_NUMBER_ID = "106540352242922"
YUNA_WA_ID = "6281311110001"  # the `person` fixture's phone, 0813-1111-0001


@pytest.fixture
def connection(workspace, alice):
    return whatsapp_connect(
        workspace=workspace,
        user=alice,
        phone_number_id=PHONE_NUMBER_ID,
        verify_token="kenal-verify",
        app_secret=APP_SECRET,
    )


def timestamp(at: datetime) -> str:
    return str(int(at.timestamp()))


def envelope(*, messages=(), statuses=(), contacts=(), phone_number_id=PHONE_NUMBER_ID) -> dict:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": phone_number_id},
    }
    if contacts:
        value["contacts"] = list(contacts)
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }


def contact(wa_id=YUNA_WA_ID, name="Yuna K"):
    return {"profile": {"name": name}, "wa_id": wa_id}


def text_message(
    *,
    at,
    body,
    wamid="wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
    wa_id=YUNA_WA_ID,
    context=None,
):
    message = {"from": wa_id, "id": wamid, "timestamp": timestamp(at), "text": {"body": body}, "type": "text"}
    if context:
        message["context"] = context
    return message


def post(client, connection, payload, *, secret=APP_SECRET, signature=None):
    body = json.dumps(payload).encode()
    header = signature if signature is not None else sign(body=body, app_secret=secret)
    return client.post(
        f"/hooks/whatsapp/{connection.secret}/",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": header},
    )


# A real IMAP server for the sync tests, one per test session; each test gets an account of its own.
@pytest.fixture(scope="session")
def dovecot():
    from pathlib import Path

    from tests.capture import dovecot as server

    if not Path(server.DOVECOT).exists():
        pytest.skip("Dovecot is not installed: `make dovecot` installs Debian's dovecot-imapd (as root)")
    running = server.start()
    yield running
    running.stop()


@dataclass
class ImapAccount:
    server: object
    username: str
    password: str

    def client(self):
        return self.server.client(self.username, self.password)

    def deliver(self, folder="INBOX", **fields) -> None:
        with self.client() as client:
            client.append(folder, email_bytes(**fields))


@pytest.fixture
def imap_account(dovecot):
    return ImapAccount(dovecot, f"alice.{secrets.token_hex(4)}@example.com", dovecot.password)


def email_bytes(
    *,
    subject="Rilis pers",
    sender="Yuna Kristina <yuna@example.com>",
    to="alice@example.com",
    body="Halo",
    message_id=None,
    at=None,
    in_reply_to=None,
) -> bytes:
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = message_id or make_msgid(domain="example.com")
    message["Date"] = format_datetime(at or datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    if in_reply_to:
        message["In-Reply-To"] = message["References"] = in_reply_to
    message.set_content(body)
    return bytes(message)


@pytest.fixture
def mailbox(workspace, alice, imap_account):
    from kenal.capture.services import mailbox_add

    return mailbox_add(
        workspace=workspace,
        user=alice,
        host="127.0.0.1",
        port=imap_account.server.port,
        security="plain",
        username=imap_account.username,
        password=imap_account.password,
        folders=["INBOX", "Sent"],
    )
