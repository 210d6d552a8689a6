"""Promise fixtures: a chat with Bu Yuna, and a factory for promises."""

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kenal.commitments.services import commitment_create
from kenal.conversations.models import Conversation, Message

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def make_promise(workspace, alice, person, now):
    def make(what="Kirim draft press release", *, due_at=None, due_precision="none", **extra):
        extra.setdefault("person", person)
        return commitment_create(
            workspace=workspace, user=alice, what=what, due_at=due_at, due_precision=due_precision, **extra
        )

    return make


@pytest.fixture
def chat(workspace, person):
    """Adds messages to one conversation with Bu Yuna: chat([("them", "09:15", "text"), ...], day=2)."""
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Yuna", thread_key="yuna", person=person
    )

    def add(lines, day=2):
        rows = []
        for direction, clock, text in lines:
            hour, minute = map(int, clock.split(":"))
            at = datetime(2026, 3, day, hour, minute, tzinfo=JAKARTA)
            key = hashlib.sha1(f"{at}{direction}{text}".encode()).hexdigest()
            rows.append(
                Message.objects.create(
                    workspace=workspace,
                    conversation=conversation,
                    direction=direction,
                    at=at,
                    text=text,
                    person=person if direction == "them" else None,
                    fingerprint=key,
                )
            )
        return rows

    add.conversation = conversation
    return add


@pytest.fixture
def press_release_chat(chat):
    return chat([("them", "09:15", "please share your press release tomorrow"), ("me", "09:16", "oke")])


def days(n):
    return timedelta(days=n)
