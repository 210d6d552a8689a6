import json

import pytest

from kenal.people.services import employment_add, organization_get_or_create, person_create


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_bad_token_gets_401(client, person):
    assert client.get("/api/people", HTTP_AUTHORIZATION="Bearer knl_wrong").status_code == 401
    assert client.get("/api/people").status_code == 401


def test_it_lists_people_with_their_contact_points(client, person, alice_token, workspace):
    person.birth_month, person.birth_day = 5, 14
    person.save()
    employment_add(
        person=person,
        organization=organization_get_or_create(workspace=workspace, name="PT Cahaya"),
        role="Brand Manager",
    )
    body = client.get("/api/people?q=yuna", **auth(alice_token)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == person.pk and item["name"] == "Yuna Kristina"
    assert item["phones"] == ["+6281311110001"]
    assert item["emails"] == ["yuna@example.com"]
    assert item["birthday"] == "--05-14"
    assert item["organization"]["name"] == "PT Cahaya"


def test_it_shows_one_person(client, person, alice_token):
    body = client.get(f"/api/people/{person.pk}", **auth(alice_token)).json()
    assert body["name"] == "Yuna Kristina"
    assert body["organization"] is None
    assert body["birthday"] is None


def test_an_outsider_gets_404_and_an_empty_list(client, person, charlie_token):
    assert client.get(f"/api/people/{person.pk}", **auth(charlie_token)).status_code == 404
    assert (
        client.patch(
            f"/api/people/{person.pk}",
            json.dumps({"name": "x"}),
            content_type="application/json",
            **auth(charlie_token),
        ).status_code
        == 404
    )
    assert client.delete(f"/api/people/{person.pk}", **auth(charlie_token)).status_code == 404
    assert client.get("/api/people", **auth(charlie_token)).json()["count"] == 0
    person.refresh_from_db()
    assert person.full_name == "Yuna Kristina"


def test_it_creates_a_person(client, alice_token, workspace):
    payload = {
        "name": "Lars Eriksen",
        "phones": ["+47 912 34 567"],
        "emails": ["Lars@Fjord.no"],
        "birthday": "1979-10-02",
        "stage": "client",
    }
    response = client.post(
        "/api/people", json.dumps(payload), content_type="application/json", **auth(alice_token)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["phones"] == ["+4791234567"] and body["emails"] == ["lars@fjord.no"]
    assert body["birthday"] == "1979-10-02"


@pytest.mark.parametrize(
    "payload", [{"name": ""}, {"name": "X", "birthday": "31-02"}, {"name": "X", "phones": ["abc"]}]
)
def test_it_refuses_bad_bodies_with_a_clear_message(client, alice_token, payload):
    response = client.post(
        "/api/people", json.dumps(payload), content_type="application/json", **auth(alice_token)
    )
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_a_phone_clash_is_refused_not_merged(client, alice_token, person):
    payload = {"name": "Orang Lain", "phones": ["0813-1111-0001"]}
    response = client.post(
        "/api/people", json.dumps(payload), content_type="application/json", **auth(alice_token)
    )
    assert response.status_code == 400
    assert "Yuna Kristina" in response.json()["detail"]


def test_it_patches_and_deletes(client, alice_token, person):
    response = client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"birthday": "--08-02", "stage": "client"}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert response.json()["birthday"] == "--08-02"
    assert response.json()["stage"] == "client"
    assert client.delete(f"/api/people/{person.pk}", **auth(alice_token)).status_code == 204
    assert client.get(f"/api/people/{person.pk}", **auth(alice_token)).status_code == 404


def test_the_list_is_paginated(client, alice_token, workspace):
    for i in range(3):
        person_create(workspace=workspace, full_name=f"Orang {i}")
    body = client.get("/api/people?limit=2&offset=2", **auth(alice_token)).json()
    assert body["count"] == 3 and [p["name"] for p in body["items"]] == ["Orang 2"]


def test_the_openapi_schema_describes_people(alice_client):
    schema = alice_client.get("/api/openapi.json").json()
    assert "/api/people" in schema["paths"]
    assert "bearer" in json.dumps(schema["components"]["securitySchemes"]).lower()


def test_the_docs_and_schema_require_login(client, db):
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code == 302
