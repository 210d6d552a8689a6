"""Specs for reading hostile or broken exports: bounded memory, clear refusals, nothing silently lost.

Every file is written by the test; none of these tests touches the database.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kenal.lib.chats import mail
from kenal.lib.chats.base import MAX_TEXT, bounded_lines, line_batches
from kenal.lib.chats.scan import MAX_PROBLEMS, ChatExport, Scan, scan_file

JAKARTA = ZoneInfo("Asia/Jakarta")
HEADER = "02/03/26 09.15 - Yuna Kristina: "


def _whatsapp(tmp_path, text: str, name: str = "WhatsApp Chat with Yuna.txt") -> ChatExport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA)


def _zipped(tmp_path, member: str, text: str) -> ChatExport:
    path = tmp_path / "WhatsApp Chat with Yuna.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(member, text)
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA)


def test_it_refuses_a_zip_member_that_would_unpack_past_500_mb_before_reading_it(tmp_path):
    export = _zipped(tmp_path, "WhatsApp Chat with Yuna.txt", HEADER + "Halo\n")
    data = bytearray(export.path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory, which zipfile trusts for the size
    struct.pack_into("<I", data, entry + 24, 600 * 1024 * 1024)
    export.path.write_bytes(bytes(data))
    report = scan_file(export)
    assert report.messages == 0
    assert report.malformed == [
        {
            "line": 1,
            "message": "could not read further: WhatsApp Chat with Yuna.txt in the zip unpacks to 600 MB, "
            "over the limit of 500 MB",
        }
    ]


def test_it_refuses_a_zip_bomb_by_its_compression_ratio(tmp_path):
    export = _zipped(tmp_path, "chat.txt", (HEADER + "a" * 1000 + "\n") * 20_000)  # 20 MB in about 60 KB
    report = scan_file(export)
    assert report.messages == 0
    [problem] = report.malformed
    assert "times its packed size" in problem["message"] and "zip bomb" in problem["message"]


def test_an_ordinary_zipped_chat_is_not_taken_for_a_bomb(tmp_path):
    lines = [
        f"02/03/26 09.{minute % 60:02d} - Yuna Kristina: pesan {minute} soal rilis"
        for minute in range(60_000)
    ]
    report = scan_file(_zipped(tmp_path, "WhatsApp Chat with Yuna.txt", "\n".join(lines)))
    assert report.messages == 60_000 and report.malformed == []


def test_a_huge_line_is_cut_at_65536_characters_and_the_cut_reported(tmp_path):
    text = HEADER + "x" * 3_000_000 + "\n" + "02/03/26 09.16 - Alice: Oke\n"
    scan = Scan(_whatsapp(tmp_path, text))
    messages = [message for message, _key in scan]
    assert [len(message.text) for message in messages] == [MAX_TEXT, 3]
    assert scan.report.notes == [{"line": 1, "message": "message text cut at 65,536 characters"}]


def test_a_message_of_many_lines_is_cut_too(tmp_path):
    text = HEADER + "mulai\n" + "baris panjang sekali\n" * 20_000 + "02/03/26 09.16 - Alice: Oke\n"
    scan = Scan(_whatsapp(tmp_path, text))
    first, second = (message for message, _key in scan)
    assert len(first.text) == MAX_TEXT and first.text.startswith("mulai\nbaris")
    assert second.text == "Oke" and second.line == 20_002
    assert scan.report.notes[0]["line"] == 1


def test_nul_and_control_characters_are_dropped_with_a_note(tmp_path):
    text = HEADER + "Halo\x00 mbak\x07, rilis\tbesok\n02/03/26 09.16 - Ali\x00ce: Oke\n"
    scan = Scan(_whatsapp(tmp_path, text))
    messages = [message for message, _key in scan]
    assert [(m.sender, m.text) for m in messages] == [
        ("Yuna Kristina", "Halo mbak, rilis\tbesok"),
        ("Alice", "Oke"),
    ]
    assert scan.report.notes == [
        {"line": 1, "message": "control characters (such as NUL) dropped"},
        {"line": 2, "message": "control characters (such as NUL) dropped"},
    ]


def test_nul_in_a_telegram_chat_name_is_dropped_too(tmp_path):
    path = tmp_path / "result.json"
    record = {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna", "text": "Halo"}
    path.write_text(json.dumps({"name": "Tim\u0000 Rilis", "id": 5, "messages": [record]}), encoding="utf-8")
    [(message, _key)] = list(Scan(ChatExport(source="telegram", path=path, tz=JAKARTA)))
    assert message.chat_title == "Tim Rilis"


def test_deep_telegram_nesting_is_refused_at_its_message_after_keeping_the_ones_before(tmp_path):
    good = {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna", "text": "Halo"}
    deep = (
        '{"id": 3, "type": "message", "date_unixtime": "1772416900", "text": ' + "[" * 100_000 + "]" * 100_000
    )
    text = (
        '{"name": "Ratna", "id": 5, "messages": [' + json.dumps(good) + ", " + json.dumps({**good, "id": 2})
    )
    path = tmp_path / "result.json"
    path.write_text(text + ", " + deep + "}, " + json.dumps({**good, "id": 4}) + "]}", encoding="utf-8")
    report = scan_file(ChatExport(source="telegram", path=path, tz=JAKARTA))
    assert report.messages == 2
    assert report.malformed == [
        {
            "line": 3,
            "message": "message 3 is nested deeper than 64 levels: refused there; the messages before it are kept",
        }
    ]


def test_a_program_is_not_taken_for_an_email(tmp_path):
    path = tmp_path / "ls"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)
    report = scan_file(ChatExport(source="email", path=path, tz=JAKARTA))
    assert report.messages == 0
    assert report.malformed == [
        {
            "line": 1,
            "message": f"{path}: not an email (no mbox 'From ' line, and none of the headers From, Date, "
            "Message-ID…)",
        }
    ]


def test_an_email_too_large_is_skipped_and_the_next_one_read(tmp_path, monkeypatch):
    monkeypatch.setattr(mail, "MAX_EMAIL_BYTES", 10_000)
    one = "From: Ratna <ratna@example.com>\nSubject: {subject}\nMessage-ID: <{id}@x>\nDate: Mon, 2 Mar 2026 09:00:00 +0700\n\n{body}\n"
    path = tmp_path / "inbox.mbox"
    path.write_text(
        "From ratna@example.com Mon Mar  2 09:00:00 2026\n"
        + one.format(subject="Besar", id="a", body="x" * 50_000)
        + "\nFrom ratna@example.com Mon Mar  2 10:00:00 2026\n"
        + one.format(subject="Kecil", id="b", body="Halo"),
        encoding="utf-8",
    )
    report = scan_file(ChatExport(source="email", path=path, tz=JAKARTA))
    assert report.messages == 1
    assert report.malformed == [{"line": 1, "message": f"{path}: an email over 0 MB, skipped"}]


def test_unreadable_lines_are_listed_up_to_a_bound(tmp_path):
    report = scan_file(_whatsapp(tmp_path, "bukan chat\n" * (MAX_PROBLEMS + 500) + HEADER + "Halo\n"))
    assert report.messages == 1
    assert len(report.malformed) == MAX_PROBLEMS + 1
    assert report.malformed[-1]["message"] == f"and more from line {MAX_PROBLEMS + 1} on, not listed"


@pytest.mark.parametrize("source", ["whatsapp", "telegram", "email"])
def test_an_empty_file_reads_as_nothing_without_an_error_escaping(tmp_path, source):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    report = scan_file(ChatExport(source=source, path=path, tz=JAKARTA))
    assert report.messages == 0


@given(
    text=st.text(alphabet="ab\n", max_size=60),
    limit=st.integers(min_value=2, max_value=9),
    size=st.integers(min_value=1, max_value=12),
)
def test_lines_split_a_chunk_at_a_time_are_the_bounded_lines(text, limit, size):
    """The parser's fast line splitter cuts and drops exactly what the line-by-line reader does."""
    expected = [line.rstrip("\n") for line in bounded_lines(io.StringIO(text), limit=limit)]
    batches = line_batches(io.StringIO(text), limit=limit, size=size)
    assert [line for batch in batches for line in batch] == expected


@given(
    seconds=st.integers(min_value=0, max_value=600_000_000),
    micro=st.integers(min_value=0, max_value=999_999),
    zone=st.sampled_from(["Asia/Jakarta", "UTC", "America/New_York", "Asia/Kolkata"]),
)
def test_fingerprints_stay_what_earlier_imports_stored(seconds, micro, zone):
    """The faster stamp must give every message the fingerprint it had, or a re-import would duplicate it."""
    import hashlib
    from datetime import UTC, datetime, timedelta

    from kenal.lib.chats.base import ChatMessage, fingerprint

    at = datetime(2009, 1, 1, tzinfo=ZoneInfo(zone)) + timedelta(seconds=seconds, microseconds=micro)
    message = ChatMessage(line=1, at=at, sender="Sari", text="oke", kind="text", edited=False)
    stamp = at.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = hashlib.sha1(f"msg\x1f{stamp}\x1fSari\x1foke".encode()).hexdigest()
    assert fingerprint(message) == before
    assert fingerprint(message) == before  # the remembered stamp too


def test_a_file_of_countless_senders_lists_a_bounded_number_of_them(tmp_path, monkeypatch):
    monkeypatch.setattr("kenal.lib.chats.scan.MAX_PARTICIPANTS", 3)
    path = tmp_path / "chat.txt"
    path.write_text("".join(f"02/03/26 09.{n:02d} - Pengirim {n}: oke\n" for n in range(6)), encoding="utf-8")
    report = scan_file(ChatExport(source="whatsapp", path=path, tz=ZoneInfo("Asia/Jakarta")))
    assert report.messages == 6  # every message is still read
    assert list(report.participants) == ["Pengirim 0", "Pengirim 1", "Pengirim 2"]
    assert report.notes == [{"line": 4, "message": "more than 3 senders: the rest are not listed"}]
