"""The scan stage of an import: an export file read into fingerprinted messages and a report, no database.

A dry run is a scan and nothing else (`scan_file`); an import (`kenal.conversations.importer`) walks the same
scan and writes what it yields.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kenal.lib.chats import Malformed, fingerprint, parse
from kenal.lib.chats.base import ChatMessage

_CHAT_PREFIXES = (
    "WhatsApp Chat with ",
    "WhatsApp Chat - ",
    "Chat WhatsApp dengan ",
    "Chat WhatsApp - ",
    "WhatsApp-Chat mit ",
    "Chat de WhatsApp con ",
)
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|tr|trs|balas|bls|fw\.)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


@dataclass(frozen=True)
class ChatExport:
    """What to read: an export file (or email folder), its source, its time zone and the name it goes by."""

    source: str  # "whatsapp", "telegram" or "email"
    path: Path
    tz: ZoneInfo
    name: str = ""  # as the user knows it (an upload's name); the path when empty
    fmt: str | None = None  # a WhatsApp date order ("dmy", "mdy", "ymd") overriding detection

    @property
    def label(self) -> str:
        return self.name or str(self.path)

    @property
    def title(self) -> str:
        """The conversation's name when the messages carry none: a WhatsApp chat's, or the file's."""
        return chat_name(self.label) if self.source == "whatsapp" else Path(self.label).name

    @property
    def thread_key(self) -> str:
        """The thread of messages that carry none of their own: one per chat file."""
        return f"file:{self.title.casefold()}"


@dataclass
class FileReport:
    """What one file gave: the `--json` line and the upload page's report."""

    file: str
    messages: int = 0
    system: int = 0
    new: int = 0
    duplicates: int = 0
    first_at: str | None = None
    last_at: str | None = None
    participants: dict[str, int] = field(default_factory=dict)
    malformed: list[dict] = field(default_factory=list)
    import_file_id: int | None = None
    finished: bool = True  # False when a step of an upload stopped before the end of the file

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "messages": self.messages,
            "system": self.system,
            "new": self.new,
            "duplicates": self.duplicates,
            "first_at": self.first_at,
            "last_at": self.last_at,
            "participants": self.participants,
            "malformed": self.malformed,
        }


class Scan:
    """One pass over an export: iterate for (message, fingerprint) pairs; `report` fills in as it goes.

    Every message and system line is yielded, in file order; unreadable lines go to `report.malformed`
    instead. `read` counts the items yielded so far and `line` is the file line reached, for progress bars
    and for resuming after the items already stored. `report.new`/`duplicates` are left to the consumer.
    """

    def __init__(self, export: ChatExport):
        self.export = export
        self.report = FileReport(file=export.label)
        self.read = 0
        self.line = 0
        self._participants: Counter = Counter()
        self._first: ChatMessage | None = None
        self._last: ChatMessage | None = None

    def __iter__(self) -> Iterator[tuple[ChatMessage, str]]:
        report, participants = self.report, self._participants
        # Two identical messages in one minute are both real: the nth repeat gets its own fingerprint.
        repeat_at, repeats = None, Counter()
        for item in self._items():
            if isinstance(item, Malformed):
                report.malformed.append({"line": item.line, "message": item.message})
                continue
            key = fingerprint(item)
            if not item.source_id:
                if item.at != repeat_at:
                    repeat_at, repeats = item.at, Counter()
                repeats[key] += 1
                if repeats[key] > 1:
                    key = hashlib.sha1(f"{key}\x1f{repeats[key]}".encode()).hexdigest()
            if item.kind == "system":
                report.system += 1
            else:
                report.messages += 1
                participants[item.sender] += 1
                if self._first is None or item.at < self._first.at:
                    self._first = item
                if self._last is None or item.at >= self._last.at:
                    self._last = item
            self.read += 1
            yield item, key
        self._summarise()

    def _items(self) -> Iterator[ChatMessage | Malformed]:
        """The parser's items; a parser failure is reported at its line and keeps what was read before it."""
        export = self.export
        iterator = iter(parse(export.source, export.path, tz=export.tz, fmt=export.fmt))
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                return
            except Exception as error:  # noqa: BLE001 - a parser bug must never lose the messages already read
                self.report.malformed.append(
                    {"line": self.line + 1, "message": f"could not read further: {error}"}
                )
                return
            self.line = item.line
            yield item

    def _summarise(self) -> None:
        """Fill in the report's totals; called when the file is read, or by a consumer that stops early."""
        report, tz = self.report, self.export.tz
        report.participants = dict(self._participants)
        if self._first is not None and self._last is not None:
            report.first_at = local_iso(self._first.at, tz=tz, has_seconds=self._first.has_seconds)
            report.last_at = local_iso(self._last.at, tz=tz, has_seconds=self._last.has_seconds)

    def stop(self) -> FileReport:
        """The report of a scan its consumer stopped before the end of the file."""
        self._summarise()
        return self.report


def scan_file(export: ChatExport) -> FileReport:
    """A dry run: read the whole export and report it, counting repeated message ids inside the file."""
    scan = Scan(export)
    report = scan.report
    seen_ids: set[int] = set()
    for message, key in scan:
        if message.kind == "system":
            continue
        short = int(key[:16], 16)
        if message.source_id and short in seen_ids:
            report.duplicates += 1
        else:
            report.new += 1
            if message.source_id:
                seen_ids.add(short)
    return report


def count_items(export: ChatExport) -> int:
    """Messages and system lines in an export, for a progress bar's total (a parse without fingerprints)."""
    return sum(1 for item in Scan(export)._items() if not isinstance(item, Malformed))


def local_iso(at: datetime, *, tz: ZoneInfo, has_seconds: bool) -> str:
    """Local wall time as written in the export: seconds only when the export has them."""
    local = at.astimezone(tz).replace(tzinfo=None)
    return local.isoformat(timespec="seconds" if has_seconds else "minutes")


def chat_name(file_name: str) -> str:
    """The chat's name from a WhatsApp export's file name ("WhatsApp Chat with Ratna Sari.txt")."""
    stem = Path(file_name).name
    for suffix in (".zip", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    for prefix in _CHAT_PREFIXES:
        if stem.startswith(prefix):
            return stem[len(prefix) :].strip() or stem
    return stem.strip() or file_name


def subject_title(subject: str) -> str:
    """An email thread's title from a subject: "Re: Fwd: Rilis pers" is "Rilis pers"."""
    return _REPLY_PREFIX.sub("", subject or "").strip()


def message_title(message: ChatMessage) -> str:
    """The conversation title a message carries: a Telegram chat's name, or its email subject."""
    return getattr(message, "chat_title", "") or subject_title(getattr(message, "subject", ""))
