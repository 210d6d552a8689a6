"""Parser for email: mbox files, .eml files, or folders of them, one ChatMessage per email."""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from kenal.lib.chats.base import ChatMessage, Malformed, ParseResult, Source

_MBOX_SUFFIXES = {".mbox", ".mbx", ".mbs"}
MAX_EMAIL_BYTES = 50 * 1024 * 1024  # one email, attachments included; a larger one is skipped unread
_LINE_BYTES = 1 << 20  # bytes read at a time from one physical line
_MAIL_HEADERS = ("From", "Date", "Message-ID", "Subject", "To", "Received", "Return-Path", "MIME-Version")
_REPLY_HEADER = re.compile(
    r"^(?:On\s.{0,300}?wrote:|Pada\s.{0,300}?menulis:|-{2,}\s*(?:Original Message|Pesan Asli|Pesan Awal)\s*-{2,}"
    r"|_{10,})\s*$",
    re.IGNORECASE | re.DOTALL,
)
_OUTLOOK_FROM = re.compile(r"^(?:From|Dari):\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^(?:Sent|Date|Dikirim|Tanggal|To|Kepada|Subject|Perihal):\s", re.IGNORECASE)
_SIGNATURE_START = re.compile(
    r"^(?:--\s?|Sent from my .*|Sent from .*(?:Outlook|Mail|Gmail).*|Dikirim dari .*|Get Outlook for .*"
    r"|Kirim dari .*)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:salam|salam hangat|hormat (?:saya|kami)|regards|best regards|kind regards|warm regards|best"
    r"|cheers|thanks|thank you|terima ?kasih|sincerely|wassalam|tabik)[\s,.!]*$",
    re.IGNORECASE,
)


def parse_mail(source: Source, *, tz: ZoneInfo, fmt: str | None = None) -> ParseResult:
    """Yield one ChatMessage per email in an mbox, an .eml file, or a folder of them (recursively)."""
    del fmt  # email carries its own formats; the argument keeps every parser's signature alike
    if isinstance(source, str | os.PathLike) and Path(source).is_dir():
        for path in sorted(Path(source).rglob("*")):
            if path.is_file() and _looks_like_mail(path):
                yield from _parse_file(path, tz)
        return
    if isinstance(source, str | os.PathLike):
        yield from _parse_file(Path(source), tz)
        return
    yield from _parse_binary(_binary(source), tz, label="stream")


def _looks_like_mail(path: Path) -> bool:
    """Accept .eml/.mbox files, Maildir entries, and files starting with an mbox 'From ' line."""
    if path.suffix.lower() in _MBOX_SUFFIXES | {".eml", ".msg"} or path.parent.name in ("cur", "new"):
        return True
    with open(path, "rb") as handle:
        return handle.read(5) == b"From "


def _parse_file(path: Path, tz: ZoneInfo) -> ParseResult:
    """Parse one file as an mbox or a single message, depending on its first line."""
    with open(path, "rb") as handle:
        yield from _parse_binary(handle, tz, label=str(path))


def _binary(source: IO) -> IO[bytes]:
    """Return the binary stream beneath a text or binary file object."""
    return getattr(source, "buffer", source)


def _parse_binary(handle: IO[bytes], tz: ZoneInfo, *, label: str) -> ParseResult:
    """Split a byte stream at mbox 'From ' lines (or treat it as one message) and parse each email."""
    for line_number, envelope, data in _split_mbox(handle):
        if data is None:
            yield Malformed(
                line_number, f"{label}: an email over {MAX_EMAIL_BYTES // (1024 * 1024)} MB, skipped"
            )
        else:
            yield _email_message(line_number, envelope, data, tz, label=label)


def _split_mbox(handle: IO[bytes]) -> Iterator[tuple[int, bytes, bytes | None]]:
    """Yield (line of its 'From ' line, that line, message bytes) one email at a time.

    An email larger than MAX_EMAIL_BYTES comes with None for its bytes: it is read past, never held.
    """
    start, envelope, lines, size = 1, b"", [], 0
    previous_blank = True
    is_mbox = None  # decided by the first line: a lone .eml never splits at a "From " in its body
    number, whole = 0, True  # the physical line reached; whether the piece read starts a line
    for line in iter(lambda: handle.readline(_LINE_BYTES), b""):
        starts_line, whole = whole, line.endswith(b"\n")
        number += starts_line
        if is_mbox is None:
            is_mbox = line.startswith(b"From ")
        if starts_line and is_mbox and line.startswith(b"From ") and previous_blank:
            if lines or envelope:
                yield start, envelope, b"".join(lines) if size <= MAX_EMAIL_BYTES else None
            start, envelope, lines, size = number, line, [], 0
        else:
            size += len(line)
            if size <= MAX_EMAIL_BYTES:
                lines.append(line)
            elif lines:
                lines = []
        previous_blank = not line.strip()
    if lines or envelope or size:
        yield start, envelope, b"".join(lines) if size <= MAX_EMAIL_BYTES else None


def _email_message(
    line: int, envelope: bytes, data: bytes, tz: ZoneInfo, *, label: str
) -> ChatMessage | Malformed:
    """Parse one email, reporting it as Malformed only when the stdlib cannot read it at all."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not envelope and not any(name in message for name in _MAIL_HEADERS):
            return Malformed(
                line,
                f"{label}: not an email (no mbox 'From ' line, and none of the headers "
                f"{', '.join(_MAIL_HEADERS[:3])}…)",
            )
        return _to_chat_message(line, envelope, message, tz)  # type: ignore[arg-type]
    except Exception as error:  # a bad email must not abort a 10,000-message mailbox import
        return Malformed(line, f"{label}: unreadable email ({type(error).__name__}: {error})")


def _to_chat_message(line: int, envelope: bytes, message: EmailMessage, tz: ZoneInfo) -> ChatMessage:
    """Map an email's headers and body onto a ChatMessage."""
    name, address = _first_address(message, "From")
    recipients = tuple(_addresses(message, "To") + _addresses(message, "Cc"))
    raw = _body(message)
    source_id = _header(message, "Message-ID").strip() or _generated_id(message, raw)
    return ChatMessage(
        line=line,
        at=_date(message, envelope, tz),
        sender=name or address,
        text=strip_quoted_and_signature(raw),
        kind="text",
        edited=False,
        sender_address=address,
        recipients=recipients,
        thread_key=_thread_key(message, source_id),
        source_id=source_id,
        has_seconds=True,
        raw=raw,
        subject=" ".join(_header(message, "Subject").split()),
    )


def _header(message: EmailMessage, name: str) -> str:
    """Read a header as text, falling back to the raw value when policy parsing fails."""
    try:
        return str(message.get(name, "") or "")
    except Exception:  # malformed structured headers raise on access under policy.default
        return str(message.get_all(name, [""])[0] or "") if hasattr(message, "get_all") else ""


def _first_address(message: EmailMessage, name: str) -> tuple[str, str]:
    """Return the display name and lower-cased address of a header's first mailbox."""
    pairs = email.utils.getaddresses([_header(message, name)])
    display, address = pairs[0] if pairs else ("", "")
    return display.strip().strip('"'), address.strip().lower()


def _addresses(message: EmailMessage, name: str) -> list[str]:
    """Return the lower-cased addresses in a header (To, Cc)."""
    values = [str(value) for value in (message.get_all(name) or [])]
    return [address.strip().lower() for _, address in email.utils.getaddresses(values) if address.strip()]


def _date(message: EmailMessage, envelope: bytes, tz: ZoneInfo) -> datetime:
    """Read the Date header (or Received, or the mbox envelope), converted to tz; naive times are in tz."""
    received = _header(message, "Received").rpartition(";")[2]
    envelope_date = envelope.decode("ascii", "replace").split(None, 2)[2:]
    for candidate in (_header(message, "Date"), received, *envelope_date):
        try:
            moment = email.utils.parsedate_to_datetime(candidate.strip())
        except (TypeError, ValueError, IndexError):
            moment = _asctime(candidate)
        if moment is not None:
            return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
    return datetime(1970, 1, 1, tzinfo=tz)  # no date anywhere: an obviously placeholder time, never "now"


def _asctime(text: str) -> datetime | None:
    """Parse an mbox envelope date such as 'Sat Apr 27 10:00:00 2026'."""
    try:
        return datetime.strptime(" ".join(text.split()[:5]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        return None


def _thread_key(message: EmailMessage, own_id: str) -> str:
    """Return the thread root: the first References id, else In-Reply-To, else the message's own id."""
    references = re.findall(r"<[^<>\s]+>", _header(message, "References"))
    if references:
        return references[0]
    in_reply_to = re.findall(r"<[^<>\s]+>", _header(message, "In-Reply-To"))
    return in_reply_to[0] if in_reply_to else own_id


def _generated_id(message: EmailMessage, body: str) -> str:
    """Make a stable stand-in Message-ID from the date, sender, subject and body."""
    key = "\x1f".join([_header(message, "Date"), _header(message, "From"), _header(message, "Subject"), body])
    return f"<{hashlib.sha1(key.encode('utf-8', 'replace')).hexdigest()}@kenal.invalid>"


def _body(message: EmailMessage) -> str:
    """Return the text/plain body, or the HTML body converted to text, decoding leniently."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # broken MIME structure: fall back to the top-level payload
        part = None
    part = part or message
    text = _decode(part)
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    return text


def _decode(part: EmailMessage) -> str:
    """Decode a part's payload with its declared charset, replacing undecodable bytes."""
    if part.is_multipart():
        return ""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, KeyError, AssertionError, ValueError):
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:  # unknown charset name
            return payload.decode("utf-8", errors="replace")


class _TextExtractor(HTMLParser):
    """Collects an HTML email's text, keeping line breaks and marking blockquotes as quoted."""

    _BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.quoting = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Open skipped or quoted regions and start new lines at block elements."""
        if tag in ("script", "style", "head"):
            self.skipping += 1
        if tag == "blockquote" or (tag == "div" and ("class", "gmail_quote") in attrs):
            self.quoting += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Close skipped or quoted regions."""
        if tag in ("script", "style", "head"):
            self.skipping = max(0, self.skipping - 1)
        if tag == "blockquote":
            self.quoting = max(0, self.quoting - 1)
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text; quoted text gets '> ' so the quote stripper removes it."""
        if self.skipping:
            return
        if self.quoting:
            data = "\n".join("> " + line for line in data.split("\n"))
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Convert an HTML email body to plain text with the stdlib parser."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [" ".join(line.split()) for line in "".join(extractor.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def strip_quoted_and_signature(text: str) -> str:
    """Remove quoted history (> lines, reply headers, Outlook blocks) and trailing signatures from an email body."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if (
            _REPLY_HEADER.match(stripped)
            or _is_outlook_block(lines, index)
            or _reply_header_wraps(lines, index)
        ):
            break
        if _SIGNATURE_START.match(line.rstrip("\n")) or stripped == "--":
            break
        if not stripped.startswith(">"):
            kept.append(line.rstrip())
    return _drop_closing("\n".join(kept).strip())


def _is_outlook_block(lines: list[str], index: int) -> bool:
    """True where an Outlook-style 'From: … / Sent: …' quoted header block begins."""
    line = lines[index].strip()
    if not _OUTLOOK_FROM.match(line):
        return False
    if re.search(r"\s(?:Sent|Dikirim):\s", line):  # the block flattened onto one line
        return True
    following = [line.strip() for line in lines[index + 1 : index + 4]]
    return any(_OUTLOOK_NEXT.match(line) for line in following)


def _reply_header_wraps(lines: list[str], index: int) -> bool:
    """True for 'On … wrote:' / 'Pada … menulis:' headers that mail clients wrap over two lines."""
    line = lines[index].strip()
    if not re.match(r"^(?:On|Pada)\s", line) or index + 1 >= len(lines):
        return False
    return bool(_REPLY_HEADER.match(f"{line} {lines[index + 1].strip()}"))


def _drop_closing(text: str) -> str:
    """Remove a trailing 'Salam,' / 'Regards,' line and the short name block after it."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
        if _CLOSING.match(lines[index].strip()):
            tail = [line for line in lines[index + 1 :] if line.strip()]
            if len(tail) <= 4 and all(len(line) <= 60 for line in tail) and index > 0:
                return "\n".join(lines[:index]).rstrip()
    return text
