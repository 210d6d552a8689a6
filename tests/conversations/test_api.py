import pytest

from kenal.conversations.models import Conversation


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_it_lists_the_workspaces_conversations(client, imported, alice_token, person):
    response = client.get("/api/conversations", **_auth(alice_token))
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [conversation] = data["items"]
    assert conversation["title"] == "Yuna Kristina"
    assert conversation["person_id"] == person.pk
    assert conversation["message_count"] == 7
    assert conversation["me"] == "Alice"


def test_it_filters_the_list_by_person_and_pages_it(client, imported, alice_token, person):
    assert client.get(f"/api/conversations?person={person.pk}", **_auth(alice_token)).json()["count"] == 1
    assert (
        client.get(f"/api/conversations?person={person.pk + 999}", **_auth(alice_token)).json()["count"] == 0
    )
    page = client.get("/api/conversations?limit=1&offset=1", **_auth(alice_token)).json()
    assert page == {"items": [], "count": 1}


def test_the_detail_pages_its_messages_oldest_first(client, imported, alice_token):
    conversation = Conversation.objects.get()
    url = f"/api/conversations/{conversation.pk}"
    first = client.get(f"{url}?limit=5", **_auth(alice_token)).json()
    assert first["title"] == "Yuna Kristina"
    assert [m["text"] for m in first["messages"]["items"]][:2] == [
        "Halo mbak, rilisnya kapan ya?",
        "Ditunggu",
    ]
    assert first["messages"]["next_offset"] == 5
    rest = client.get(f"{url}?limit=5&offset=5", **_auth(alice_token)).json()["messages"]
    assert [m["sender"] for m in rest["items"]] == ["Pak Joko", "Yuna Kristina"]
    assert rest["items"][0]["kind"] == "media"
    assert rest["next_offset"] is None


def test_message_search_uses_full_text(client, imported, alice_token):
    found = client.get("/api/conversations/messages?q=rilisnya", **_auth(alice_token)).json()
    assert [m["text"] for m in found["items"]] == ["Halo mbak, rilisnya kapan ya?"]
    prefix = client.get("/api/conversations/messages?q=sambut", **_auth(alice_token)).json()
    assert prefix["items"][0]["text"].startswith("Susunan acara")
    assert client.get("/api/conversations/messages?q=tidakada", **_auth(alice_token)).json()["items"] == []
    assert client.get("/api/conversations/messages?q=", **_auth(alice_token)).json()["items"] == []


def test_responsiveness_for_the_workspace_and_a_person(client, imported, alice_token, person, now):
    data = client.get("/api/conversations/responsiveness", **_auth(alice_token)).json()
    assert data["scope"] == "workspace"
    assert data["me"]["count"] == 1 and data["me"]["median_seconds"] == 3600
    assert data["starts"] == {"me": 0, "them": 1}
    assert data["waiting"][0]["person"] == "Yuna Kristina"
    mine = client.get(f"/api/conversations/responsiveness?person={person.pk}", **_auth(alice_token)).json()
    assert mine["scope"] == "person" and mine["me"]["count"] == 1


def test_an_outsider_gets_404_on_details_and_empty_lists(client, imported, charlie_token, person):
    conversation = Conversation.objects.get()
    auth = _auth(charlie_token)
    assert client.get(f"/api/conversations/{conversation.pk}", **auth).status_code == 404
    assert client.get("/api/conversations", **auth).json() == {"items": [], "count": 0}
    assert client.get(f"/api/conversations?person={person.pk}", **auth).json()["count"] == 0
    assert client.get("/api/conversations/messages?q=rilisnya", **auth).json()["items"] == []
    assert client.get(f"/api/conversations/responsiveness?person={person.pk}", **auth).status_code == 404
    assert client.get("/api/conversations/responsiveness", **auth).json()["me"]["count"] == 0


@pytest.mark.parametrize("path", ["", "/1", "/messages?q=x", "/responsiveness"])
def test_a_bad_or_missing_token_gets_401(client, db, path):
    assert client.get(f"/api/conversations{path}", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    assert client.get(f"/api/conversations{path}").status_code == 401


def test_a_page_beyond_any_database_integer_is_refused_not_a_server_error(client, alice_token):
    response = client.get(
        "/api/conversations/messages?q=oke&offset=9223372036854775808",
        HTTP_AUTHORIZATION=f"Bearer {alice_token}",
    )
    assert response.status_code == 422
