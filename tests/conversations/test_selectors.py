from datetime import date

import pytest

from kenal.conversations import selectors
from kenal.conversations.selectors import fts_query


def test_waiting_for_reply_lists_the_unanswered_client_oldest_first(imported, workspace, now):
    [waiting] = selectors.waiting_for_reply(workspace=workspace, now=now, threshold_hours=1)
    assert waiting.person == "Yuna Kristina"
    assert waiting.text.startswith("Susunan acara")  # the first message of the unanswered turn


def test_agenda_items_are_dated_on_the_clients_day(imported, workspace, alice, now):
    items = selectors.agenda_waiting_replies(
        workspace=workspace, user=alice, start=date(2026, 3, 3), end=date(2026, 3, 9), today=date(2026, 3, 3)
    )
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


def test_the_person_timeline_links_the_conversation_instead_of_printing_its_address(
    imported, person, alice_client
):
    [entry] = selectors.person_timeline_entries(person=person, user=None, limit=10)
    page = alice_client.get(person.get_absolute_url()).content.decode()
    assert f'<a href="{entry.url}">{entry.title}</a>' in page
    assert f"· {entry.url}" not in page


def test_fts_query_quotes_words():
    assert fts_query('rilis "AND" besok') == '"rilis" "AND" "besok"*'
    assert fts_query("  ") == ""


def test_ts_query_keeps_only_words_and_prefixes_the_last():
    from kenal.conversations.selectors import ts_query

    assert ts_query("rilis besok") == "rilis & besok:*"
    assert ts_query("a' | !b:*") == "a & b:*"
    assert ts_query("__ ::") == ""


@pytest.mark.parametrize("rare_matches", [0, 2000])
def test_search_finds_the_same_through_both_sqlite_paths(imported, workspace, monkeypatch, rare_matches):
    monkeypatch.setattr(selectors, "RARE_MATCHES", rare_matches)  # 0: every word counts as common
    found = selectors.search_messages(workspace=workspace, query="mbak")
    assert [message.text for message in found] == ["Mbak, sudah ada kabar?", "Halo mbak, rilisnya kapan ya?"]
    assert not selectors.search_messages(workspace=workspace, query="tidakada").exists()


def test_search_leaves_out_other_workspaces(imported, charlie):
    assert not selectors.search_messages(workspace=charlie.current_workspace, query="mbak").exists()


@pytest.mark.parametrize(("walk_in_time", "rare_matches"), [(True, 20_000), (False, 20_000), (False, 0)])
def test_postgres_search_finds_the_same_whichever_way_it_goes(
    imported, workspace, monkeypatch, walk_in_time, rare_matches
):
    # On PostgreSQL: the newest-first walk, the GIN matches sorted, and the walk again when matches are many.
    monkeypatch.setattr(selectors, "_first_page_in_time", lambda walk: walk_in_time)
    monkeypatch.setattr(selectors, "RARE_MATCHES", rare_matches)
    found = selectors.search_messages(workspace=workspace, query="mbak")
    assert [message.text for message in found] == ["Mbak, sudah ada kabar?", "Halo mbak, rilisnya kapan ya?"]
    assert [m.text for m in selectors.search_messages(workspace=workspace, query="sambut")] == [
        "Susunan acara:\n2. Sambutan 11.00"
    ]


def test_the_search_time_limit_is_restored_after_the_probe(imported, workspace):
    from django.db import connection

    list(selectors.search_messages(workspace=workspace, query="mbak"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_a_slow_walk_is_cancelled_and_the_connection_stays_usable(imported, workspace):
    from django.db import connection

    from kenal.conversations.models import Message

    if connection.vendor != "postgresql":
        pytest.skip("the time limit applies to PostgreSQL only")
    slow = Message.objects.filter(workspace=workspace).extra(where=["pg_sleep(0.2) IS NOT NULL"])
    assert selectors._first_page_in_time(slow) is False
    assert Message.objects.filter(workspace=workspace).count() == 8
    assert selectors._first_page_in_time(Message.objects.filter(workspace=workspace)) is True
