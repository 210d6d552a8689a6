"""Specs for who is "me" in an export, from the chat's own name: no database."""

from __future__ import annotations

import zipfile
from zoneinfo import ZoneInfo

from kenal.lib.chats.scan import ChatExport, me_by_chat_name, me_in_export, scan_file

JAKARTA = ZoneInfo("Asia/Jakarta")
ONE_TO_ONE = (
    "02/03/26 09.15 - Bu Ratna: Mbak, rilisnya kapan ya?\n"
    "02/03/26 10.15 - Sari: Besok jam 10 saya kirim draftnya ya bu\n"
    "02/03/26 10.16 - Bu Ratna: Oke ditunggu\n"
)
GROUP = ONE_TO_ONE + "02/03/26 10.17 - Pak Joko: Saya ikut ya\n"


def _export(tmp_path, name: str, text: str = ONE_TO_ONE) -> ChatExport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA)


def test_the_sender_a_one_to_one_export_is_not_named_after_is_me_in_english_and_indonesian(tmp_path):
    for name in ("WhatsApp Chat with Bu Ratna.txt", "Chat WhatsApp dengan Bu Ratna.txt"):
        export = _export(tmp_path, name)
        assert me_in_export(export) == "Sari"
        assert scan_file(export).as_json()["me"] == "Sari"


def test_a_zip_named_the_indonesian_way_or_holding_a_chat_named_so_says_it_too(tmp_path):
    named = tmp_path / "Chat WhatsApp dengan Bu Ratna.zip"
    with zipfile.ZipFile(named, "w") as archive:
        archive.writestr("_chat.txt", ONE_TO_ONE)
    inside = tmp_path / "export.zip"
    with zipfile.ZipFile(inside, "w") as archive:
        archive.writestr("Chat WhatsApp dengan Bu Ratna.txt", ONE_TO_ONE)
    for path in (named, inside):
        assert me_in_export(ChatExport(source="whatsapp", path=path, tz=JAKARTA)) == "Sari"


def test_nobody_is_me_in_a_group_an_unnamed_file_or_a_chat_named_after_neither_sender(tmp_path):
    assert me_in_export(_export(tmp_path, "WhatsApp Chat with Bu Ratna.txt", GROUP)) is None
    assert me_in_export(_export(tmp_path, "chat.txt")) is None
    assert me_in_export(_export(tmp_path, "WhatsApp Chat with Tim Rilis.txt")) is None
    assert scan_file(_export(tmp_path, "chat.txt")).as_json()["me"] is None


def test_the_rule_itself():
    assert me_by_chat_name(["bu ratna"], ["Bu Ratna", "Sari"]) == "Sari"
    assert me_by_chat_name(["Bu Ratna"], ["Bu Ratna"]) is None
    assert me_by_chat_name(["Bu Ratna"], ["Bu Ratna", "Sari", ""]) == "Sari"
    assert me_by_chat_name([], ["Bu Ratna", "Sari"]) is None
