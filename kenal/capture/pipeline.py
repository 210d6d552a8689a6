"""The one place live capture hands messages to the conversations' import pipeline.

Email goes through `chats_import`, exactly as `kenal import email` does: a batch fetched over IMAP is
written as an mbox, kept as the original, and imported (threads, quotes and signatures stripped, senders
matched, promise suggestions queued, keep-in-touch reset). WhatsApp Cloud API messages arrive already
parsed, so they go straight to the importer's write stage. When the importer is split into a scan stage
and a write stage, only this module needs to follow.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from kenal.conversations import importer
from kenal.conversations.models import Conversation, ImportFile, ImportRun
from kenal.lib.chats import ChatMessage
from kenal.lib.chats.scan import ChatExport


@dataclass(frozen=True)
class RawEmail:
    """One email as the server holds it, and when the server received it."""

    data: bytes
    received_at: datetime | None = None


def email_run_start(*, workspace, user) -> ImportRun:
    """An import run for one sync of a mailbox: every batch of every folder is a file of it."""
    return ImportRun.objects.create(
        workspace=workspace, user=user, source="email", status=ImportRun.Status.RUNNING
    )


def email_run_finish(*, run: ImportRun, failed: bool = False) -> None:
    importer.run_finish(run=run, failed=failed)


def email_import(
    *, workspace, user, run: ImportRun, name: str, emails: Iterable[RawEmail], me: list[str], tz: ZoneInfo
) -> importer.FileReport:
    """Import a batch of raw emails as `kenal import email` imports an mbox; the mbox is kept as the original."""
    handle, path = tempfile.mkstemp(prefix="kenal-imap-", suffix=".mbox")
    try:
        with os.fdopen(handle, "wb") as out:
            for raw in emails:
                _write_mbox_entry(out, raw, tz)
        return importer.chats_import(
            export=ChatExport(source="email", path=Path(path), tz=tz, name=name),
            workspace=workspace,
            user=user,
            me=me,
            run=run,
        )
    finally:
        os.unlink(path)


def _write_mbox_entry(out, raw: RawEmail, tz: ZoneInfo) -> None:
    """Append one email in mboxrd form: a "From " line, the message with its own "From " lines quoted."""
    received = raw.received_at.astimezone(tz) if raw.received_at else None
    stamp = received.strftime("%a %b %d %H:%M:%S %Y") if received else "Thu Jan  1 00:00:00 1970"
    out.write(f"From imap@kenal {stamp}\n".encode())
    for line in raw.data.splitlines(keepends=True):
        if line.lstrip(b">").startswith(b"From "):
            out.write(b">")
        out.write(line)
    if not raw.data.endswith((b"\n", b"\r")):
        out.write(b"\n")
    out.write(b"\n")


@dataclass
class Stored:
    new: int
    conversation: Conversation | None


def whatsapp_store(*, workspace, user, thread_key: str, messages: list[ChatMessage]) -> Stored:
    """Store one customer's messages in their conversation; a message stored before is skipped (Meta retries)."""
    if not messages:
        return Stored(new=0, conversation=None)
    title = messages[0].chat_title
    identities = importer.Identities(
        workspace=workspace,
        me_names=importer.split_lines(getattr(user, "me_names", "")),
        me_phones=importer.split_lines(getattr(user, "me_phones", "")),
    )
    conversation, _created = Conversation.objects.get_or_create(
        workspace=workspace, source="whatsapp", thread_key=thread_key[:400], defaults={"title": title[:300]}
    )
    if conversation.person_id is None:
        # The importer names a one-to-one chat's person by name; here the phone number is known too, and the
        # person must be set before the write so that promise suggestions are about them.
        person_id = identities.resolve(messages[0].sender, messages[0].sender_address)[1]
        if person_id is not None:
            conversation.person_id = person_id
            conversation.save(update_fields=["person"])
    report = importer.messages_write(
        workspace=workspace,
        export=ChatExport(source="whatsapp", path=Path(thread_key), tz=ZoneInfo("UTC"), name=title),
        identities=identities,
        import_file=_live_file(workspace=workspace, user=user, thread_key=thread_key),
        messages=messages,
    )
    conversation.refresh_from_db()
    return Stored(new=report.new, conversation=conversation)


def _live_file(*, workspace, user, thread_key: str) -> ImportFile:
    """The import record that a live customer's messages are written under: one per conversation, kept."""
    name = f"WhatsApp Business {thread_key}"[:500]
    found = ImportFile.objects.filter(workspace=workspace, name=name).select_related("run").first()
    if found is not None:
        return found
    run = ImportRun.objects.create(
        workspace=workspace,
        user=user,
        source="whatsapp",
        status=ImportRun.Status.DONE,
        finished_at=timezone.now(),
    )
    return ImportFile.objects.create(workspace=workspace, run=run, name=name, done=True)
