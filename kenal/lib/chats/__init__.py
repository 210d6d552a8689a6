"""Streaming, database-free parsers for chat exports: WhatsApp, Telegram and email."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from kenal.lib.chats.base import ChatMessage, Malformed, ParseResult, fingerprint
from kenal.lib.chats.mail import parse_mail, strip_quoted_and_signature
from kenal.lib.chats.telegram import parse_telegram
from kenal.lib.chats.whatsapp import is_header_line, parse_whatsapp

__all__ = [
    "ChatMessage",
    "Malformed",
    "ParseResult",
    "detect_source",
    "fingerprint",
    "parse",
    "parse_mail",
    "parse_telegram",
    "parse_whatsapp",
    "strip_quoted_and_signature",
]

PARSERS = {"whatsapp": parse_whatsapp, "telegram": parse_telegram, "email": parse_mail}
_MAIL_HEADERS = (b"From ", b"Return-Path:", b"Received:", b"Delivered-To:", b"MIME-Version:", b"Message-ID:")


def detect_source(path: str | os.PathLike[str]) -> str:
    """Return "whatsapp", "telegram" or "email" for an export file or folder, from its name and content."""
    path = Path(path)
    if path.is_dir():
        return "telegram" if (path / "result.json").is_file() else "email"
    suffix = path.suffix.lower()
    if suffix in (".eml", ".mbox", ".mbx"):
        return "email"
    if suffix == ".json":
        return "telegram"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [name.lower() for name in archive.namelist()]
        if any(name.endswith(".txt") for name in names):
            return "whatsapp"
        raise ValueError(f"{path.name}: a zip without a WhatsApp .txt chat")
    return _sniff(path)


def _sniff(path: Path) -> str:
    """Guess the source of an unlabelled file from its first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "telegram"
    if head.startswith(_MAIL_HEADERS) or head[:200].lower().startswith(
        (b"from:", b"date:", b"to:", b"subject:")
    ):
        return "email"
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    if head[1:2] == b"\x00" and head[3:4] == b"\x00":
        encoding = "utf-16-le"  # an iPhone export in UTF-16 without its mark
    elif head[0:1] == b"\x00" and head[2:3] == b"\x00":
        encoding = "utf-16-be"
    first_line = head[: len(head) // 2 * 2].decode(encoding, "replace").lstrip("\ufeff").split("\n", 1)[0]
    if is_header_line(first_line):
        return "whatsapp"
    raise ValueError(f"{path.name}: not a recognised WhatsApp, Telegram or email export")


def parse(source: str, path: str | os.PathLike[str], *, tz: ZoneInfo, fmt: str | None = None) -> ParseResult:
    """Parse an export with the parser for `source` ("whatsapp", "telegram" or "email")."""
    try:
        parser = PARSERS[source]
    except KeyError:
        raise ValueError(f"unknown chat source {source!r}; expected one of {sorted(PARSERS)}") from None
    return parser(path, tz=tz, fmt=fmt)
