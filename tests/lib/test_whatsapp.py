"""Specs for the WhatsApp export parser."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kenal.lib.chats import detect_source, fingerprint, parse
from kenal.lib.chats.base import ChatMessage, Malformed
from kenal.lib.chats.whatsapp import parse_whatsapp

JAKARTA = ZoneInfo("Asia/Jakarta")
LRM = "\u200e"


def messages(text: str, **options) -> list[ChatMessage | Malformed]:
    """Parse an export given as text."""
    return list(parse_whatsapp(io.StringIO(text), tz=JAKARTA, **options))


def only_messages(text: str, **options) -> list[ChatMessage]:
    """Parse an export and keep the messages."""
    return [item for item in messages(text, **options) if isinstance(item, ChatMessage)]


def test_it_parses_indonesian_android_with_dot_times():
    [message] = only_messages("02/03/26 09.15 - Budi: pesan\n")
    assert message.at == datetime(2026, 3, 2, 9, 15, tzinfo=JAKARTA)
    assert (message.sender, message.text, message.kind, message.has_seconds) == (
        "Budi",
        "pesan",
        "text",
        False,
    )
    assert message.line == 1


def test_it_parses_indonesian_iphone_and_strips_direction_marks():
    [message] = only_messages(f"{LRM}[28/04/26, 16.31.34] Budi: {LRM}halo{LRM}\n")
    assert message.at == datetime(2026, 4, 28, 16, 31, 34, tzinfo=JAKARTA)
    assert (message.sender, message.text, message.has_seconds) == ("Budi", "halo", True)


def test_it_parses_english_twelve_hour_clock_with_narrow_space():
    [evening, morning] = only_messages(
        "3/2/26, 9:15\u202fPM - Name: text\n3/14/26, 12:05\u202fAM - Name: late\n"
    )
    assert evening.at == datetime(2026, 3, 2, 21, 15, tzinfo=JAKARTA)
    assert morning.at == datetime(2026, 3, 14, 0, 5, tzinfo=JAKARTA)


def test_it_parses_iphone_english_with_seconds_and_am():
    [message] = only_messages("[8/14/26, 9:02:11 AM] Name: text\n")
    assert message.at == datetime(2026, 8, 14, 9, 2, 11, tzinfo=JAKARTA)


def test_it_accepts_lowercase_and_dotted_am_pm():
    items = only_messages("14/3/26, 9:15 pm - A: x\n14/3/26, 10:00 a.m. - A: y\n")
    assert [item.at.hour for item in items] == [21, 10]


def test_it_parses_year_first_and_dotted_dates():
    [year_first] = only_messages("2026-03-02 09:15 - Name: text\n")
    [dotted] = only_messages("02.03.26, 09:15 - Name: text\n")
    assert year_first.at == dotted.at == datetime(2026, 3, 2, 9, 15, tzinfo=JAKARTA)


def test_it_parses_four_digit_years():
    [message] = only_messages("02/03/2026, 09:15 - Name: text\n")
    assert message.at.year == 2026


def test_it_detects_month_first_from_a_late_line():
    export = (
        "".join(f"0{day}/0{day}/26 10.00 - A: hari {day}\n" for day in range(1, 8))
        + "03/25/26 10.00 - A: x\n"
    )
    items = only_messages(export)
    assert items[-1].at.date() == datetime(2026, 3, 25).date()
    assert items[1].at.month == items[1].at.day == 2


def test_it_detects_day_first_from_a_late_line():
    export = "".join(f"0{day}/02/26 10.00 - A: x\n" for day in range(1, 10)) + "25/02/26 10.00 - A: y\n"
    items = only_messages(export)
    assert [item.at.month for item in items] == [2] * 10


def test_it_breaks_ties_by_date_order():
    # 1 Feb, 2 Feb, 1 Mar read day-first; month-first would go back in time.
    items = only_messages("01/02/26 10.00 - A: x\n02/02/26 10.00 - A: y\n01/03/26 10.00 - A: z\n")
    assert [item.at.month for item in items] == [2, 2, 3]


def test_it_lets_fmt_override_detection():
    [message] = only_messages("03/02/26 10.00 - A: x\n", fmt="mdy")
    assert (message.at.month, message.at.day) == (3, 2)


def test_it_keeps_list_and_time_lines_inside_a_multiline_message():
    export = "02/03/26 09.15 - Budi: Acara:\n2. Sambutan 11.00\n10.00 - 12.00 makan siang\n1/2 porsi\n\n02/03/26 09.16 - Sari: ok\n"
    budi, sari = only_messages(export)
    assert budi.text == "Acara:\n2. Sambutan 11.00\n10.00 - 12.00 makan siang\n1/2 porsi\n"
    assert sari.line == 6


def test_it_keeps_system_lines_apart_without_a_sender():
    export = (
        "02/03/26 09.00 - Pesan dan panggilan dienkripsi secara end-to-end. Tidak seorang pun di luar chat ini.\n"
        '02/03/26 09.01 - Budi membuat grup "Arisan"\n'
        "02/03/26 09.02 - Budi menambahkan Anda\n"
        "02/03/26 09.03 - Sari bergabung menggunakan tautan undangan grup ini\n"
        '02/03/26 09.04 - Budi mengubah subjek dari "A: B" menjadi "C"\n'
        "02/03/26 09.05 - Sari keluar\n"
        "3/2/26, 9:06 AM - Messages and calls are end-to-end encrypted.\n"
    )
    items = only_messages(export)
    assert {item.kind for item in items} == {"system"}
    assert {item.sender for item in items} == {""}


def test_it_recognises_the_iphone_group_banner_and_never_treats_the_group_as_a_sender():
    export = (
        f"{LRM}[28/04/26, 16.31.34] Arisan Kantor: {LRM}Pesan dan panggilan dienkripsi secara end-to-end.\n"
        f'{LRM}[28/04/26, 16.31.34] Arisan Kantor: {LRM}Anda membuat grup "Arisan Kantor"\n'
        "[28/04/26, 16.32.00] Budi: halo\n"
        f"{LRM}[28/04/26, 16.33.00] Arisan Kantor: {LRM}Budi mengganti foto grup ini\n"
        f"{LRM}[28/04/26, 16.34.00] Budi: {LRM}<terlampir: 00000012-PHOTO-2026-04-28.jpg>\n"
    )
    items = only_messages(export)
    assert [item.kind for item in items] == ["system", "system", "text", "system", "media"]
    assert "Arisan Kantor" not in {item.sender for item in items}


def test_it_marks_media_placeholders():
    bodies = [
        "<Media tidak disertakan>",
        "<Media omitted>",
        "gambar tidak disertakan",
        "video tidak disertakan",
        "stiker tidak disertakan",
        "image omitted",
        "video omitted",
        "sticker omitted",
        "audio omitted",
        "document omitted",
        "<terlampir: 00000012-PHOTO-2026-04-28.jpg>",
        "<attached: 00000013-PHOTO.jpg>",
        "IMG-20260428-WA0001.jpg (file terlampir)",
        "IMG-20260428-WA0002.jpg (file attached)",
    ]
    export = "".join(f"02/03/26 09.{index:02d} - A: {body}\n" for index, body in enumerate(bodies))
    assert [item.kind for item in only_messages(export)] == ["media"] * len(bodies)


def test_it_marks_deleted_messages_which_are_not_system():
    bodies = [
        "Pesan ini telah dihapus",
        "Anda menghapus pesan ini",
        "This message was deleted",
        "You deleted this message",
    ]
    export = "".join(f"14/03/26 09.{index:02d} - A: {body}\n" for index, body in enumerate(bodies))
    items = only_messages(export)
    assert [item.kind for item in items] == ["deleted"] * 4
    assert {item.sender for item in items} == {"A"}


def test_it_flags_and_removes_the_edited_marker():
    first, second = only_messages(
        "14/03/26 09.00 - A: oke <Pesan ini diedit>\n14/03/26 09.01 - A: fine <This message was edited>\n"
    )
    assert (first.text, first.edited, second.text, second.edited) == ("oke", True, "fine", True)


def test_it_reports_text_before_the_first_header_with_its_line():
    items = messages("\nhalo\n02/03/26 09.15 - A: x\n")
    assert items[0] == Malformed(2, "text before the first message header")
    assert isinstance(items[1], ChatMessage)


def test_it_reports_an_impossible_date_and_its_continuation_lines():
    items = messages("14/02/26 09.15 - A: x\n31/02/26 09.16 - A: bad\nmore\n01/03/26 09.17 - A: y\n")
    assert [type(item).__name__ for item in items] == ["ChatMessage", "Malformed", "Malformed", "ChatMessage"]
    assert (items[1].line, items[2].line) == (2, 3)
    assert "impossible date" in items[1].message


def test_it_reads_the_chat_inside_a_zip_export(tmp_path):
    archive = tmp_path / "WhatsApp Chat with Budi.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("IMG-20260302-WA0001.jpg", b"\xff\xd8")
        bundle.writestr(
            "WhatsApp Chat with Budi.txt", "02/03/26 09.15 - Budi: IMG-20260302-WA0001.jpg (file terlampir)\n"
        )
    [message] = list(parse("whatsapp", archive, tz=JAKARTA))
    assert message.kind == "media"
    assert detect_source(archive) == "whatsapp"


def test_it_reads_a_path_and_a_binary_stream(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_bytes("\ufeff02/03/26 09.15 - A: x\n".encode())
    from_path = list(parse_whatsapp(path, tz=JAKARTA))
    from_stream = list(parse_whatsapp(io.BytesIO(path.read_bytes()), tz=JAKARTA))
    assert from_path == from_stream and from_path[0].sender == "A"
    assert detect_source(path) == "whatsapp"


def test_it_fingerprints_identically_across_reimports():
    first = only_messages("02/03/26 09.15 - A: x\n")[0]
    again = only_messages("[02/03/26, 09.15.00] A: x\n")[0]
    assert fingerprint(first) == fingerprint(again)
    assert fingerprint(first) != fingerprint(only_messages("02/03/26 09.15 - A: y\n")[0])


NAMES = st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)
WORDS = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,!?"),
    min_size=1,
    max_size=40,
)
LINES = st.lists(WORDS.map(str.strip).filter(bool), min_size=1, max_size=3)
RENDERERS = {
    "android-id": lambda at: at.strftime("%d/%m/%y %H.%M - "),
    "iphone-id": lambda at: at.strftime("[%d/%m/%y, %H.%M.%S] "),
    "english-12h": lambda at: f"{at.month}/{at.day}/{at:%y}, {at.hour % 12 or 12}:{at:%M}\u202f{at:%p} - ",
    "year-first": lambda at: at.strftime("%Y-%m-%d %H:%M - "),
}


@settings(max_examples=60, deadline=None)
@given(
    style=st.sampled_from(sorted(RENDERERS)),
    rows=st.lists(st.tuples(NAMES, LINES, st.integers(0, 3 * 24 * 60)), min_size=1, max_size=15),
)
def test_rendered_messages_parse_back_to_the_same_senders_texts_and_times(style, rows):
    # Late in December makes day > 12 appear, so the date order is decidable as in real exports.
    moment = datetime(2025, 12, 13, 8, 0, tzinfo=JAKARTA)
    expected, export = [], []
    for sender, lines, minutes in rows:
        moment += timedelta(minutes=minutes)
        text = "\n".join(lines)
        export.append(f"{RENDERERS[style](moment)}{sender}: {text}\n")
        expected.append((sender, text, moment.replace(second=0)))
    parsed = only_messages("".join(export), fmt="mdy" if style == "english-12h" else None)
    assert [(item.sender, item.text, item.at) for item in parsed] == expected
