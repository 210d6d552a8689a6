"""Find the promises (commitments) in a conversation: who owes what, and by when.

Pure Python, no database. `python -m kenal.lib.promises INPUT.jsonl -o OUTPUT.jsonl` reads the
thread format of shared/eval/COMMITMENTS.md and writes one prediction line per thread.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from kenal.lib.promise_cues import (
    ALL_CUES,
    ClauseCues,
    language_of,
    read_clause,
    split_clauses,
    strip_greeting,
)
from kenal.lib.promise_replies import suggest_reply
from kenal.lib.timeexpr import MINUTE, NO_DUE, Due, is_asap, resolve, without_time_words

__all__ = ["Commitment", "Message", "extract", "extract_file", "main", "suggest_reply"]

LOOKBACK = 6  # messages to search back for the request a reply answers
OTHER, REQUEST, COMMIT = "other", "request", "commit"


@dataclass(frozen=True)
class Message:
    """One chat message: when, from whom ('me' or 'them'), and what was said."""

    at: datetime
    sender: str
    text: str


@dataclass(frozen=True)
class Commitment:
    """A promise taken on in message `message` by `debtor`."""

    message: int
    debtor: str
    due: Due
    what: str
    language: str
    made_at: datetime

    @property
    def vague(self) -> bool:
        """Anything but a clock time is vague."""
        return self.due.vague

    def as_dict(self) -> dict:
        """The prediction row the scorer reads, plus the ledger's extras."""
        return {
            "message": self.message,
            "debtor": self.debtor,
            "due": self.due.value,
            "precision": self.due.precision,
            "vague": self.vague,
            "what": self.what,
            "language": self.language,
            "reply": suggest_reply(self),
        }


@dataclass(frozen=True)
class Reading:
    """One message, read: its clauses with their cues and resolved times."""

    clauses: tuple[tuple[ClauseCues, Due], ...]
    role: str = OTHER

    def promise_clause(self, answering: bool) -> ClauseCues | None:
        """The first clause that takes on an action (a bare 'I + time' only in reply to a request)."""
        for cues, due in self.clauses:
            if cues.promissory or (answering and _pronoun_with_time(cues, due)):
                return cues
        return None

    def best_due(self, answering: bool) -> Due:
        """The due of the clause most likely to carry the promise; NO_DUE if no clause has one."""
        best, best_score = NO_DUE, 0
        for cues, due in self.clauses:
            if due.precision == "none" or not cues.usable_for_time:
                continue
            score = _time_score(cues, due, answering)
            if score > best_score:
                best, best_score = due, score
        return best

    def clause_of(self, due: Due) -> ClauseCues | None:
        """The clause whose time is `due`."""
        return next((cues for cues, clause_due in self.clauses if clause_due == due), None)

    def request_due(self) -> Due:
        """The deadline a request names, preferring the clause that asks."""
        best, best_score = NO_DUE, 0
        for cues, due in self.clauses:
            if due.precision == "none" or cues.social or (cues.done and not cues.strong_request):
                continue
            score = 2 if (cues.strong_request or cues.soft_request) else 1
            if score > best_score:
                best, best_score = due, score
        return best

    def is_request(self) -> bool:
        """Does the message ask the other side to do something?"""
        return any(
            c.strong_request or (c.soft_request and not c.done) for c, _ in self.clauses if not c.social
        )

    def accepts(self) -> bool:
        """Does a clause say yes ('oke', 'siap kak', 'noted')?"""
        return any(c.accept and not c.negated for c, _ in self.clauses)


def _time_score(cues: ClauseCues, due: Due, answering: bool) -> int:
    """Rank clauses for whose time is the promise's: a promise, then a counter-question, then 'I + time'."""
    if cues.promissory:
        return 4
    if answering and cues.question:
        return 3
    return 2 if _pronoun_with_time(cues, due) else 1


def _pronoun_with_time(cues: ClauseCues, due: Due) -> bool:
    """'Kamis jam 2 siang sy ke toko ya': a first person and a time, stated not asked."""
    return (
        cues.pronoun
        and due.precision != "none"
        and cues.usable_for_time
        and not cues.question
        and not cues.soft_request
    )


def read_message(message: Message, zone: tzinfo) -> Reading:
    """Split a message into clauses and read each one."""
    clauses = []
    for raw in split_clauses(message.text):
        clause = strip_greeting(raw)
        if clause:
            cues, due = read_clause(clause), resolve(clause, message.at, zone)
            if cues.done and due.precision == MINUTE and due.at > message.at:
                # "Jam 10 sy sudah di kantor": already there by a time still to come is a plan, not a report.
                cues = replace(cues, done=False)
            clauses.append((cues, due))
    return Reading(tuple(clauses))


def extract(messages: Sequence[Message], zone: tzinfo | str) -> list[Commitment]:
    """Find the commitments in one thread, in message order."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    readings: list[Reading | None] = []
    found: list[Commitment] = []
    thread_language = language_of(" ".join(m.text for m in messages)) or "en"
    for index, message in enumerate(messages):
        if not ALL_CUES.search(message.text.lower()):
            readings.append(None)  # chit-chat: no time, no cue, nothing to parse
            continue
        reading = read_message(message, zone)
        commitment = _commitment(index, messages, readings, reading, thread_language, zone)
        role = COMMIT if commitment else REQUEST if reading.is_request() else OTHER
        readings.append(Reading(reading.clauses, role))
        if commitment:
            found.append(commitment)
    return found


def _commitment(
    index: int,
    messages: Sequence[Message],
    readings: list[Reading | None],
    reading: Reading,
    thread_language: str,
    zone: tzinfo,
) -> Commitment | None:
    """Decide whether message `index` takes on a promise, and with what due."""
    message = messages[index]
    request_index = _pending_request(index, messages, readings)
    promise = reading.promise_clause(answering=request_index is not None)
    due = reading.best_due(answering=request_index is not None)
    what = promise.text if promise else ""
    if request_index is not None and due.precision == MINUTE:
        due = _on_asked_day(due, reading, readings[request_index], message, zone)
    if promise is None:
        if request_index is None:
            return None
        # A time stated in reply to a request is a promise or a counter-proposal ("Senin gpp?").
        if due.precision == "none" and not (
            reading.accepts() and _unanswered(index, request_index, messages, readings)
        ):
            return None
    if due.precision == "none" and request_index is not None and not is_asap(message.text):
        if _unanswered(index, request_index, messages, readings):
            due = readings[request_index].request_due()
    if not what and request_index is not None:
        what = _request_text(readings[request_index])
    language = language_of(message.text) or thread_language
    title = promise_title(what or message.text)
    if len(title.split()) < 2 and request_index is not None:
        title = promise_title(_request_text(readings[request_index])) or title
    return Commitment(index, message.sender, due, _short(title or what or message.text), language, message.at)


def _on_asked_day(due: Due, reading: Reading, request: Reading, message: Message, zone: tzinfo) -> Due:
    """'Besok jadi jam 10?' – 'jam 10 sy sudah di sana': a clock time echoed in a reply is on the day asked for.

    Only a request with a clock time of its own counts: its day is the one the two sides are talking about,
    where a bare day in a request may be about something else ("materi utk klien bsk, bisa hari ini?").
    """
    asked = request.request_due()
    if asked.at is None or asked.precision != MINUTE:
        return due
    asked_day = asked.at.astimezone(zone).date()
    if asked_day <= message.at.astimezone(zone).date():
        return due
    clause = reading.clause_of(due)
    return resolve(clause.text, message.at, zone, default_day=asked_day) if clause else due


def _pending_request(index: int, messages: Sequence[Message], readings: list[Reading | None]) -> int | None:
    """The latest request from the other side that this message may answer."""
    sender = messages[index].sender
    for back in range(index - 1, max(-1, index - 1 - LOOKBACK), -1):
        reading = readings[back]
        if messages[back].sender == sender or reading is None or reading.role == OTHER:
            continue
        return back if reading.role == REQUEST else None
    return None


def _unanswered(
    index: int, request_index: int, messages: Sequence[Message], readings: list[Reading | None]
) -> bool:
    """No promise from this side since the request: a second 'oke' is not a second promise."""
    sender = messages[index].sender
    return not any(
        messages[j].sender == sender and readings[j] is not None and readings[j].role == COMMIT
        for j in range(request_index + 1, index)
    )


def _request_text(reading: Reading) -> str:
    for cues, _due in reading.clauses:
        if cues.strong_request or cues.soft_request:
            return cues.text
    return reading.clauses[0][0].text if reading.clauses else ""


# What leads into a promise or a request and says nothing of the action itself.
_LEADS = (
    "oke ok okay siap sip baik noted sure yes iya bisa boleh jadi insyaallah maaf sorry so sy saya aku aq gue "
    "gw kami kita i we akan bakal pasti coba usahakan diusahakan segera tolong tlg mohon minta please pls kak "
    "kakak mas mbak pak bu bapak ibu bang dik guys hi hai halo"
).split() + [
    "insya allah",
    "i'll",
    "we'll",
    "i will",
    "we will",
    "i'm going to",
    "we're going to",
    "i can",
    "we can",
    "let me",
    "let us",
    "could you",
    "can you",
    "would you",
    "will you",
]
_LEAD_WORDS = re.compile(
    r"^(?:(?:" + "|".join(sorted(map(re.escape, _LEADS), key=len, reverse=True)) + r")(?![\w'])[\s,!.]*)+",
    re.IGNORECASE,
)
_TRAIL_WORDS = re.compile(
    r"(?:[\s,]+(?:ya|yaa|yah|yg|kak|kakak|mas|mbak|pak|bu|bapak|ibu|bang|dong|deh|nih|sih|aja|saja|ok|oke|"
    r"guys|sy|saya|kami|pasti))+[\s.!?,]*$|[\s.!?,]+$",
    re.IGNORECASE,
)


def promise_title(text: str) -> str:
    """A title that stays true tomorrow: the action without its time words ("Kirim", not "besok sy kirim")."""
    title = without_time_words(text)
    for _ in range(2):  # leads and trails can nest: "siap kak, sy kirim ya kak"
        title = _TRAIL_WORDS.sub("", _LEAD_WORDS.sub("", title)).strip()
    return title[:1].upper() + title[1:]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parse_thread(row: dict) -> tuple[list[Message], str]:
    """Messages and time zone from one thread row; KeyError/ValueError on a malformed row."""
    zone = row.get("timezone") or "UTC"
    ZoneInfo(zone)
    messages = []
    for item in row["messages"]:
        at = datetime.fromisoformat(item["at"])
        if at.tzinfo is None:
            raise ValueError(f"message time {item['at']!r} has no offset")
        if item["from"] not in ("me", "them"):
            raise ValueError(f"'from' must be 'me' or 'them', got {item['from']!r}")
        messages.append(Message(at, item["from"], str(item.get("text") or "")))
    return messages, zone


def predict_lines(lines: Iterable[str], source: str, errors: TextIO | None = None) -> Iterable[str]:
    """Turn thread lines into prediction lines; report a bad line as `source:LINE: why` and go on."""
    errors = errors or sys.stderr
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            messages, zone = parse_thread(row)
            commitments = extract(messages, zone)
            yield json.dumps(
                {"id": row.get("id"), "commitments": [c.as_dict() for c in commitments]}, ensure_ascii=False
            )
        except json.JSONDecodeError as error:
            print(f"{source}:{number}: not JSON: {error}", file=errors)
        except KeyError as error:
            print(f"{source}:{number}: missing key {error}", file=errors)
        except Exception as error:  # noqa: BLE001 - one bad thread must not stop the file
            print(f"{source}:{number}: {error}", file=errors)


def extract_file(input_path: str | Path, output_path: str | Path, errors: TextIO | None = None) -> int:
    """Read threads from `input_path`, write predictions to `output_path`; return threads written."""
    written = 0
    with open(input_path, encoding="utf-8") as source, open(output_path, "w", encoding="utf-8") as target:
        for out in predict_lines(source, str(input_path), errors):
            target.write(out + "\n")
            written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: extract commitments from a JSONL file of threads."""
    parser = argparse.ArgumentParser(prog="python -m kenal.lib.promises", description=__doc__.splitlines()[0])
    parser.add_argument("input", help="threads, one JSON object a line")
    parser.add_argument("-o", "--output", required=True, help="where to write predictions")
    args = parser.parse_args(argv)
    try:
        written = extract_file(args.input, args.output)
    except OSError as error:
        print(f"{error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"{written} threads -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
