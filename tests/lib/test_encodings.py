"""Specs for the encodings chat exports come in: read exactly, or read as Windows-1252 with a note."""

from __future__ import annotations

import zipfile
from zoneinfo import ZoneInfo

import pytest

from kenal.lib.chats import detect_source
from kenal.lib.chats.scan import ChatExport, Scan, scan_file

JAKARTA = ZoneInfo("Asia/Jakarta")
CHAT = (
    "02/03/26 09.15 - Ratna Sari: Halo mbak, café jam 10 ya ☕\n"
    "02/03/26 09.16 - Alice: Siap bu, sampai ketemu\n"
    "lanjut: naïve résumé\n"
)


def _texts(export: ChatExport) -> tuple[list[tuple[str, str]], list[dict], list[dict]]:
    scan = Scan(export)
    messages = [(message.sender, message.text) for message, _key in scan]
    return messages, scan.report.malformed, scan.report.notes


EXPECTED = [
    ("Ratna Sari", "Halo mbak, café jam 10 ya ☕"),
    ("Alice", "Siap bu, sampai ketemu\nlanjut: naïve résumé"),
]


@pytest.mark.parametrize(
    "data",
    [
        CHAT.encode("utf-8"),
        b"\xef\xbb\xbf" + CHAT.encode("utf-8"),
        CHAT.encode("utf-16"),  # with its byte order mark, as some iPhone exports
        CHAT.encode("utf-16-le"),  # and without it
        CHAT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "utf-16-le without BOM", "utf-16-be without BOM"],
)
def test_it_reads_unicode_exports_exactly_and_without_a_note(tmp_path, data):
    path = tmp_path / "WhatsApp Chat with Ratna Sari.txt"
    path.write_bytes(data)
    assert _texts(ChatExport(source="whatsapp", path=path, tz=JAKARTA)) == (EXPECTED, [], [])
    assert detect_source(path) == "whatsapp"


def test_a_utf_16_export_inside_a_zip_reads_the_same(tmp_path):
    path = tmp_path / "WhatsApp Chat with Ratna Sari.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("WhatsApp Chat with Ratna Sari.txt", CHAT.encode("utf-16"))
    assert _texts(ChatExport(source="whatsapp", path=path, tz=JAKARTA)) == (EXPECTED, [], [])


def test_a_windows_1252_export_is_read_as_such_with_a_note_naming_the_first_odd_line(tmp_path):
    text = CHAT.replace(" ☕", "")
    path = tmp_path / "WhatsApp Chat with Ratna Sari.txt"
    path.write_bytes(text.encode("cp1252"))
    messages, malformed, notes = _texts(ChatExport(source="whatsapp", path=path, tz=JAKARTA))
    assert messages == [("Ratna Sari", "Halo mbak, café jam 10 ya"), EXPECTED[1]]
    assert "\ufffd" not in "".join(text for _sender, text in messages)
    assert malformed == []
    assert notes == [{"line": 1, "message": "line 1 is not UTF-8: the file was read as Windows-1252"}]


def test_the_note_names_a_later_line_and_survives_into_the_dry_run_report(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_bytes(
        ("02/03/26 09.15 - Ratna Sari: Halo\n" * 3).encode()
        + "02/03/26 09.16 - Alice: Oké\n".encode("cp1252")
    )
    report = scan_file(ChatExport(source="whatsapp", path=path, tz=JAKARTA))
    assert report.messages == 4
    assert report.notes == [{"line": 4, "message": "line 4 is not UTF-8: the file was read as Windows-1252"}]
