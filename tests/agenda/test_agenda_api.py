import json

import pytest

from kenal.people.services import person_update


def test_it_lists_the_items_for_a_span(now, client, alice_token, person):
    person_update(person=person, birth_month=3, birth_day=5)
    response = client.get("/api/agenda?date=2026-03-03&days=7", HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert response.status_code == 200
    [item] = response.json()
    assert item["kind"] == "birthday" and item["date"] == "2026-03-05" and item["person_id"] == person.pk
    assert item["overdue"] is False


def test_it_defaults_to_today(now, client, alice_token, person):
    person_update(person=person, birth_month=3, birth_day=3)
    response = client.get("/api/agenda", HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert [item["date"] for item in response.json()] == ["2026-03-03"]


def test_an_outsider_gets_an_empty_list(now, client, charlie_token, person):
    person_update(person=person, birth_month=3, birth_day=3)
    response = client.get("/api/agenda?days=30", HTTP_AUTHORIZATION=f"Bearer {charlie_token}")
    assert response.status_code == 200 and response.json() == []


def test_it_needs_a_token(client, db):
    assert client.get("/api/agenda").status_code == 401


def test_it_refuses_bad_parameters(now, client, alice_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    assert client.get("/api/agenda?date=yesterday", **auth).status_code == 422
    assert client.get("/api/agenda?days=0", **auth).status_code == 422
    assert client.get("/api/agenda?days=5000", **auth).status_code == 422


# Done, snooze and undo ----------------------------------------------------------------------------------


def _keys(client, token, url="/api/agenda?days=14"):
    return [item["key"] for item in client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()]


@pytest.fixture
def birthday_key(now, person):
    person_update(person=person, birth_month=3, birth_day=10)
    return f"birthday:person:{person.pk}:2026"


def test_done_hides_the_item_and_undo_brings_it_back(client, alice_token, birthday_key):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    assert _keys(client, alice_token) == [birthday_key]
    done = client.post(f"/api/agenda/items/{birthday_key}/done", **auth)
    assert done.status_code == 200
    assert done.json() == {"key": birthday_key, "done": True, "snoozed_until": None}
    assert _keys(client, alice_token) == []
    assert client.delete(f"/api/agenda/items/{birthday_key}/mark", **auth).status_code == 204
    assert _keys(client, alice_token) == [birthday_key]
    # Undo on an item without a mark is harmless.
    assert client.delete(f"/api/agenda/items/{birthday_key}/mark", **auth).status_code == 204


def test_snooze_hides_the_item_until_the_day(client, alice_token, birthday_key):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    snoozed = client.post(
        f"/api/agenda/items/{birthday_key}/snooze",
        json.dumps({"until": "2026-03-08"}),
        content_type="application/json",
        **auth,
    )
    assert snoozed.status_code == 200 and snoozed.json()["snoozed_until"] == "2026-03-08"
    assert _keys(client, alice_token) == []
    assert _keys(client, alice_token, "/api/agenda?date=2026-03-07&days=7") == []
    assert _keys(client, alice_token, "/api/agenda?date=2026-03-08&days=7") == [birthday_key]
    # A snoozed item can be marked done, and undone.
    assert client.post(f"/api/agenda/items/{birthday_key}/done", **auth).json()["done"] is True
    assert client.delete(f"/api/agenda/items/{birthday_key}/mark", **auth).status_code == 204
    assert _keys(client, alice_token) == [birthday_key]


def test_snooze_refuses_a_day_that_is_not_ahead(client, alice_token, birthday_key):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    url = f"/api/agenda/items/{birthday_key}/snooze"
    for until, status in (("2026-03-03", 400), ("2026-03-02", 400), ("2026-06-02", 400), ("soon", 422)):
        response = client.post(url, json.dumps({"until": until}), content_type="application/json", **auth)
        assert response.status_code == status, until
    assert client.post(url, **auth).status_code == 400  # no body
    assert _keys(client, alice_token) == [birthday_key]


def test_a_key_not_on_the_agenda_gives_404(client, alice_token, birthday_key):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    for key in ("promise:999999", "birthday:person:999999:2026", "nonsense", f"{birthday_key}0"):
        assert client.post(f"/api/agenda/items/{key}/done", **auth).status_code == 404, key
        assert client.delete(f"/api/agenda/items/{key}/mark", **auth).status_code == 404, key


def test_an_outsider_gets_404_for_someone_elses_key(client, alice_token, charlie_token, birthday_key):
    charlie = {"HTTP_AUTHORIZATION": f"Bearer {charlie_token}"}
    alice = {"HTTP_AUTHORIZATION": f"Bearer {alice_token}"}
    assert client.post(f"/api/agenda/items/{birthday_key}/done", **alice).status_code == 200
    assert client.post(f"/api/agenda/items/{birthday_key}/done", **charlie).status_code == 404
    assert (
        client.post(
            f"/api/agenda/items/{birthday_key}/snooze",
            json.dumps({"until": "2026-03-08"}),
            content_type="application/json",
            **charlie,
        ).status_code
        == 404
    )
    assert client.delete(f"/api/agenda/items/{birthday_key}/mark", **charlie).status_code == 404
    assert _keys(client, alice_token) == []  # alice's mark is untouched


def test_marking_needs_a_token(client, birthday_key):
    assert client.post(f"/api/agenda/items/{birthday_key}/done").status_code == 401
    assert (
        client.post(
            f"/api/agenda/items/{birthday_key}/snooze",
            json.dumps({"until": "2026-03-08"}),
            content_type="application/json",
        ).status_code
        == 401
    )
    assert client.delete(f"/api/agenda/items/{birthday_key}/mark").status_code == 401
