"""Every header format whatstk reads, generated and read back exactly: sender, text and time of each message.

The formats are whatstk 0.9.1's whatsapp/assets/header_format_support.json (all 96 marked auto_header),
frozen here so these tests run without whatstk. Each export has several senders, messages over several
lines, days above and below 12, in chronological order; the date order is detected from the whole file.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kenal.lib.chats.scan import ChatExport, Scan

JAKARTA = ZoneInfo("Asia/Jakarta")
SENDERS = ["Sari", "Bu Ratna", "Pak Budi Santoso", "+62 812-3456-7890"]
# whatstk 0.9.1, whatstk/whatsapp/assets/header_format_support.json, in its order.
WHATSTK_FORMATS = [
    "%y-%m-%d, %H:%M - %name:",
    "%y-%m-%d, %I:%M %p - %name:",
    "%y/%m/%d, %H:%M - %name:",
    "%y/%m/%d, %I:%M %p - %name:",
    "%y.%m.%d, %H:%M - %name:",
    "%y.%m.%d, %I:%M %p - %name:",
    "[%y-%m-%d %H:%M] %name:",
    "[%y-%m-%d %I:%M %p] %name:",
    "[%y/%m/%d %H:%M] %name:",
    "[%y/%m/%d %I:%M %p] %name:",
    "[%y.%m.%d %H:%M] %name:",
    "[%y.%m.%d %I:%M %p] %name:",
    "%y-%m-%d, %H:%M:%S - %name:",
    "%y-%m-%d, %I:%M:%S %p - %name:",
    "%y/%m/%d, %H:%M:%S - %name:",
    "%y/%m/%d, %I:%M:%S %p - %name:",
    "%y.%m.%d, %H:%M:%S - %name:",
    "%y.%m.%d, %I:%M:%S %p - %name:",
    "[%y-%m-%d %H:%M:%S] %name:",
    "[%y-%m-%d %I:%M:%S %p] %name:",
    "[%y/%m/%d %H:%M:%S] %name:",
    "[%y/%m/%d %I:%M:%S %p] %name:",
    "[%y.%m.%d %H:%M:%S] %name:",
    "[%y.%m.%d %I:%M:%S %p] %name:",
    "%y-%d-%m, %H:%M - %name:",
    "%y-%d-%m, %I:%M %p - %name:",
    "%y/%d/%m, %H:%M - %name:",
    "%y/%d/%m, %I:%M %p - %name:",
    "%y.%d.%m, %H:%M - %name:",
    "%y.%d.%m, %I:%M %p - %name:",
    "[%y-%d-%m %H:%M] %name:",
    "[%y-%d-%m %I:%M %p] %name:",
    "[%y/%d/%m %H:%M] %name:",
    "[%y/%d/%m %I:%M %p] %name:",
    "[%y.%d.%m %H:%M] %name:",
    "[%y.%d.%m %I:%M %p] %name:",
    "%y-%d-%m, %H:%M:%S - %name:",
    "%y-%d-%m, %I:%M:%S %p - %name:",
    "%y/%d/%m, %H:%M:%S - %name:",
    "%y/%d/%m, %I:%M:%S %p - %name:",
    "%y.%d.%m, %H:%M:%S - %name:",
    "%y.%d.%m, %I:%M:%S %p - %name:",
    "[%y-%d-%m %H:%M:%S] %name:",
    "[%y-%d-%m %I:%M:%S %p] %name:",
    "[%y/%d/%m %H:%M:%S] %name:",
    "[%y/%d/%m %I:%M:%S %p] %name:",
    "[%y.%d.%m %H:%M:%S] %name:",
    "[%y.%d.%m %I:%M:%S %p] %name:",
    "%d-%m-%y, %H:%M - %name:",
    "%d-%m-%y, %I:%M %p - %name:",
    "%d/%m/%y, %H:%M - %name:",
    "%d/%m/%y, %I:%M %p - %name:",
    "%d.%m.%y, %H:%M - %name:",
    "%d.%m.%y, %I:%M %p - %name:",
    "[%d-%m-%y %H:%M] %name:",
    "[%d-%m-%y %I:%M %p] %name:",
    "[%d/%m/%y %H:%M] %name:",
    "[%d/%m/%y %I:%M %p] %name:",
    "[%d.%m.%y %H:%M] %name:",
    "[%d.%m.%y %I:%M %p] %name:",
    "%d-%m-%y, %H:%M:%S - %name:",
    "%d-%m-%y, %I:%M:%S %p - %name:",
    "%d/%m/%y, %H:%M:%S - %name:",
    "%d/%m/%y, %I:%M:%S %p - %name:",
    "%d.%m.%y, %H:%M:%S - %name:",
    "%d.%m.%y, %I:%M:%S %p - %name:",
    "[%d-%m-%y %H:%M:%S] %name:",
    "[%d-%m-%y %I:%M:%S %p] %name:",
    "[%d/%m/%y %H:%M:%S] %name:",
    "[%d/%m/%y %I:%M:%S %p] %name:",
    "[%d.%m.%y %H:%M:%S] %name:",
    "[%d.%m.%y %I:%M:%S %p] %name:",
    "%m-%d-%y, %H:%M - %name:",
    "%m-%d-%y, %I:%M %p - %name:",
    "%m/%d/%y, %H:%M - %name:",
    "%m/%d/%y, %I:%M %p - %name:",
    "%m.%d.%y, %H:%M - %name:",
    "%m.%d.%y, %I:%M %p - %name:",
    "[%m-%d-%y %H:%M] %name:",
    "[%m-%d-%y %I:%M %p] %name:",
    "[%m/%d/%y %H:%M] %name:",
    "[%m/%d/%y %I:%M %p] %name:",
    "[%m.%d.%y %H:%M] %name:",
    "[%m.%d.%y %I:%M %p] %name:",
    "%m-%d-%y, %H:%M:%S - %name:",
    "%m-%d-%y, %I:%M:%S %p - %name:",
    "%m/%d/%y, %H:%M:%S - %name:",
    "%m/%d/%y, %I:%M:%S %p - %name:",
    "%m.%d.%y, %H:%M:%S - %name:",
    "%m.%d.%y, %I:%M:%S %p - %name:",
    "[%m-%d-%y %H:%M:%S] %name:",
    "[%m-%d-%y %I:%M:%S %p] %name:",
    "[%m/%d/%y %H:%M:%S] %name:",
    "[%m/%d/%y %I:%M:%S %p] %name:",
    "[%m.%d.%y %H:%M:%S] %name:",
    "[%m.%d.%y %I:%M:%S %p] %name:",
]
# (first message, gap between messages, messages): a long chat over years, a fortnight, a new year, one
# crossing 12 → 13 within two days.
SPANS = [
    (datetime(2021, 1, 3, 7, 5, 9), timedelta(hours=37, minutes=13, seconds=7), 120),
    (datetime(2024, 5, 10, 7, 5, 9), timedelta(hours=5, minutes=1), 60),
    (datetime(2023, 12, 28, 7, 5, 9), timedelta(hours=9, minutes=1), 50),
    (datetime(2025, 12, 12, 18, 45, 30), timedelta(minutes=47), 40),
]


def _header(hformat: str, at: datetime) -> str:
    """A header as WhatsApp (and whatstk's generator) writes it: %name stands for the sender."""
    return at.strftime(hformat.replace("%name:", "").replace("%p", "AM" if at.hour < 12 else "PM"))


def _export(tmp_path, hformat: str, start: datetime, gap: timedelta, count: int):
    lines, expected = [], []
    at = start
    for number in range(count):
        sender = SENDERS[number % len(SENDERS)]
        text = f"pesan {number}"
        if number % 3 == 0:
            text += f"\n2. baris kedua {number}\n10.00 - 12.00 rapat"
        lines.append(f"{_header(hformat, at)}{sender}: {text}")
        expected.append((sender, text, at if "%S" in hformat else at.replace(second=0)))
        at += gap
    path = tmp_path / "WhatsApp Chat with Bu Ratna.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA), expected


def test_the_list_is_whatstks_ninety_six():
    assert len(set(WHATSTK_FORMATS)) == 96


@pytest.mark.parametrize("span", range(len(SPANS)), ids=["years", "fortnight", "new-year", "two-days"])
@pytest.mark.parametrize("hformat", WHATSTK_FORMATS)
def test_every_message_of_every_whatstk_format_is_read_exactly(tmp_path, hformat, span):
    export, expected = _export(tmp_path, hformat, *SPANS[span])
    scan = Scan(export)
    read = [(message.sender, message.text, message.at.replace(tzinfo=None)) for message, _key in scan]
    assert scan.report.malformed == []
    assert read == expected  # none merged into another, none shifted


@pytest.mark.parametrize("hformat", [f for f in WHATSTK_FORMATS if "%S" in f and "%p" in f])
def test_four_digit_years_are_read_too(tmp_path, hformat):
    export, expected = _export(tmp_path, hformat.replace("%y", "%Y"), *SPANS[0])
    read = [(message.sender, message.text, message.at.replace(tzinfo=None)) for message, _key in Scan(export)]
    assert read == expected


def test_a_header_in_another_style_is_reported_at_its_line_not_merged(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text(
        "14/03/26 09.15 - Bu Ratna: Mbak, logonya sudah?\n"
        "14/03/26 09.20 - Sari: Sudah, saya kirim sore ini\n"
        "3/14/26, 9:21 PM - Bu Ratna: oke\n"
        "makasih\n"
        "15/03/26 08.00 - Sari: Ini filenya\n",
        encoding="utf-8",
    )
    scan = Scan(ChatExport(source="whatsapp", path=path, tz=JAKARTA))
    texts = [message.text for message, _key in scan]
    assert texts == ["Mbak, logonya sudah?", "Sudah, saya kirim sore ini", "Ini filenya"]
    assert [problem["line"] for problem in scan.report.malformed] == [3, 4]
    assert "cannot be read" in scan.report.malformed[0]["message"]
