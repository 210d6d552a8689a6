"""Streaming parser for Telegram Desktop JSON exports (one chat, or a whole account)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from kenal.lib.chats.base import MAX_TEXT, ChatMessage, Malformed, ParseResult, Source

try:  # ijson streams a multi-gigabyte account export in constant memory; json.load is the fallback
    import ijson
except ImportError:  # pragma: no cover - exercised only where ijson is not installed
    ijson = None

# Where message arrays live: a single-chat export, and an account export's chats and left chats.
_CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")
_MESSAGE_PREFIXES = {f"{prefix}.messages.item".lstrip("."): prefix for prefix in _CHAT_PREFIXES}
_META_PREFIXES = {
    f"{prefix}.{key}".lstrip("."): key for prefix in _CHAT_PREFIXES for key in ("id", "name", "type")
}
_JSON_ERRORS: tuple[type[Exception], ...] = (ValueError, AttributeError, TypeError) + (
    (ijson.JSONError,) if ijson is not None else ()
)
MAX_DEPTH = 64  # JSON nesting refused beyond this; a real export nests five or six levels
_MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "location_information",
    "contact_information",
    "poll",
)


def parse_telegram(source: Source, *, tz: ZoneInfo, fmt: str | None = None) -> ParseResult:
    """Yield one ChatMessage per Telegram message; Malformed.line is the 1-based message index."""
    del fmt  # Telegram's JSON has one format; the argument keeps every parser's signature alike
    stream, owned = _open_binary(source)
    try:
        records = _records_streaming(stream) if ijson is not None else _records_loaded(stream)
        index = 0
        try:
            for index, (chat, record) in enumerate(records, 1):  # noqa: B007 - index is reported below
                yield _message(index, chat, record, tz)
        except TooDeep as error:
            yield Malformed(
                index + 1,
                f"message {index + 1} is {error}: refused there; the messages before it are kept",
            )
        except _JSON_ERRORS as error:
            reason = " ".join(str(error).split())  # yajl's messages span lines with a caret diagram
            yield Malformed(
                index + 1,
                f"not a readable Telegram export (truncated, or not result.json?) "
                f"after message {index}: {reason}",
            )
    finally:
        if owned:
            stream.close()


def _open_binary(source: Source) -> tuple[IO[bytes], bool]:
    """Return a binary stream and whether this module must close it."""
    if isinstance(source, str | os.PathLike):
        return open(source, "rb"), True
    if hasattr(source, "buffer"):
        return source.buffer, False  # type: ignore[union-attr]
    return source, False  # type: ignore[return-value]


class TooDeep(ValueError):
    """JSON nested deeper than MAX_DEPTH: refused where it starts, before it can take the memory."""


def _records_streaming(stream: IO[bytes]) -> Iterator[tuple[dict, dict]]:
    """Yield (chat metadata, message dict) pairs while reading the JSON incrementally.

    Reads ijson's events without prefixes and keeps the path itself: the prefixed parser builds a string as
    long as the nesting for every event, so 200 KB of `[[[[` took gigabytes before anything could stop it.
    """
    chat: dict[str, Any] = {}
    builder = None
    builder_depth = 0  # the depth of the message map being built
    prefixes: list[str] = []  # the prefix of each open container, as ijson.parse would name it
    keys: list[str | None] = []  # the current key of each open map (None for arrays)
    seen_messages = False
    for event, value in ijson.basic_parse(CappedStrings(stream), use_float=True):
        if event == "map_key":
            keys[-1] = value
            if builder is not None:
                builder.event(event, value)
            continue
        if event in ("start_map", "start_array"):
            if len(prefixes) >= MAX_DEPTH:
                raise TooDeep(f"nested deeper than {MAX_DEPTH} levels")
            prefix = _value_prefix(prefixes, keys) if builder is None else ""
            prefixes.append(prefix)
            keys.append("" if event == "start_map" else None)
            if builder is not None:
                builder.event(event, value)
            elif event == "start_map" and prefix in _MESSAGE_PREFIXES:
                builder, builder_depth = ijson.ObjectBuilder(), len(prefixes)
                builder.event(event, value)
            elif event == "start_map" and prefix in _CHAT_PREFIXES[1:]:
                chat = {}  # a new chat in an account export
            elif event == "start_array" and prefix.endswith("messages"):
                seen_messages = True
            continue
        if event in ("end_map", "end_array"):
            if builder is not None:
                builder.event(event, value)
                if len(prefixes) == builder_depth:
                    yield chat, builder.value
                    builder = None
            prefixes.pop()
            keys.pop()
            continue
        if builder is not None:
            builder.event(event, value)
        elif event in ("string", "number"):
            prefix = _value_prefix(prefixes, keys)
            if prefix in _META_PREFIXES:
                chat[_META_PREFIXES[prefix]] = value
    if not seen_messages:
        raise ValueError("no messages array found")


MAX_STRING_BYTES = (
    4 * MAX_TEXT + 4
)  # bytes kept of one JSON string: more than MAX_TEXT characters, so the cut is noted
# Where a string can be cut and stay valid JSON: after six plain ASCII bytes (no escape can be open), after a
# \\uXXXX that is not half a surrogate pair, or before the first byte of a UTF-8 character that follows no backslash.
_SAFE_CUT = re.compile(rb"[^\\\x80-\xff]{6}|\\u(?![dD][89abAB])[0-9a-fA-F]{4}|(?<=[^\\])(?=[\xc0-\xff])")


class CappedStrings:
    """A JSON file's bytes with every run between two quotes cut near MAX_STRING_BYTES as it is read.

    ijson hands over a string only whole, so a 200 MB "text" would be held twice before the scan could cut
    it. Runs between quotes are string contents (outside strings a valid export has only short runs of
    punctuation, numbers and whitespace). A cut is made at the first place past the limit where no
    character or escape is left open, and the dropped bytes' trailing backslashes keep their parity before
    the next quote, so the JSON stays as valid as it was. A run with no such place within twice the limit
    (a string of nothing but escaped backslashes) is refused.
    """

    def __init__(self, stream: IO[bytes], limit: int = MAX_STRING_BYTES, size: int = 1 << 20):
        self.stream, self.limit, self.size = stream, limit, size
        self.run = 0  # bytes of the current run (since the last quote) passed on so far
        self.dropping = False  # the current run was cut: its bytes are dropped until the next quote
        self.tail = 0  # backslashes ending the bytes of the current run read so far (kept or dropped)

    def read(self, size: int = -1) -> bytes:
        """The next bytes, b"" only at the end (a read whose bytes were all dropped reads on)."""
        while chunk := self.stream.read(self.size if size is None or size < 0 else size):
            if out := self._filtered(chunk):
                return out
        return b""

    def _filtered(self, chunk: bytes) -> bytes:
        pieces = chunk.split(b'"')
        if (
            not self.dropping
            and self.run + len(pieces[0]) < self.limit
            and max(map(len, pieces)) < self.limit
            and b'\\"' not in chunk
            and not (self.tail % 2 and chunk[:1] == b'"')
        ):
            # The common case: no escaped quote, nothing near the limit; passed on as read.
            self.run = self.run + len(chunk) if len(pieces) == 1 else len(pieces[-1])
            self.tail = _trailing(pieces[-1], self.tail if len(pieces) == 1 else 0)
            return chunk
        out = []
        for index, piece in enumerate(pieces):
            if index:
                escaped = self.tail % 2 == 1  # an escaped quote is part of the string, which goes on
                self.tail = 0
                if self.dropping and not escaped:
                    self.dropping = False  # the string ends: its closing quote is passed on
                if not self.dropping:
                    out.append(b'"')
                    self.run = self.run + 1 if escaped else 0
            if self.dropping:
                self.tail = _trailing(piece, self.tail)
                continue
            room = self.limit - self.run
            if len(piece) <= room:
                out.append(piece)
                self.run += len(piece)
                self.tail = _trailing(piece, self.tail)
                continue
            cut = _SAFE_CUT.search(piece, max(room, 0))
            if cut is None:
                if self.run + len(piece) > 2 * self.limit:
                    raise TooDeep(f"a text over {2 * self.limit:,} bytes that cannot be cut")
                out.append(piece)  # no place to cut yet: the next bytes will have one
                self.run += len(piece)
                self.tail = _trailing(piece, self.tail)
                continue
            out.append(piece[: cut.end()])
            self.dropping, self.tail = True, _trailing(piece[cut.end() :], 0)
        return b"".join(out)


def _trailing(piece: bytes, before: int) -> int:
    """Backslashes ending `piece`, counting the `before` ones ending what came before if it is all backslashes."""
    rest = piece.rstrip(b"\\")
    return len(piece) - len(rest) + (0 if rest else before)


def _value_prefix(prefixes: list[str], keys: list[str | None]) -> str:
    """ijson's prefix of the value about to start: its map's key, or "item" in an array."""
    if not prefixes:
        return ""
    key = keys[-1]
    step = "item" if key is None else key
    return f"{prefixes[-1]}.{step}" if prefixes[-1] else step


def _records_loaded(stream: IO[bytes]) -> Iterator[tuple[dict, dict]]:
    """Yield (chat, message) pairs after json.load, which holds the whole export in memory."""
    document = json.load(stream)
    if not isinstance(document, dict) or not ("messages" in document or "chats" in document):
        raise ValueError("no messages array found")
    chats = [document]
    if "chats" in document:
        chats = document["chats"].get("list", []) + document.get("left_chats", {}).get("list", [])
    for chat in chats:
        for record in chat.get("messages", []):
            yield chat, record


def _message(index: int, chat: dict, record: dict, tz: ZoneInfo) -> ChatMessage | Malformed:
    """Turn one Telegram message dict into a ChatMessage, or Malformed when it has no usable date."""
    if not isinstance(record, dict):
        return Malformed(index, f"message {index} is not a JSON object")
    at = _datetime(record, tz)
    if at is None:
        return Malformed(index, f"message {index} (id {record.get('id')}) has no readable date")
    chat_id = str(chat.get("id", ""))
    text = flatten_text(record.get("text")) or flatten_text(record.get("text_entities"))
    service = record.get("type") == "service"
    kind = "system" if service else "text"
    if not service and not text and any(key in record for key in _MEDIA_KEYS):
        kind = "media"
    if service and not text:
        text = " ".join(str(part) for part in (record.get("actor"), record.get("action")) if part)
    sender = (
        record.get("actor" if service else "from") or record.get("actor_id" if service else "from_id") or ""
    )
    return ChatMessage(
        line=index,
        at=at,
        sender="" if service else str(sender),
        text=text,
        kind=kind,
        edited="edited" in record or "edited_unixtime" in record,
        thread_key=chat_id,
        source_id=f"{chat_id}:{record.get('id', index)}",
        has_seconds=True,
        chat_title=str(chat.get("name") or ""),
    )


def _datetime(record: dict, tz: ZoneInfo) -> datetime | None:
    """Read date_unixtime (UTC seconds) or, failing that, the local ISO `date` in the requested zone."""
    try:
        if "date_unixtime" in record:
            return datetime.fromtimestamp(int(record["date_unixtime"]), tz)
        return datetime.fromisoformat(str(record["date"])).replace(tzinfo=tz)
    except (KeyError, ValueError, TypeError, OverflowError):
        return None


def flatten_text(value: Any) -> str:
    """Join Telegram's rich text (a string, or a list of strings and {"type","text"} entities) into plain text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, str | dict)
        )
    return str(value)
