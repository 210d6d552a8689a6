"""A conversation reads like a chat: bubbles, mine on the right, days apart, markers, promises marked."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kenal.commitments.models import Suggestion
from kenal.conversations.models import Conversation

CHAT = """01/03/26 09.15 - Yuna Kristina: Selamat pagi Mbak, proposalnya sudah siap?
01/03/26 09.20 - Alice: Pagi Bu, saya kirim besok jam 10 ya
02/03/26 08.00 - Yuna Kristina: <Media omitted>
02/03/26 08.05 - Yuna Kristina: This message was deleted
02/03/26 10.01 - Alice: Sudah saya kirim, Bu
"""


@pytest.fixture
def chat(workspace, alice, person, tmp_path, now):
    from kenal.conversations.importer import chats_import
    from kenal.lib.chats.scan import ChatExport

    alice.me_names = "Alice"
    alice.save(update_fields=["me_names"])
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_text(CHAT, encoding="utf-8")
    chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=ZoneInfo("Asia/Jakarta")),
        workspace=workspace,
        user=alice,
    )
    return Conversation.objects.get()


def bubbles(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<li class="bubble (mine|theirs)[^"]*" id="message-\d+">(.*?)</li>', page, re.S)


def test_my_messages_are_on_the_right_and_the_clients_on_the_left(alice_client, chat):
    page = alice_client.get(reverse("conversations:detail", args=[chat.pk]), HTTP_ACCEPT_LANGUAGE="id")
    sides = [side for side, _body in bubbles(page.content.decode())]
    assert sides == ["theirs", "mine", "theirs", "theirs", "mine"]


def test_days_are_separated_and_each_message_shows_its_time_once(alice_client, chat):
    page = alice_client.get(
        reverse("conversations:detail", args=[chat.pk]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert re.findall(r'role="separator"><span>([^<]+)</span>', page) == [
        "Minggu, 1 Maret 2026",
        "Senin, 2 Maret 2026",
    ]
    first = re.sub(r"<[^>]+>", "", bubbles(page)[0][1])
    assert first.count("09.15") == 1 and "2026" not in first


def test_media_and_deleted_messages_are_marked(alice_client, chat):
    page = alice_client.get(
        reverse("conversations:detail", args=[chat.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Photo, video or file (not included in the export)" in page
    assert "This message was deleted" in page


def test_the_promise_found_in_a_message_is_marked_on_it(alice_client, chat):
    suggestion = Suggestion.objects.get(source_message__text__contains="besok jam 10")
    page = alice_client.get(
        reverse("conversations:detail", args=[chat.pk]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    promised = [body for _side, body in bubbles(page) if "besok jam 10" in body]
    assert len(promised) == 1 and f"/promises/review/{suggestion.pk}/" in promised[0]
    assert page.count('class="promise"') == 1


def test_an_outsider_cannot_read_the_chat(charlie_client, chat):
    assert charlie_client.get(reverse("conversations:detail", args=[chat.pk])).status_code == 404
