"""Types shared by every chat-export parser: messages, malformed lines, and dedup fingerprints."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Literal, Union

MAX_TEXT = 65_536  # characters of one message's text; the rest is cut, and the cut reported
MAX_LINE = MAX_TEXT + 1024  # characters read of one physical line; the rest is skipped unread into memory
_MB = 1024 * 1024
MAX_MEMBER_BYTES = 500 * _MB  # a zip member unpacking to more is refused
MAX_RATIO = 100  # nor may it unpack to more than this many times its packed size (past MIN_RATIO_BYTES)
MIN_RATIO_BYTES = 1024 * 1024

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


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader assumed or changed to read a file (its encoding, say), reported beside it."""

    line: int
    message: str


ParseResult = Iterator[ChatMessage | Malformed | Note]

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
        key = f"msg\x1f{utc_stamp(msg.at)}\x1f{msg.sender}\x1f{msg.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


_last_stamp: tuple = (None, "")  # the last moment stamped and its text (one tuple, so threads see a pair)


def utc_stamp(at: datetime) -> str:
    """ "2026-03-02T02:15:00Z": the moment in UTC, truncated to the second, as fingerprints have always had it.

    isoformat instead of strftime, and the last answer kept, made fingerprints three times faster.
    """
    global _last_stamp
    last = _last_stamp
    if at == last[0]:
        return last[1]
    utc = at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    # Years before 1000 are where isoformat ("0999") and strftime ("999") write differently.
    stamp = utc.isoformat() + "Z" if utc.year >= 1000 else utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    _last_stamp = (at, stamp)
    return stamp


def open_text(source: Source) -> IO[str]:
    """Open a path or wrap a file object as UTF-8 text, tolerating a BOM and bad bytes."""
    if isinstance(source, str | os.PathLike):
        return open(source, encoding="utf-8-sig", errors="replace", newline=None)
    if isinstance(source, io.TextIOBase):
        return source
    return io.TextIOWrapper(source, encoding="utf-8-sig", errors="replace", newline=None)  # type: ignore[arg-type]


def check_zip_member(info: zipfile.ZipInfo) -> None:
    """Refuse a zip member before reading it when it would unpack too large, or suspiciously small when packed.

    zipfile stops reading a member at its declared size, so checking the declaration bounds what is read.
    """
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > MAX_MEMBER_BYTES:
        raise ValueError(
            f"{info.filename} in the zip unpacks to {size / _MB:,.0f} MB, over the limit of "
            f"{MAX_MEMBER_BYTES / _MB:,.0f} MB"
        )
    if size > MIN_RATIO_BYTES and size / packed > MAX_RATIO:
        raise ValueError(
            f"{info.filename} in the zip unpacks to {size / packed:,.0f} times its packed size "
            f"(at most {MAX_RATIO} for a chat export): refused as a zip bomb"
        )


def bounded_lines(stream: IO[str], limit: int = MAX_LINE) -> Iterator[str]:
    """A text stream's lines, each at most `limit` characters: the rest of a longer line is read and dropped."""
    readline = stream.readline
    while line := readline(limit):
        if len(line) == limit and line[-1] != "\n":
            while (rest := readline(limit)) and rest[-1] != "\n":
                pass
        yield line


def line_batches(stream: IO[str], limit: int = MAX_LINE, size: int = 1 << 20) -> Iterator[list[str]]:
    """A text stream's lines without their newline, in lists of about `size` characters; each line at most
    `limit` characters, the rest of a longer line read and dropped. Lines as bounded_lines gives them, but
    split a megabyte at a time: a parser looping over lists spent a fifth less than over readline's lines.
    """
    head = ""  # the start of a line that began in an earlier chunk
    skipping = False  # head reached `limit`: the rest of its line is dropped
    while chunk := stream.read(size):
        lines = chunk.split("\n")
        if len(lines) == 1:
            if not skipping:
                head += chunk
                if len(head) >= limit:
                    head, skipping = head[:limit], True
            continue
        lines[0] = head if skipping else (head + lines[0])[:limit]
        head, skipping = lines.pop(), False
        if len(head) >= limit:
            head, skipping = head[:limit], True
        if len(chunk) > limit and max(map(len, lines)) > limit:
            lines = [line[:limit] for line in lines]
        yield lines
    if head or skipping:
        yield [head]


def sniff_encoding(binary: IO[bytes]) -> tuple[str, Note | None]:
    """A chat text's encoding: its BOM's, UTF-8 when every byte is UTF-8, else Windows-1252 with a note.

    Reads the stream to its end (UTF-8 is checked in 1 MB steps, never held whole); the caller reopens it.
    """
    head = binary.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    if len(head) == 4 and head[1] == head[3] == 0 and head[0] and head[2]:
        return "utf-16-le", None  # an iPhone export saved as UTF-16 without its mark
    if len(head) == 4 and head[0] == head[2] == 0 and head[1] and head[3]:
        return "utf-16-be", None
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, chunk = 1, head
    try:
        while chunk:
            decoder.decode(chunk)
            line += chunk.count(b"\n")
            chunk = binary.read(1 << 20)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        line += chunk[: error.start].count(b"\n")
        return "cp1252", Note(line, f"line {line} is not UTF-8: the file was read as Windows-1252")
    return "utf-8-sig", None
