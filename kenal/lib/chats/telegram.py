"""Streaming parser for Telegram Desktop JSON exports (one chat, or a whole account)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from kenal.lib.chats.base import ChatMessage, Malformed, ParseResult, Source

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
    for event, value in ijson.basic_parse(stream, use_float=True):
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
