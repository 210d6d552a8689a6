"""Specs for telling WhatsApp date orders apart from the whole file, year-first ones included."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kenal.lib.chats.scan import ChatExport, Scan

JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2025, 11, 20, 8, 0)


def _export(tmp_path, date_format: str, count: int = 300, bracket: bool = False) -> ChatExport:
    lines = []
    for number in range(count):
        at = START + timedelta(hours=7 * number)
        stamp = at.strftime(f"{date_format}, %H:%M")
        sender = "Bu Ratna" if number % 2 else "Sari"
        lines.append(
            f"[{stamp}:00] {sender}: pesan {number}" if bracket else f"{stamp} - {sender}: pesan {number}"
        )
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA)


@pytest.mark.parametrize(
    "date_format",
    [
        "%d/%m/%y",
        "%m/%d/%y",
        "%y/%m/%d",
        "%y-%d-%m",
        "%Y-%m-%d",
        "%Y-%d-%m",
        "%d.%m.%Y",
        "%m/%d/%Y",
        "%y.%m.%d",
    ],
)
@pytest.mark.parametrize("bracket", [False, True], ids=["android", "iphone"])
def test_every_message_is_read_at_its_time_whatever_the_date_order(tmp_path, date_format, bracket):
    scan = Scan(_export(tmp_path, date_format, bracket=bracket))
    messages = [message for message, _key in scan]
    assert scan.report.malformed == []
    assert len(messages) == 300  # none merged into another
    assert [message.text for message in messages][:2] == ["pesan 0", "pesan 1"]
    expected = [START + timedelta(hours=7 * number) for number in range(300)]
    assert [message.at.replace(tzinfo=None, second=0) for message in messages] == expected
