"""Specs for the Telegram Desktop JSON export parser."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kenal.lib.chats import detect_source, parse
from kenal.lib.chats.base import ChatMessage, Malformed
from kenal.lib.chats.telegram import flatten_text, parse_telegram

JAKARTA = ZoneInfo("Asia/Jakarta")
CHAT = {
    "name": "Budi Klien",
    "type": "personal_chat",
    "id": 4242,
    "messages": [
        {
            "id": 1,
            "type": "message",
            "date": "2026-04-28T16:31:34",
            "date_unixtime": "1777368694",
            "from": "Budi",
            "from_id": "user7",
            "text": "Halo",
        },
        {
            "id": 2,
            "type": "message",
            "date": "2026-04-28T16:32:00",
            "from": "Sari",
            "from_id": "user8",
            "text": ["Cek ", {"type": "link", "text": "https://kenal.id"}, " ya"],
            "edited": "2026-04-28T16:40:00",
        },
        {"id": 3, "type": "service", "date_unixtime": "1777368800", "actor": "Budi", "action": "pin_message"},
        {
            "id": 4,
            "type": "message",
            "date_unixtime": "1777368900",
            "from": "Budi",
            "photo": "photos/1.jpg",
            "text": "",
        },
        {
            "id": 5,
            "type": "message",
            "date_unixtime": "1777369000",
            "from": None,
            "from_id": "user9",
            "text": "",
            "text_entities": [{"type": "plain", "text": "dari entitas"}],
        },
    ],
}


def write(tmp_path, document, name="result.json"):
    """Write a JSON export and return its path."""
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_it_parses_a_single_chat_export(tmp_path):
    items = list(parse_telegram(write(tmp_path, CHAT), tz=JAKARTA))
    first = items[0]
    assert first.at == datetime.fromtimestamp(1777368694, UTC).astimezone(JAKARTA)
    assert (first.sender, first.text, first.kind, first.thread_key, first.source_id) == (
        "Budi",
        "Halo",
        "text",
        "4242",
        "4242:1",
    )
    assert first.has_seconds and first.at.tzinfo == JAKARTA


def test_it_flattens_rich_text_and_marks_edits(tmp_path):
    second = list(parse_telegram(write(tmp_path, CHAT), tz=JAKARTA))[1]
    assert (second.text, second.edited) == ("Cek https://kenal.id ya", True)


def test_it_falls_back_to_the_local_date_in_the_given_zone(tmp_path):
    second = list(parse_telegram(write(tmp_path, CHAT), tz=JAKARTA))[1]
    assert second.at == datetime(2026, 4, 28, 16, 32, tzinfo=JAKARTA)


def test_it_marks_service_messages_as_system_and_media_without_text(tmp_path):
    items = list(parse_telegram(write(tmp_path, CHAT), tz=JAKARTA))
    assert (items[2].kind, items[2].sender, items[2].text) == ("system", "", "Budi pin_message")
    assert items[3].kind == "media"


def test_it_uses_text_entities_and_from_id_when_needed(tmp_path):
    fifth = list(parse_telegram(write(tmp_path, CHAT), tz=JAKARTA))[4]
    assert (fifth.text, fifth.sender) == ("dari entitas", "user9")


def test_it_parses_every_chat_of_an_account_export(tmp_path):
    other = {"name": "Grup", "type": "private_group", "id": 99, "messages": [CHAT["messages"][0]]}
    account = {"about": "x", "chats": {"about": "y", "list": [CHAT, other]}}
    items = list(parse("telegram", write(tmp_path, account), tz=JAKARTA))
    assert len(items) == 6
    assert items[-1].source_id == "99:1" and items[-1].thread_key == "99"


def test_it_reports_a_truncated_export_without_raising(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps(CHAT)[:-60], encoding="utf-8")
    items = list(parse_telegram(path, tz=JAKARTA))
    assert isinstance(items[-1], Malformed)
    assert "truncated" in items[-1].message
    assert all(isinstance(item, ChatMessage) for item in items[:-1])


def test_it_reports_garbage_and_non_exports_clearly(tmp_path):
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00not json at all")
    [error] = list(parse_telegram(garbage, tz=JAKARTA))
    assert isinstance(error, Malformed) and "not a readable Telegram export" in error.message
    [wrong] = list(parse_telegram(write(tmp_path, {"hello": "world"}, "other.json"), tz=JAKARTA))
    assert "no messages array" in wrong.message


def test_it_reports_a_message_without_a_date(tmp_path):
    chat = {"name": "x", "id": 1, "messages": [{"id": 7, "type": "message", "text": "?"}]}
    [item] = list(parse_telegram(write(tmp_path, chat), tz=JAKARTA))
    assert item == Malformed(1, "message 1 (id 7) has no readable date")


def test_flatten_text_accepts_strings_lists_and_nothing():
    assert flatten_text("a") == "a"
    assert flatten_text(["a", {"type": "bold", "text": "b"}]) == "ab"
    assert flatten_text(None) == ""


def test_it_is_detected_from_the_file(tmp_path):
    assert detect_source(write(tmp_path, CHAT)) == "telegram"
    assert detect_source(tmp_path) == "telegram"


@given(
    texts=st.lists(st.text(alphabet='ab"\\\n\u00e9\u4e2d\U0001f600\x01', max_size=40), max_size=5),
    limit=st.integers(min_value=12, max_value=40),  # past the longest run outside strings, like `}, {"`
    size=st.integers(min_value=1, max_value=17),
    ascii_only=st.booleans(),
)
def test_json_strings_cut_as_they_are_read_stay_valid_json(texts, limit, size, ascii_only):
    """Long strings are cut to a bounded size without breaking the JSON around them."""
    import io
    import json

    from kenal.lib.chats.telegram import CappedStrings, TooDeep

    document = {"messages": [{"id": n, "text": text} for n, text in enumerate(texts)]}
    raw = json.dumps(document, ensure_ascii=ascii_only).encode()
    capped = CappedStrings(io.BytesIO(raw), limit=limit, size=size)
    try:
        out = b"".join(iter(lambda: capped.read(size), b""))
    except TooDeep:  # refused only for a text with nowhere to cut (escaped backslashes) past twice the limit
        assert any(len(json.dumps(text, ensure_ascii=ascii_only).encode()) > 2 * limit for text in texts)
        return
    document = json.loads(out)
    assert [message["id"] for message in document["messages"]] == list(range(len(texts)))
    for message, text in zip(document["messages"], texts, strict=True):
        assert text.startswith(message["text"])  # a prefix of the original, never something else
    if all(len(json.dumps(text, ensure_ascii=ascii_only).encode()) < limit for text in texts):
        assert out == raw


def test_a_huge_text_is_cut_as_it_is_read_and_the_next_message_kept(tmp_path):
    """A 2 MB text (with quotes and emoji in it) never reaches the parser whole; the cut is reported."""
    from kenal.lib.chats.scan import ChatExport, scan_file

    huge = ('kata "kutip" 😀 ' * 150_000)[:2_000_000]
    path = tmp_path / "result.json"
    path.write_text(
        json.dumps(
            {
                "name": "R",
                "id": 5,
                "messages": [
                    {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "R", "text": huge},
                    {"id": 2, "type": "message", "date_unixtime": "1772416900", "from": "R", "text": "oke"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    items = list(parse_telegram(path, tz=ZoneInfo("Asia/Jakarta")))
    assert [type(item) for item in items] == [ChatMessage, ChatMessage]
    assert huge.startswith(items[0].text) and 65_536 < len(items[0].text) < 300_000
    assert items[1].text == "oke"
    report = scan_file(ChatExport(source="telegram", path=path, tz=ZoneInfo("Asia/Jakarta")))
    assert report.messages == 2
    assert report.notes == [{"line": 1, "message": "message text cut at 65,536 characters"}]
