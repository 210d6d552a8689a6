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
