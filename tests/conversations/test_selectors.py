from datetime import date

from kenal.conversations import selectors
from kenal.conversations.selectors import fts_query


def test_waiting_for_reply_lists_the_unanswered_client_oldest_first(imported, workspace, now):
    [waiting] = selectors.waiting_for_reply(workspace=workspace, now=now, threshold_hours=1)
    assert waiting.person == "Yuna Kristina"
    assert waiting.text.startswith("Susunan acara")  # the first message of the unanswered turn


def test_agenda_items_are_dated_on_the_clients_day(imported, workspace, alice, now):
    items = selectors.agenda_waiting_replies(workspace=workspace, user=alice, start=date(2026, 3, 3),
                                             end=date(2026, 3, 9), today=date(2026, 3, 3))
    assert [item.kind for item in items] == ["waiting_reply"]
    assert items[0].date == date(2026, 3, 2)
    assert items[0].overdue


def test_responsiveness_times_my_reply_from_the_first_message_of_their_turn(imported, workspace):
    figures = selectors.responsiveness(workspace=workspace)
    assert figures["me"]["count"] == 1
    assert figures["me"]["median_seconds"] == 3600
    assert figures["starts"] == {"me": 0, "them": 1}


def test_timeline_shows_the_persons_conversations(imported, person, alice):
    [entry] = selectors.person_timeline_entries(person=person, user=alice, limit=10)
    assert entry.kind == "conversation:whatsapp"


def test_fts_query_quotes_words():
    assert fts_query('rilis "AND" besok') == '"rilis" "AND" "besok"*'
    assert fts_query("  ") == ""
