from io import StringIO

import pytest
from django.core.management import call_command

from kenal.accounts.models import Upload
from kenal.conversations import demo, selectors
from kenal.conversations.models import Conversation, ImportFile, Message, UnmatchedSender


@pytest.fixture
def demo_workspace(alice, now):
    from kenal.people.demo import load as people_load

    workspace = alice.current_workspace
    people_load(workspace=workspace, user=alice)
    demo.load(workspace=workspace, user=alice)
    return workspace


def _counts():
    return (
        Conversation.objects.count(),
        Message.objects.count(),
        ImportFile.objects.count(),
        Upload.objects.count(),
        UnmatchedSender.objects.count(),
    )


def test_the_demo_chats_go_through_the_importer_and_match_the_demo_people(demo_workspace):
    conversations = {c.title: c for c in Conversation.objects.filter(workspace=demo_workspace)}
    assert set(conversations) == {"Ratna Sari", "Lars Eriksen", "Yuna Kristina", "Bambang Wijaya"}
    assert all(c.person and c.person.full_name == title for title, c in conversations.items())
    assert ImportFile.objects.filter(workspace=demo_workspace).count() == 4  # each chat is a real import
    assert Message.objects.filter(workspace=demo_workspace, kind="system").count() == 4
    assert Message.objects.filter(workspace=demo_workspace, text="oke bu", direction="me").exists()
    assert not UnmatchedSender.objects.filter(workspace=demo_workspace).exists()
    assert Message.objects.filter(text__contains="Raka sudah boleh pulang").exists()


def test_ratna_is_still_waiting_for_a_reply(demo_workspace, now):
    waiting = selectors.waiting_for_reply(workspace=demo_workspace, now=now)
    assert [item.person for item in waiting] == ["Ratna Sari"]
    assert waiting[0].text.startswith("Sudah saya baca")


def test_loading_the_demo_twice_adds_nothing(demo_workspace, alice, now):
    before = _counts()
    demo.load(workspace=demo_workspace, user=alice)
    assert _counts() == before


def test_kenal_demo_twice_adds_no_conversations(db, now):
    call_command("demo", stdout=StringIO())
    before = _counts()
    assert before[0] == 4
    call_command("demo", stdout=StringIO())
    assert _counts() == before


def test_demo_days_are_weekdays_before_today():
    from datetime import date

    assert demo.working_day_back(date(2026, 3, 3), 2) == date(2026, 2, 27)  # Tuesday -> the Friday before
