"""Specs for the scan stage of an import: an export read into fingerprinted messages and a report, no database.

None of these tests asks for the database: pytest-django refuses any query they would make.
"""

from __future__ import annotations

import json
import zipfile
from zoneinfo import ZoneInfo

from kenal.lib.chats.scan import ChatExport, Scan, count_items, scan_file

JAKARTA = ZoneInfo("Asia/Jakarta")
CHAT = (
    "02/03/26 09.15 - Pesan dan panggilan dienkripsi secara end-to-end.\n"
    "02/03/26 09.15 - Yuna Kristina: Halo mbak, rilisnya kapan ya?\n"
    "02/03/26 10.15 - Alice: Oke bu, besok jam 10\n"
    "02/03/26 10.15 - Alice: Oke bu, besok jam 10\n"
    "02/03/26 11.00 - Yuna Kristina: Susunan acara:\n2. Sambutan 11.00\n"
    "03/03/26 08.30 - Yuna Kristina: Mbak, sudah ada kabar?\n"
)


def _export(tmp_path, text=CHAT, name="WhatsApp Chat with Yuna Kristina.txt", source="whatsapp"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ChatExport(source=source, path=path, tz=JAKARTA)


def test_a_dry_run_reports_the_whole_file(tmp_path):
    report = scan_file(_export(tmp_path))
    assert (report.messages, report.system, report.new, report.duplicates) == (5, 1, 5, 0)
    assert report.participants == {"Yuna Kristina": 3, "Alice": 2}
    assert (report.first_at, report.last_at) == ("2026-03-02T09:15", "2026-03-03T08:30")
    assert report.malformed == []
    assert report.file.endswith("WhatsApp Chat with Yuna Kristina.txt")


def test_it_yields_every_message_and_system_line_in_file_order_with_a_fingerprint(tmp_path):
    scan = Scan(_export(tmp_path))
    pairs = list(scan)
    assert [message.kind for message, _key in pairs] == ["system", "text", "text", "text", "text", "text"]
    assert [message.line for message, _key in pairs] == [1, 2, 3, 4, 5, 7]
    assert all(len(key) == 40 for _message, key in pairs)
    assert (scan.read, scan.line) == (6, 7)


def test_two_identical_messages_in_one_minute_get_two_fingerprints_the_same_on_every_scan(tmp_path):
    export = _export(tmp_path)
    keys = [key for _message, key in Scan(export)]
    assert len(set(keys)) == len(keys)
    assert [key for _message, key in Scan(export)] == keys


def test_a_consumer_that_stops_early_gets_the_report_so_far(tmp_path):
    scan = Scan(_export(tmp_path))
    for _message, _key in scan:
        if scan.read == 3:
            break
    report = scan.stop()
    assert (report.messages, report.system) == (2, 1)
    assert report.participants == {"Yuna Kristina": 1, "Alice": 1}
    assert report.last_at == "2026-03-02T10:15"


def test_unreadable_lines_are_reported_with_their_number_and_the_rest_is_kept(tmp_path):
    report = scan_file(_export(tmp_path, "hello there\n" + CHAT))
    assert report.malformed == [{"line": 1, "message": report.malformed[0]["message"]}]
    assert report.messages == 5


def test_a_parser_that_gives_up_is_reported_not_raised(tmp_path):
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"not a chat")
    report = scan_file(ChatExport(source="whatsapp", path=path, tz=JAKARTA))
    assert report.messages == 0
    assert report.malformed == [
        {"line": 1, "message": "could not read further: the zip holds no .txt chat export"}
    ]


def test_a_truncated_telegram_export_keeps_the_messages_before_the_cut(tmp_path):
    message = {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna", "text": "Halo"}
    whole = json.dumps({"name": "Ratna", "id": 5, "messages": [message, {**message, "id": 2}]})
    report = scan_file(_export(tmp_path, whole[:-30], name="result.json", source="telegram"))
    assert report.messages == 1
    assert report.malformed and report.malformed[0]["line"] == 2


def test_a_dry_run_counts_a_repeated_message_id_inside_the_file_as_a_duplicate(tmp_path):
    message = {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna", "text": "Halo"}
    text = json.dumps({"name": "Ratna", "id": 5, "messages": [message, message, {**message, "id": 2}]})
    report = scan_file(_export(tmp_path, text, name="result.json", source="telegram"))
    assert (report.messages, report.new, report.duplicates) == (3, 2, 1)


def test_counting_items_counts_messages_and_system_lines_not_unreadable_ones(tmp_path):
    assert count_items(_export(tmp_path, "hello there\n" + CHAT)) == 6


def test_a_zipped_export_scans_like_the_text_inside(tmp_path):
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("WhatsApp Chat with Yuna Kristina.txt", CHAT)
    zipped = [key for _message, key in Scan(ChatExport(source="whatsapp", path=path, tz=JAKARTA))]
    assert zipped == [key for _message, key in Scan(_export(tmp_path))]


def test_an_export_names_its_chat_and_thread_from_the_file_name(tmp_path):
    export = ChatExport(
        source="whatsapp", path=tmp_path / "x.txt", tz=JAKARTA, name="Chat WhatsApp dengan Bu Ratna.txt"
    )
    assert (export.title, export.thread_key) == ("Bu Ratna", "file:bu ratna")
    mail = ChatExport(source="email", path=tmp_path / "inbox.mbox", tz=JAKARTA)
    assert (mail.label, mail.title) == (str(tmp_path / "inbox.mbox"), "inbox.mbox")
