from datetime import date, datetime

import pytest
import time_machine

from kenal.agenda.models import AgendaMark, DigestLog
from kenal.people.services import family_member_add, life_event_add, person_create, person_update
from tests.conftest import JAKARTA

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_it_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_an_empty_today_says_what_will_appear_and_how(now, alice_client):
    body = alice_client.get("/", **EN).content.decode()
    assert "Nothing needs you right now" in body
    assert "birthdays" in body and "import your chats" in body
    assert "/agenda/settings/" in body


def test_it_groups_overdue_and_today(now, alice_client, person):
    person_update(person=person, birth_month=3, birth_day=3)
    life_event_add(person=person, kind="illness", title="Flu", happened_on=date(2026, 2, 24))
    body = alice_client.get("/", **EN).content.decode()
    assert body.index('id="group-overdue"') < body.index("Flu") < body.index('id="group-today"')
    assert body.index('id="group-today"') < body.index("Yuna Kristina&#x27;s birthday")


def test_an_outsider_sees_none_of_the_workspaces_items(now, charlie_client, person):
    person_update(person=person, birth_month=3, birth_day=3)
    body = charlie_client.get("/", **EN).content.decode()
    assert "Yuna" not in body
    assert "Nothing needs you right now" in body


def test_done_without_javascript_redirects_back(now, alice_client, alice, person):
    person_update(person=person, birth_month=3, birth_day=3)
    key = f"birthday:person:{person.pk}:2026"
    response = alice_client.post("/agenda/done/", {"key": key, "next": "/?days=7"})
    assert response.status_code == 302 and response["Location"] == "/?days=7"
    assert AgendaMark.objects.get(user=alice, key=key).done_at is not None
    assert "Yuna" not in alice_client.get("/", **EN).content.decode()


def test_done_with_htmx_answers_an_empty_fragment(now, alice_client, person):
    response = alice_client.post("/agenda/done/", {"key": "birthday:person:1:2026"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.content == b""


def test_snooze_hides_the_item_until_then(now, alice_client, alice, person):
    person_update(person=person, birth_month=3, birth_day=4)
    key = f"birthday:person:{person.pk}:2026"
    alice_client.post("/agenda/snooze/", {"key": key, "days": "1"})
    assert AgendaMark.objects.get(user=alice, key=key).snoozed_until == date(2026, 3, 4)
    assert "Yuna" not in alice_client.get("/", **EN).content.decode()


def test_it_refuses_a_hostile_key_without_a_traceback(now, alice_client):
    assert alice_client.post("/agenda/done/", {"key": "<script>"}).status_code == 400
    assert alice_client.post("/agenda/done/", {}).status_code == 400
    assert alice_client.post("/agenda/snooze/", {"key": "promise:1", "days": "9999"}).status_code == 400
    assert (
        alice_client.post("/agenda/done/", {"key": "keep_in_touch:1:99999999999999999999999"}).status_code
        == 400
    )
    assert alice_client.get("/agenda/done/").status_code == 405


def test_next_never_leaves_the_site(now, alice_client):
    response = alice_client.post("/agenda/done/", {"key": "promise:1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_failed_digest_is_shown(now, alice_client, alice):
    DigestLog.objects.create(
        user=alice, digest_date=date(2026, 3, 3), status="failed", attempts=2, last_error="SMTPConnectError"
    )
    body = alice_client.get("/", **EN).content.decode()
    assert "could not be sent" in body


def test_filters_narrow_the_list(now, alice_client, person):
    person_update(person=person, birth_month=3, birth_day=3)
    life_event_add(person=person, kind="illness", title="Flu", happened_on=date(2026, 2, 24))
    body = alice_client.get("/?kind=birthday", **EN).content.decode()
    assert "Flu" not in body and "birthday" in body
    assert "Nothing matches" in alice_client.get("/?q=zzz", **EN).content.decode()


def make_people(workspace, count, offset=0):
    with time_machine.travel(datetime(2025, 1, 1, 9, tzinfo=JAKARTA), tick=False):
        for number in range(offset, offset + count):
            person = person_create(workspace=workspace, full_name=f"Person {number}", stage="client")
            person_update(person=person, birth_month=3, birth_day=3 + number % 5)
            family_member_add(
                person=person, relation="child", name=f"Kid {number}", birth_month=3, birth_day=4
            )
            life_event_add(person=person, kind="illness", title=f"Flu {number}", happened_on=date(2026, 3, 1))


@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_people(
    now, alice_client, workspace, count, django_assert_max_num_queries
):
    make_people(workspace, count)
    with django_assert_max_num_queries(16):
        response = alice_client.get("/")
    assert response.status_code == 200
    assert f"Person {count - 1}" in response.content.decode()


def test_the_query_count_is_the_same_for_3_and_30_people(now, alice_client, workspace):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_people(workspace, 3)
    with CaptureQueriesContext(connection) as few:
        alice_client.get("/")
    make_people(workspace, 27, offset=3)
    with CaptureQueriesContext(connection) as many:
        alice_client.get("/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_speaks_indonesian(now, alice_client, person):
    person_update(person=person, birth_year=1985, birth_month=3, birth_day=3)
    body = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Hari ini" in body and "Yuna Kristina berulang tahun ke-41" in body and "Selesai" in body


def test_it_says_when_only_the_most_overdue_people_are_shown(now, alice_client, workspace, monkeypatch):
    from kenal.agenda import selectors

    monkeypatch.setattr(selectors, "KEEP_IN_TOUCH_LIMIT", 2)
    with time_machine.travel(datetime(2025, 1, 1, 9, tzinfo=JAKARTA), tick=False):
        for number in range(3):
            person_create(workspace=workspace, full_name=f"Client {number}", stage="client")
    body = alice_client.get("/", **EN).content.decode()
    assert "Showing the 2 people most overdue" in body
    assert body.count('<li class="agenda-item') == 2


def test_a_later_successful_digest_clears_the_warning(now, alice_client, alice):
    DigestLog.objects.create(user=alice, digest_date=date(2026, 3, 2), status="failed", attempts=6)
    DigestLog.objects.create(user=alice, digest_date=date(2026, 3, 3), status="sent")
    assert "could not be sent" not in alice_client.get("/", **EN).content.decode()


def test_undo_brings_an_item_back(now, alice_client, alice, person):
    person_update(person=person, birth_month=3, birth_day=3)
    key = f"birthday:person:{person.pk}:2026"
    alice_client.post("/agenda/done/", {"key": key})
    alice_client.post("/agenda/undo/", {"key": key})
    assert not AgendaMark.objects.filter(user=alice).exists()
    assert "Yuna" in alice_client.get("/", **EN).content.decode()


def test_an_outsiders_done_does_not_touch_the_workspace(now, client, charlie, alice, person):
    person_update(person=person, birth_month=3, birth_day=3)
    client.force_login(charlie)
    client.post("/agenda/done/", {"key": f"birthday:person:{person.pk}:2026"})
    client.force_login(alice)
    assert "Yuna" in client.get("/", **EN).content.decode()


def test_done_refuses_every_way_out_of_the_site_and_keeps_a_local_path(now, alice_client):
    for target in ("/\\evil.com", "//evil.com", "https://evil.com"):
        response = alice_client.post("/agenda/done/", {"key": "promise:1", "next": target})
        assert response["Location"] == "/", target
    response = alice_client.post("/agenda/done/", {"key": "promise:1", "next": "/people/"})
    assert response["Location"] == "/people/"
