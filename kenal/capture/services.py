"""Writes of live capture: connecting mailboxes and WhatsApp numbers, syncing, and receiving webhooks."""

from __future__ import annotations

import email.parser
import email.utils
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.capture import imap, pipeline
from kenal.capture.models import (
    Mailbox,
    MailboxFolder,
    Security,
    SyncError,
    WhatsAppConnection,
    WhatsAppStatus,
)
from kenal.conversations.models import Message
from kenal.lib.chats import ChatMessage, fingerprint
from kenal.lib.sealed import InvalidToken, seal, unseal
from kenal.lib.whatsapp_cloud import STATUS_RANK, Inbound, Status, parse_webhook

SYNC_EVERY = timedelta(minutes=5)
DEFAULT_PORTS = {Security.SSL: 993, Security.STARTTLS: 143, Security.PLAIN: 143}
_PASSWORD = "mailbox-password"
_APP_SECRET = "whatsapp-app-secret"


def _seal(value: str, purpose: str) -> str:
    return seal(value, secret_key=settings.SECRET_KEY, purpose=purpose)


def _unseal(value: str, purpose: str) -> str:
    return unseal(value, secret_key=settings.SECRET_KEY, purpose=purpose)


@transaction.atomic
def mailbox_add(
    *,
    workspace,
    user,
    host: str,
    username: str,
    password: str,
    port: int | None = None,
    security: str = Security.SSL,
    folders: list[str] | None = None,
) -> Mailbox:
    """Connect a mailbox; its password is sealed and never shown again."""
    host, username = (host or "").strip(), (username or "").strip()
    folders = [name.strip() for name in (folders or ["INBOX"]) if name.strip()] or ["INBOX"]
    errors = {}
    if not host:
        errors["host"] = _("Enter the mail server's host name, such as imap.example.com.")
    if security not in Security.values:
        errors["security"] = _("Choose SSL/TLS, STARTTLS or none.")
    port = port or DEFAULT_PORTS.get(security, 993)
    if not 0 < port < 65536:
        errors["port"] = _("A port is a number from 1 to 65535.")
    if not username:
        errors["username"] = _("Enter the username you sign in to the mailbox with.")
    if not password:
        errors["password"] = _("Enter the mailbox's password (an app password, if the provider uses them).")
    if errors:
        raise ValidationError(errors)
    addresses = sorted({value.casefold() for value in (username, user.email) if "@" in value})
    return Mailbox.objects.create(
        workspace=workspace,
        user=user,
        host=host,
        port=port,
        security=security,
        username=username,
        password_sealed=_seal(password, _PASSWORD),
        addresses=addresses,
        folders=list(dict.fromkeys(folders)),
    )


@transaction.atomic
def mailbox_remove(*, mailbox: Mailbox) -> None:
    """Forget a mailbox and its password; the messages it brought in stay."""
    mailbox.delete()


@dataclass
class SyncReport:
    mailbox_id: int
    new: int = 0
    error: str = ""  # a SyncError value
    detail: str = ""


def mailboxes_due(*, now=None):
    """Mailboxes whose next sync time has come (or that never synced), oldest first."""
    from django.db.models import Q

    now = now or timezone.now()
    return Mailbox.objects.filter(Q(next_sync_at__isnull=True) | Q(next_sync_at__lte=now)).order_by("pk")


def mailbox_sync(*, mailbox: Mailbox) -> SyncReport:
    """Bring in the messages that arrived since the last sync, folder by folder, by UID.

    Each batch is stored in one transaction with the folder's last UID, so a dropped connection resumes
    after the last stored batch. A folder whose UIDVALIDITY changed is read again from the start; its
    messages are recognised by their Message-ID and nothing is duplicated.
    """
    report = SyncReport(mailbox_id=mailbox.pk)
    started = timezone.now()
    run = None
    logged_in = False
    try:
        password = _unseal(mailbox.password_sealed, _PASSWORD)
    except InvalidToken as error:
        return _sync_end(mailbox, report, started, SyncError.PASSWORD, error)
    try:
        with imap.connected(
            host=mailbox.host,
            port=mailbox.port,
            security=mailbox.security,
            username=mailbox.username,
            password=password,
        ) as client:
            logged_in = True
            sent = imap.sent_folders(client)
            for name in mailbox.folders:
                state, _created = MailboxFolder.objects.get_or_create(mailbox=mailbox, name=name)
                uidvalidity = imap.select(client, name)
                if state.uidvalidity != uidvalidity:
                    state.uidvalidity, state.last_uid = uidvalidity, 0
                state.is_sent = name in sent
                state.save(update_fields=["uidvalidity", "last_uid", "is_sent"])
                for last_uid, emails in imap.batches(client, imap.new_uids(client, after_uid=state.last_uid)):
                    run = run or pipeline.email_run_start(workspace=mailbox.workspace, user=mailbox.user)
                    report.new += _store_batch(mailbox, state, run, last_uid, emails)
    except Exception as error:  # noqa: BLE001 - every failure is recorded in plain words, and retried later
        if run is not None:
            pipeline.email_run_finish(run=run, failed=True)
        return _sync_end(mailbox, report, started, imap.classify(error, logged_in=logged_in), error)
    if run is not None:
        pipeline.email_run_finish(run=run)
    return _sync_end(mailbox, report, started, SyncError.NONE, None)


@transaction.atomic
def _store_batch(mailbox: Mailbox, state: MailboxFolder, run, last_uid: int, emails) -> int:
    """Import one batch and move the folder's last UID past it, together."""
    if state.is_sent:
        # Whatever the Sent folder is sent from is the user: their messages count as "me" everywhere.
        learned = set(mailbox.addresses) | _senders(emails)
        if learned != set(mailbox.addresses):
            mailbox.addresses = sorted(learned)
            Mailbox.objects.filter(pk=mailbox.pk).update(addresses=mailbox.addresses)
    first = emails[0] if emails else None
    new = 0
    if first is not None:
        file_report = pipeline.email_import(
            workspace=mailbox.workspace,
            user=mailbox.user,
            run=run,
            name=f"{mailbox.username}@{mailbox.host} {state.name} to UID {last_uid}.mbox",
            emails=emails,
            me=list(mailbox.addresses),
            tz=mailbox.workspace.tz,
        )
        new = file_report.new
    state.last_uid = last_uid
    state.save(update_fields=["last_uid"])
    Mailbox.objects.filter(pk=mailbox.pk).update(message_count=F("message_count") + new)
    return new


def _senders(emails) -> set[str]:
    parser = email.parser.BytesHeaderParser()
    found = set()
    for raw in emails:
        headers = parser.parsebytes(raw.data[:65536])
        for _name, address in email.utils.getaddresses(headers.get_all("From") or []):
            if "@" in address:
                found.add(address.strip().casefold())
    return found


def _sync_end(mailbox: Mailbox, report: SyncReport, started, error: str, exception) -> SyncReport:
    report.error = error
    report.detail = f"{type(exception).__name__}: {exception}"[:1000] if exception is not None else ""
    values = {"last_sync_at": started, "next_sync_at": started + SYNC_EVERY}
    if error:
        values.update(last_error=error, last_error_detail=report.detail, last_error_at=started)
    else:
        values.update(last_error="", last_error_detail="")
    Mailbox.objects.filter(pk=mailbox.pk).update(**values)
    for key, value in values.items():
        setattr(mailbox, key, value)
    mailbox.refresh_from_db(fields=["message_count"])
    return report


@transaction.atomic
def whatsapp_connect(
    *, workspace, user, phone_number_id: str, verify_token: str, app_secret: str
) -> WhatsAppConnection:
    """Connect a WhatsApp Business number; its webhook address is /hooks/whatsapp/<secret>/."""
    phone_number_id, verify_token = (phone_number_id or "").strip(), (verify_token or "").strip()
    errors = {}
    if not phone_number_id.isdigit():
        errors["phone_number_id"] = _(
            "The phone number ID is the number Meta shows under WhatsApp > API Setup, digits only."
        )
    elif WhatsAppConnection.objects.filter(phone_number_id=phone_number_id).exists():
        errors["phone_number_id"] = _("This phone number ID is already connected.")
    if not verify_token:
        errors["verify_token"] = _("Enter the verify token you will give Meta for the webhook.")
    if not app_secret:
        errors["app_secret"] = _("Enter the app secret from the Meta app's basic settings.")
    if errors:
        raise ValidationError(errors)
    return WhatsAppConnection.objects.create(
        workspace=workspace,
        user=user,
        phone_number_id=phone_number_id,
        verify_token=verify_token,
        app_secret_sealed=_seal(app_secret, _APP_SECRET),
        secret=secrets.token_urlsafe(24),
    )


@transaction.atomic
def whatsapp_disconnect(*, connection: WhatsAppConnection) -> None:
    """Stop receiving this number's webhooks; its messages stay."""
    connection.delete()


def whatsapp_app_secret(connection: WhatsAppConnection) -> str:
    """The app secret that signs this number's webhooks ("" when the secret key changed since)."""
    try:
        return _unseal(connection.app_secret_sealed, _APP_SECRET)
    except InvalidToken:
        return ""


@dataclass
class Received:
    new: int = 0
    statuses: int = 0
    ignored: int = 0
    conversations: list = field(default_factory=list)


@transaction.atomic
def whatsapp_receive(*, connection: WhatsAppConnection, payload) -> Received:
    """Store a webhook's messages in each customer's conversation and record its statuses.

    Parts for another phone number id are ignored: they are not this connection's to store.
    """
    received = Received()
    now = timezone.now()
    tz = connection.workspace.tz
    threads: dict[str, list[ChatMessage]] = defaultdict(list)
    for item in parse_webhook(payload, received_at=now):
        if item.phone_number_id != connection.phone_number_id:
            received.ignored += 1
        elif isinstance(item, Status):
            received.statuses += _status_record(connection, item)
        elif isinstance(item, Inbound):
            if item.type == "reaction" and not item.text:
                received.ignored += 1  # a reaction taken back says nothing new
                continue
            message = _chat_message(item, tz)
            threads[message.thread_key].append(message)
    for thread_key, messages in threads.items():
        stored = pipeline.whatsapp_store(
            workspace=connection.workspace, user=connection.user, thread_key=thread_key, messages=messages
        )
        received.new += stored.new
        received.conversations.append(stored.conversation)
    if received.new:
        WhatsAppConnection.objects.filter(pk=connection.pk).update(
            last_received_at=now, message_count=F("message_count") + received.new
        )
    return received


def whatsapp_thread_key(*, phone_number_id: str, wa_id: str) -> str:
    return f"whatsapp-cloud:{phone_number_id}:{wa_id}"


def _chat_message(item: Inbound, tz) -> ChatMessage:
    phone = f"+{item.wa_id.lstrip('+')}"
    return ChatMessage(
        line=0,
        at=item.at.astimezone(tz),
        sender=item.name or phone,
        sender_address=phone,
        text=item.text,
        # Media without a caption is shown as media; a caption is what the customer wrote.
        kind="text" if item.text else "media",
        edited=False,
        thread_key=whatsapp_thread_key(phone_number_id=item.phone_number_id, wa_id=item.wa_id),
        source_id=item.message_id,
        has_seconds=True,
        chat_title=item.name or phone,
    )


def _status_record(connection: WhatsAppConnection, item: Status) -> int:
    """Record a status; an older state arriving late never replaces a newer one. Returns 1 if it changed."""
    existing = WhatsAppStatus.objects.select_for_update().filter(connection=connection, wamid=item.message_id)
    current = existing.first()
    if current is None:
        key = fingerprint(
            ChatMessage(
                line=0, at=item.at, sender="", text="", kind="text", edited=False, source_id=item.message_id
            )
        )
        WhatsAppStatus.objects.create(
            workspace=connection.workspace,
            connection=connection,
            wamid=item.message_id[:200],
            recipient=item.recipient_id[:32],
            message=Message.objects.filter(workspace=connection.workspace, fingerprint=key).first(),
            state=item.status,
            at=item.at,
        )
        return 1
    if STATUS_RANK[item.status] <= STATUS_RANK[current.state]:
        return 0
    current.state, current.at = item.status, item.at
    current.save(update_fields=["state", "at"])
    return 1
