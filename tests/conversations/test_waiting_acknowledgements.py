"""Nobody waits for an answer to "Oke Mbak ditunggu": an acknowledgement closes a turn."""

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kenal.conversations import selectors
from kenal.conversations.models import Conversation, Message

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def say(workspace, person):
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Yuna", thread_key="yuna", person=person
    )

    def add(direction, clock, text):
        hour, minute = map(int, clock.split(":"))
        at = datetime(2026, 3, 2, hour, minute, tzinfo=JAKARTA)
        Message.objects.create(
            workspace=workspace,
            conversation=conversation,
            direction=direction,
            at=at,
            text=text,
            person=person if direction == "them" else None,
            fingerprint=hashlib.sha1(f"{at}{direction}{text}".encode()).hexdigest(),
        )
        Conversation.objects.filter(pk=conversation.pk).update(last_at=at)  # as the importer keeps it

    return add


def test_an_acknowledgement_of_my_promise_leaves_nobody_waiting(say, workspace, now):
    say("them", "09:00", "Mbak, moodboard-nya kapan bisa dilihat?")
    say("me", "09:10", "Besok siang sy kirim ya kak")
    say("them", "09:12", "Oke Mbak ditunggu 🙏")
    assert selectors.waiting_for_reply(workspace=workspace, now=now, threshold_hours=1) == []


def test_a_request_after_the_thanks_still_waits_for_an_answer(say, workspace, now):
    say("me", "09:10", "Draft-nya sudah sy kirim ya kak")
    say("them", "09:12", "Makasih mbak")
    say("them", "09:13", "Btw bisa sekalian kirim versi PDF-nya?")
    [waiting] = selectors.waiting_for_reply(workspace=workspace, now=now, threshold_hours=1)
    assert waiting.text == "Makasih mbak"  # dated from the first message of their turn
