"""Whose client is it: the relationship owner, the handover to a teammate, and Today for the new owner."""

import json

import pytest
from django.core.exceptions import ValidationError

from kenal.accounts.models import AuditEntry
from kenal.accounts.services import member_remove, token_create
from kenal.commitments.models import Commitment
from kenal.commitments.services import commitment_create
from kenal.people.models import Handover, Person
from kenal.people.services import person_handover, person_save


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def bob_token(bob):
    return token_create(user=bob, name="test")[1]


def test_the_owner_must_be_a_member_of_the_workspace(workspace, alice, bob, charlie, person):
    person_save(workspace=workspace, user=alice, person=person, owner=bob)
    person.refresh_from_db()
    assert person.owner == bob
    with pytest.raises(ValidationError) as refused:
        person_save(workspace=workspace, user=alice, person=person, owner=charlie)
    assert "owner" in refused.value.error_dict
    person.refresh_from_db()
    assert person.owner == bob


def test_removing_a_member_keeps_them_as_owner_and_in_the_handover_history(workspace, alice, bob, person):
    person_handover(person=person, to_user=bob, by=alice, note="Bob kenal keluarganya")
    member_remove(membership=bob.memberships.get(workspace=workspace), by=alice)
    person.refresh_from_db()
    assert person.owner == bob
    assert Handover.objects.get(person=person).to_name == "Bob Pratama"


def test_the_api_shows_and_sets_the_owner_by_email_or_id(client, person, alice_token, bob, charlie):
    assert client.get(f"/api/people/{person.pk}", **auth(alice_token)).json()["owner"] is None
    response = client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"owner": "BOB@example.com"}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert response.status_code == 200
    assert response.json()["owner"] == {"id": bob.pk, "email": "bob@example.com", "name": "Bob Pratama"}
    refused = client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"owner": charlie.pk}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert refused.status_code == 400 and "owner" in refused.json()["errors"]
    cleared = client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"owner": None}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert cleared.json()["owner"] is None


def test_the_list_filters_my_people_unassigned_and_by_owner(
    client, workspace, alice, bob, person, alice_token
):
    mine = person_save(workspace=workspace, user=alice, full_name="Dimas Alice", owner=alice)
    bobs = person_save(workspace=workspace, user=alice, full_name="Rina Bob", owner=bob)

    def names(owner):
        body = client.get(f"/api/people?owner={owner}", **auth(alice_token)).json()
        return {item["name"] for item in body["items"]}

    assert names("me") == {mine.full_name}
    assert names("none") == {person.full_name}
    assert names(bob.pk) == {bobs.full_name}
    assert names("") == {mine.full_name, bobs.full_name, person.full_name}


def test_the_people_page_shows_the_owner_and_filters(alice_client, workspace, alice, bob, person):
    person_save(workspace=workspace, user=alice, full_name="Rina Bob", owner=bob)
    page = alice_client.get("/people/?owner=none").content.decode()
    assert "Yuna Kristina" in page and "Rina Bob" not in page
    page = alice_client.get(f"/people/?owner={bob.pk}").content.decode()
    assert "Rina Bob" in page and "Yuna Kristina" not in page
    assert "dipegang Bob" in page
    assert 'name="owner"' in page


def test_the_person_form_sets_the_owner_in_a_team(alice_client, bob, person):
    form = alice_client.get(f"/people/{person.pk}/edit/").content.decode()
    assert 'name="owner"' in form
    response = alice_client.post(
        f"/people/{person.pk}/edit/",
        {"full_name": person.full_name, "stage": person.stage, "owner": bob.pk, "legal_basis": "consent"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.owner == bob
    assert "Bob Pratama" in alice_client.get(f"/people/{person.pk}/").content.decode()


def test_a_one_person_workspace_has_no_owner_field(charlie_client, charlie):
    assert 'name="owner"' not in charlie_client.get("/people/new/").content.decode()


def test_handover_moves_the_owner_the_promises_and_leaves_a_trace(workspace, alice, bob, person, now):
    person_save(workspace=workspace, user=alice, person=person, owner=alice)
    alices = commitment_create(workspace=workspace, user=alice, person=person, what="Kirim proposal revisi")
    theirs = commitment_create(
        workspace=workspace, user=alice, person=person, what="Kirim data", debtor_kind="contact"
    )
    kept = commitment_create(workspace=workspace, user=alice, person=person, what="Kirim invoice")
    kept.status = Commitment.Status.DONE
    kept.save()
    person_handover(
        person=person, to_user=bob, by=alice, note="Bu Yuna suka telepon pagi", include_promises=True
    )
    person.refresh_from_db()
    assert person.owner == bob
    alices.refresh_from_db()
    theirs.refresh_from_db()
    kept.refresh_from_db()
    assert alices.debtor_user == bob and alices.debtor_name == "Bob Pratama"
    assert theirs.creditor_user == bob
    assert kept.debtor_user == alice  # a kept promise stays in the history of who kept it
    assert AuditEntry.objects.filter(action="person.handover", object_id=str(person.pk)).exists()


def test_handover_without_promises_leaves_them_with_the_old_owner(workspace, alice, bob, person):
    person_save(workspace=workspace, user=alice, person=person, owner=alice)
    promise = commitment_create(workspace=workspace, user=alice, person=person, what="Kirim proposal")
    person_handover(person=person, to_user=bob, by=alice)
    promise.refresh_from_db()
    assert promise.debtor_user == alice


def test_handover_to_an_outsider_is_refused_and_changes_nothing(workspace, alice, charlie, person):
    with pytest.raises(ValidationError):
        person_handover(person=person, to_user=charlie, by=alice)
    person.refresh_from_db()
    assert person.owner is None and not Handover.objects.exists()


def test_the_timeline_and_today_tell_the_new_owner(workspace, alice, bob, bob_client, person, now):
    person_save(workspace=workspace, user=alice, person=person, owner=alice)
    person_handover(person=person, to_user=bob, by=alice, note="Bu Yuna suka telepon pagi")
    today = bob_client.get("/").content.decode()
    assert "Yuna Kristina diserahkan kepada Anda" in today
    page = bob_client.get(f"/people/{person.pk}/").content.decode()
    assert "Diserahkan dari Alice Wulandari ke Bob Pratama" in page
    assert "Bu Yuna suka telepon pagi" in page
    # Opened: Today no longer asks.
    assert "Yuna Kristina diserahkan kepada Anda" not in bob_client.get("/").content.decode()


def test_today_says_it_in_english_for_an_english_reader(bob, bob_client, alice, person, now):
    bob.language = "en"
    bob.save()
    person_handover(person=person, to_user=bob, by=alice)
    assert "Yuna Kristina was handed over to you" in bob_client.get("/").content.decode()


def test_the_handover_api(client, person, alice_token, bob, charlie, workspace, alice):
    response = client.post(
        f"/api/people/{person.pk}/handover",
        json.dumps({"to": "bob@example.com", "note": "Tolong lanjutkan", "include_promises": True}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert response.status_code == 200
    assert response.json()["owner"]["email"] == "bob@example.com"
    refused = client.post(
        f"/api/people/{person.pk}/handover",
        json.dumps({"to": "charlie@example.com", "note": "", "include_promises": False}),
        content_type="application/json",
        **auth(alice_token),
    )
    assert refused.status_code == 400
    timeline = client.get(f"/api/people/{person.pk}/timeline", **auth(alice_token)).json()
    handover = next(item for item in timeline["items"] if item["kind"] == "handover")
    assert handover["title"] == "Diserahkan ke Bob Pratama"
    assert handover["body"] == "Tolong lanjutkan"
    assert handover["author"]["email"] == "alice@example.com"


def test_the_handover_page_form(alice_client, bob, person):
    page = alice_client.get(f"/people/{person.pk}/").content.decode()
    assert f'action="/people/{person.pk}/handover/"' in page
    response = alice_client.post(f"/people/{person.pk}/handover/", {"to": bob.pk, "note": "Lanjut ya"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.owner == bob


def test_a_viewer_may_not_hand_over_and_sees_no_form(vera_client, vera_token, client, bob, person):
    page = vera_client.get(f"/people/{person.pk}/").content.decode()
    assert "/handover/" not in page
    assert vera_client.post(f"/people/{person.pk}/handover/", {"to": bob.pk}).status_code == 403
    response = client.post(
        f"/api/people/{person.pk}/handover",
        json.dumps({"to": "bob@example.com"}),
        content_type="application/json",
        **auth(vera_token),
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.owner is None


def test_an_outsider_can_not_reach_the_handover(charlie_client, charlie_token, client, bob, person):
    assert charlie_client.post(f"/people/{person.pk}/handover/", {"to": bob.pk}).status_code == 404
    for path in ("handover", "notes"):
        response = client.post(
            f"/api/people/{person.pk}/{path}",
            json.dumps({"to": "bob@example.com", "body": "x"}),
            content_type="application/json",
            **auth(charlie_token),
        )
        assert response.status_code == 404
    for path in ("notes", "timeline"):
        assert client.get(f"/api/people/{person.pk}/{path}", **auth(charlie_token)).status_code == 404
    assert Person.objects.get(pk=person.pk).owner is None


def test_merging_keeps_the_owner_and_the_handovers(alice_client, workspace, alice, bob, person):
    from kenal.portability.services import person_merge

    person_handover(person=person, to_user=bob, by=alice, note="Lanjut")
    twin = person_save(workspace=workspace, user=alice, full_name="Yuna K.")
    person_merge(keep=twin, other=person, user=alice)
    twin.refresh_from_db()
    assert twin.owner == bob
    assert Handover.objects.get().person == twin


def test_in_a_team_whoever_adds_someone_looks_after_them(alice, alice_client):
    from kenal.accounts.services import workspace_create

    team = workspace_create(name="Cahaya PR", owner=alice)
    alice_client.post("/people/quick-add/", {"line": "Bu Yuna – klien"})
    yuna = Person.objects.get(workspace=team)
    assert yuna.owner == alice
    page = alice_client.get("/people/?owner=me", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/people/{yuna.pk}/" in page
    # In a personal workspace nobody needs to be named: it is all one person's.
    personal = person_save(
        workspace=alice.memberships.get(workspace__is_personal=True).workspace, user=alice, full_name="Raka"
    )
    assert personal.owner is None
