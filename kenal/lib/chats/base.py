"""Types shared by every chat-export parser: messages, malformed lines, and dedup fingerprints."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Literal, Union

Kind = Literal["text", "media", "deleted", "system"]
Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


@dataclass(frozen=True)
class ChatMessage:
    """One message from any chat source, with an aware timestamp in the requested zone."""

    line: int
    at: datetime
    sender: str
    text: str
    kind: str
    edited: bool
    sender_address: str = ""
    recipients: tuple[str, ...] = ()
    thread_key: str = ""
    source_id: str = ""
    has_seconds: bool = False
    raw: str = ""
    chat_title: str = ""  # the chat's own name where the export has one (Telegram)
    subject: str = ""  # an email's Subject header


@dataclass(frozen=True, slots=True)
class Malformed:
    """A line (or record) that could not be attached to any message, with the reason."""

    line: int
    message: str


ParseResult = Iterator[ChatMessage | Malformed]

_new = object.__new__
_set = object.__setattr__


def make_message(
    line: int, at: datetime, sender: str, text: str, kind: str, edited: bool, has_seconds: bool
) -> ChatMessage:
    """Build a chat-app ChatMessage (no address, thread, id, chat title or subject) on the parsers' hot path."""
    # Skips the frozen dataclass __init__ (one object.__setattr__ per field): 0.4 µs instead of 1.2 µs, a
    # third of WhatsApp's per-message cost. Fields left out of __dict__ read the dataclass's class-level
    # defaults, so equality, repr, asdict and replace see an ordinary ChatMessage.
    message = _new(ChatMessage)
    _set(
        message,
        "__dict__",
        {
            "line": line,
            "at": at,
            "sender": sender,
            "text": text,
            "kind": kind,
            "edited": edited,
            "has_seconds": has_seconds,
        },
    )
    return message


def fingerprint(msg: ChatMessage) -> str:
    """Return a stable sha1 hex digest identifying a message for idempotent re-imports."""
    if msg.source_id:
        key = "id\x1f" + msg.source_id
    else:
        # Truncate to the second: sources without seconds render :00, and re-exports must agree.
        at = msg.at.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        key = f"msg\x1f{at}\x1f{msg.sender}\x1f{msg.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def open_text(source: Source) -> IO[str]:
    """Open a path or wrap a file object as UTF-8 text, tolerating a BOM and bad bytes."""
    if isinstance(source, str | os.PathLike):
        return open(source, encoding="utf-8-sig", errors="replace", newline=None)
    if isinstance(source, io.TextIOBase):
        return source
    return io.TextIOWrapper(source, encoding="utf-8-sig", errors="replace", newline=None)  # type: ignore[arg-type]
