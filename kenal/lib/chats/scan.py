"""The scan stage of an import: an export file read into fingerprinted messages and a report, no database.

A dry run is a scan and nothing else (`scan_file`); an import (`kenal.conversations.importer`) walks the same
scan and writes what it yields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kenal.lib.chats import Malformed, fingerprint, parse
from kenal.lib.chats.base import MAX_TEXT, ChatMessage, Note

_CHAT_PREFIXES = (
    "WhatsApp Chat with ",
    "WhatsApp Chat - ",
    "Chat WhatsApp dengan ",
    "Chat WhatsApp - ",
    "WhatsApp-Chat mit ",
    "Chat de WhatsApp con ",
)
MAX_PARTICIPANTS = (
    10_000  # senders counted in a report; a file naming more is not a chat, and memory stays bounded
)
# Distinct messages remembered within one moment, to tell identical repeats apart: a real minute holds a few;
# a hostile file with a million messages stamped 09:15 must not hold them all.
MAX_REPEATS = 10_000
MAX_SEEN_IDS = 500_000  # message ids a dry run remembers to count repeats inside the file (about 40 MB)
MAX_PROBLEMS = 1000  # unreadable lines (and notes) listed one by one; past it, one line says how many more
# C0 control characters but tab and newlines, and DEL: PostgreSQL refuses NUL in text, the rest is noise.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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

    def chat_names(self) -> list[str]:
        """The names a WhatsApp export gives its chat: its own name's, and the chat file's inside a zip."""
        if self.source != "whatsapp":
            return []
        names = [_named_chat(self.label)]
        if zipfile.is_zipfile(self.path):
            with zipfile.ZipFile(self.path) as archive:
                names += [_named_chat(name) for name in archive.namelist() if name.lower().endswith(".txt")]
        return [name for name in names if name]

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
    notes: list[dict] = field(
        default_factory=list
    )  # what was changed to read the file: cuts, dropped characters
    me: str | None = None  # the sender taken as the user, when known
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
            "notes": self.notes,
            "me": self.me,
        }

    def problem(self, kind: str, line: int, message: str) -> None:
        """Add an unreadable line ("malformed") or a note ("notes"), keeping each list bounded."""
        problems = getattr(self, kind)
        if len(problems) < MAX_PROBLEMS:
            problems.append({"line": line, "message": message})
        elif len(problems) == MAX_PROBLEMS:
            problems.append({"line": line, "message": f"and more from line {line} on, not listed"})


class Scan:
    """One pass over an export: iterate for (message, fingerprint) pairs; `report` fills in as it goes.

    Every message and system line is yielded, in file order; unreadable lines go to `report.malformed`
    instead. `read` counts the items yielded so far and `line` is the file line reached, for progress bars
    and for resuming after the items already stored. `report.new`/`duplicates` are left to the consumer.
    """

    def __init__(self, export: ChatExport, *, fingerprints: bool = True):
        self.export = export
        # A dry run needs no fingerprint for messages without ids (WhatsApp's): they were a third of its time.
        self.fingerprints = fingerprints
        self.report = FileReport(file=export.label)
        self.read = 0
        self.line = 0
        self._participants: Counter = Counter()
        self._too_many = False  # senders past MAX_PARTICIPANTS were met
        self._first: ChatMessage | None = None
        self._last: ChatMessage | None = None

    def __iter__(self) -> Iterator[tuple[ChatMessage, str]]:
        report, participants = self.report, self._participants
        control, fingerprints = _CONTROL.search, self.fingerprints
        # Two identical messages in one minute are both real: the nth repeat gets its own fingerprint.
        repeat_at, repeats = None, {}
        first_at = last_at = None
        for item in self._items():
            self.line = item.line
            if item.__class__ is not ChatMessage:
                report.problem(
                    "malformed" if isinstance(item, Malformed) else "notes", item.line, item.message
                )
                continue
            if (
                control(item.text)
                or (item.sender not in participants and control(item.sender))  # a sender seen is clean
                or len(item.text) > MAX_TEXT
                or (item.source_id and control(_extras(item)))
            ):
                item = self._cleaned(item)
            if item.source_id:
                key = fingerprint(item)
            elif not fingerprints:
                key = ""
            else:
                key = fingerprint(item)
                # A dict per moment, not a Counter: building a Counter per minute cost a tenth of a dry run.
                if item.at != repeat_at:
                    repeat_at, repeats = item.at, {key: 1}
                elif key in repeats or len(repeats) < MAX_REPEATS:
                    repeat = repeats[key] = repeats.get(key, 0) + 1
                    if repeat > 1:
                        key = hashlib.sha1(f"{key}\x1f{repeat}".encode()).hexdigest()
            if item.kind == "system":
                report.system += 1
            else:
                report.messages += 1
                if item.sender in participants or len(participants) < MAX_PARTICIPANTS:
                    participants[item.sender] += 1
                elif not self._too_many:
                    self._too_many = True
                    report.problem(
                        "notes", item.line, f"more than {MAX_PARTICIPANTS:,} senders: the rest are not listed"
                    )
                at = item.at
                if last_at is None or at >= last_at:
                    self._last, last_at = item, at
                if first_at is None or at < first_at:
                    self._first, first_at = item, at
            self.read += 1
            yield item, key
        self._summarise()

    def _cleaned(self, item: ChatMessage) -> ChatMessage:
        """The message without control characters, its text cut at MAX_TEXT; each change noted."""
        fields = {name: getattr(item, name) for name in _TEXT_FIELDS}
        if any(_CONTROL.search(value) for value in fields.values()):
            fields = {name: _CONTROL.sub("", value) for name, value in fields.items()}
            self.report.problem("notes", item.line, "control characters (such as NUL) dropped")
        if len(fields["text"]) > MAX_TEXT:
            fields["text"] = fields["text"][:MAX_TEXT]
            self.report.problem("notes", item.line, f"message text cut at {MAX_TEXT:,} characters")
        return dataclasses.replace(item, **fields)

    def _items(self) -> Iterator[ChatMessage | Malformed | Note]:
        """The parser's items; a parser failure is reported at its line and keeps what was read before it."""
        export = self.export
        try:
            # yield from, not a loop: no Python step per item. The consumer keeps `line` up to date.
            yield from parse(export.source, export.path, tz=export.tz, fmt=export.fmt)
        except Exception as error:  # noqa: BLE001 - a parser bug must never lose the messages already read
            self.report.problem("malformed", self.line + 1, f"could not read further: {error}")

    def _summarise(self) -> None:
        """Fill in the report's totals; called when the file is read, or by a consumer that stops early."""
        report, tz = self.report, self.export.tz
        report.participants = dict(self._participants)
        if report.me is None:
            report.me = me_by_chat_name(self.export.chat_names(), report.participants)
        if self._first is not None and self._last is not None:
            report.first_at = local_iso(self._first.at, tz=tz, has_seconds=self._first.has_seconds)
            report.last_at = local_iso(self._last.at, tz=tz, has_seconds=self._last.has_seconds)

    def stop(self) -> FileReport:
        """The report of a scan its consumer stopped before the end of the file."""
        self._summarise()
        return self.report


_TEXT_FIELDS = ("text", "sender", "sender_address", "raw", "thread_key", "source_id", "chat_title", "subject")


def _extras(item: ChatMessage) -> str:
    """The text fields of a message from a source with ids (Telegram, email), besides text and sender."""
    return "".join(
        [item.sender_address, item.raw, item.thread_key, item.source_id, item.chat_title, item.subject]
    )


def scan_file(export: ChatExport) -> FileReport:
    """A dry run: read the whole export and report it, counting repeated message ids inside the file."""
    scan = Scan(export, fingerprints=False)
    report = scan.report
    seen_ids: set[int] = set()
    for message, key in scan:
        # Only messages with ids have a key in a dry run: the rest are new by definition.
        if key and message.kind != "system":
            short = int(key[:16], 16)
            if short in seen_ids:
                report.duplicates += 1
            elif len(seen_ids) < MAX_SEEN_IDS:
                seen_ids.add(short)
    report.new = report.messages - report.duplicates
    return report


def count_items(export: ChatExport) -> int:
    """Messages and system lines in an export, for a progress bar's total (a parse without fingerprints)."""
    return sum(1 for item in Scan(export)._items() if isinstance(item, ChatMessage))


def me_by_chat_name(chat_names: Iterable[str], senders: Iterable[str]) -> str | None:
    """In a one-to-one chat the export is named after the other side: the sender it does not name is me.

    "WhatsApp Chat with Bu Ratna.txt" (or "Chat WhatsApp dengan Bu Ratna.txt") with senders Bu Ratna and
    Sari: Sari is me. None when the chat has more or fewer than two senders, or its name is neither.
    """
    names = {name.casefold().strip() for name in chat_names}
    senders = [sender for sender in senders if sender]
    if len(senders) != 2:
        return None
    others = [sender for sender in senders if sender.casefold().strip() not in names]
    return others[0] if len(others) == 1 else None


def me_in_export(export: ChatExport) -> str | None:
    """Who is me by the chat's name, read before an import; stops reading at a group's third sender."""
    names = export.chat_names()
    if not names:
        return None
    senders: set[str] = set()
    for item in Scan(export)._items():
        if isinstance(item, ChatMessage) and item.kind != "system" and item.sender:
            senders.add(item.sender)
            if len(senders) > 2:
                return None
    return me_by_chat_name(names, senders)


def _named_chat(file_name: str) -> str:
    """The other side's name when a file is named the way WhatsApp names a chat export, else ""."""
    name = chat_name(file_name)
    return name if name != Path(file_name).name and name != Path(file_name).stem else ""


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
