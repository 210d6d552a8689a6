from datetime import datetime

from kenal.commitments.models import Commitment, DueChange, Suggestion
from kenal.commitments.services import suggestions_from_messages

from .conftest import JAKARTA


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_it_needs_a_token(client, db):
    assert client.get("/api/commitments").status_code == 401
    assert (
        client.get("/api/commitments/suggestions", HTTP_AUTHORIZATION="Bearer knl_wrong").status_code == 401
    )


def test_it_lists_with_filters(client, alice_token, make_promise, now):
    make_promise("late", due_at=datetime(2026, 3, 1, 23, 59, tzinfo=JAKARTA), due_precision="day")
    make_promise("theirs", debtor_kind="contact")
    body = client.get("/api/commitments", **auth(alice_token)).json()
    assert body["count"] == 2 and body["items"][0]["what"] == "late" and body["items"][0]["overdue"]
    assert [
        i["what"] for i in client.get("/api/commitments?overdue=true", **auth(alice_token)).json()["items"]
    ] == ["late"]
    assert [
        i["what"] for i in client.get("/api/commitments?debtor=them", **auth(alice_token)).json()["items"]
    ] == ["theirs"]
    assert client.get("/api/commitments?status=done", **auth(alice_token)).json()["count"] == 0


def test_it_creates_shows_and_patches(client, alice_token, person, now):
    response = client.post(
        "/api/commitments",
        {"person": person.pk, "what": "Kirim invoice", "due": "2026-03-05"},
        content_type="application/json",
        **auth(alice_token),
    )
    assert response.status_code == 201
    promise = response.json()
    assert (promise["due"], promise["precision"], promise["vague"]) == ("2026-03-05", "day", True)
    detail = client.get(f"/api/commitments/{promise['id']}", **auth(alice_token)).json()
    assert detail["person"]["name"] == "Yuna Kristina"
    patched = client.patch(
        f"/api/commitments/{promise['id']}",
        {"due": "2026-03-06T13:00", "reason": "mundur"},
        content_type="application/json",
        **auth(alice_token),
    ).json()
    assert (patched["due"], patched["status"]) == ("2026-03-06T13:00", "renegotiated")
    assert DueChange.objects.get().reason == "mundur"
    done = client.patch(
        f"/api/commitments/{promise['id']}",
        {"status": "done"},
        content_type="application/json",
        **auth(alice_token),
    ).json()
    assert done["status"] == "done"


def test_it_rejects_hostile_bodies(client, alice_token, person, charlie):
    bad = [
        {"person": person.pk, "what": "x", "due": "besok"},
        {"person": person.pk, "what": "  "},
        {"person": person.pk, "what": "x", "debtor": "god"},
        {"person": person.pk, "what": "x", "debtor": "teammate", "debtor_user_id": charlie.pk},
    ]
    for payload in bad:
        response = client.post(
            "/api/commitments", payload, content_type="application/json", **auth(alice_token)
        )
        assert response.status_code == 400, payload
    assert (
        client.post(
            "/api/commitments",
            {"person": 99999, "what": "x"},
            content_type="application/json",
            **auth(alice_token),
        ).status_code
        == 404
    )
    assert not Commitment.objects.exists()


def test_an_outsider_gets_404_and_empty_lists(
    client, charlie_token, make_promise, press_release_chat, workspace
):
    promise = make_promise()
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    assert client.get("/api/commitments", **auth(charlie_token)).json()["count"] == 0
    assert client.get("/api/commitments/suggestions", **auth(charlie_token)).json()["count"] == 0
    assert client.get(f"/api/commitments/{promise.pk}", **auth(charlie_token)).status_code == 404
    assert (
        client.patch(
            f"/api/commitments/{promise.pk}",
            {"status": "done"},
            content_type="application/json",
            **auth(charlie_token),
        ).status_code
        == 404
    )
    assert (
        client.post(f"/api/commitments/suggestions/{suggestion.pk}/accept", **auth(charlie_token)).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/commitments/suggestions/{suggestion.pk}/dismiss", **auth(charlie_token)
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/commitments",
            {"person": promise.creditor_person_id, "what": "x"},
            content_type="application/json",
            **auth(charlie_token),
        ).status_code
        == 404
    )
    assert Commitment.objects.get().status == "open"


def test_suggestions_are_listed_accepted_and_dismissed(
    client, alice_token, workspace, press_release_chat, chat
):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    items = client.get("/api/commitments/suggestions", **auth(alice_token)).json()["items"]
    assert items[0]["vague"] and items[0]["reply"] and items[0]["due"] == "2026-03-03"
    accepted = client.post(
        f"/api/commitments/suggestions/{items[0]['id']}/accept",
        {"due": "2026-03-03T13:00"},
        content_type="application/json",
        **auth(alice_token),
    )
    assert accepted.status_code == 201 and accepted.json()["precision"] == "minute"
    assert (
        client.post(f"/api/commitments/suggestions/{items[0]['id']}/accept", **auth(alice_token)).status_code
        == 400
    )
    batch = chat([("them", "11:00", "kirim invoice lusa ya"), ("me", "11:01", "siap")], day=2)
    suggestions_from_messages(workspace=workspace, messages=batch)
    pending = client.get("/api/commitments/suggestions", **auth(alice_token)).json()["items"]
    dismissed = client.post(
        f"/api/commitments/suggestions/{pending[0]['id']}/dismiss", **auth(alice_token)
    ).json()
    assert dismissed["state"] == "dismissed"
