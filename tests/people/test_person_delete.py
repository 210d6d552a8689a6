"""Deleting from the person page or the API, the "Recently deleted" list, and restoring within 30 days."""

import pytest
from django.utils import translation

from kenal.people.models import DeletedPerson, Person
from kenal.people.services import contact_point_add, person_create, person_delete


@pytest.fixture(autouse=True)
def english(client, alice_client, charlie_client):
    for each in (client, alice_client, charlie_client):
        each.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_delete_confirmation_says_it_is_undoable_and_erasure_is_permanent(alice_client, person):
    page = alice_client.get(f"/people/{person.pk}/").content.decode()
    assert "restore them for 30 days" in page and "Erase for good" in page


def test_delete_sends_the_person_to_recently_deleted(alice_client, person):
    response = alice_client.post(f"/people/{person.pk}/delete/", follow=True)
    assert "Recently deleted" in response.content.decode()
    assert not Person.objects.exists()
    page = alice_client.get("/people/deleted/").content.decode()
    assert "Yuna Kristina" in page
    assert "Yuna Kristina" not in alice_client.get("/people/").content.decode()


def test_restore_brings_them_back_with_their_phone(alice_client, person):
    person_id = person.pk
    person_delete(person=person)
    response = alice_client.post(f"/people/deleted/{person_id}/restore/")
    assert response.status_code == 302 and response.url == f"/people/{person_id}/"
    assert Person.objects.get(pk=person_id).contact_points.filter(value="+6281311110001").exists()
    assert not DeletedPerson.objects.exists()


def test_a_restore_that_clashes_says_why_and_keeps_the_deletion(alice_client, alice, workspace, person):
    person_id = person.pk
    person_delete(person=person)
    other = person_create(workspace=workspace, user=alice, full_name="Yuna Baru")
    contact_point_add(person=other, kind="phone", value="0813-1111-0001")
    response = alice_client.post(f"/people/deleted/{person_id}/restore/", follow=True)
    assert "can&#x27;t be restored" in response.content.decode()
    assert DeletedPerson.objects.filter(person_id=person_id).exists()


def test_the_api_deletes_lists_and_restores(client, alice_token, person):
    person_id = person.pk
    assert client.delete(f"/api/people/{person_id}", headers=_auth(alice_token)).status_code == 204
    assert client.get(f"/api/people/{person_id}", headers=_auth(alice_token)).status_code == 404
    assert client.get("/api/people", headers=_auth(alice_token)).json()["count"] == 0
    listed = client.get("/api/people/deleted", headers=_auth(alice_token)).json()
    assert [(item["id"], item["name"]) for item in listed["items"]] == [(person_id, "Yuna Kristina")]
    response = client.post(f"/api/people/{person_id}/restore", headers=_auth(alice_token))
    assert response.status_code == 200 and response.json()["name"] == "Yuna Kristina"
    assert client.get("/api/people/deleted", headers=_auth(alice_token)).json()["count"] == 0


def test_the_api_answers_a_clash_with_400(client, alice, alice_token, workspace, person):
    person_id = person.pk
    person_delete(person=person)
    other = person_create(workspace=workspace, user=alice, full_name="Yuna Baru")
    contact_point_add(person=other, kind="phone", value="0813-1111-0001")
    response = client.post(f"/api/people/{person_id}/restore", headers=_auth(alice_token))
    assert response.status_code == 400 and "can't be restored" in response.json()["detail"]


def test_an_outsider_sees_nothing_and_restores_nothing(client, charlie_client, charlie_token, person):
    person_id = person.pk
    person_delete(person=person)
    assert "Yuna" not in charlie_client.get("/people/deleted/").content.decode()
    assert charlie_client.post(f"/people/deleted/{person_id}/restore/").status_code == 404
    assert client.get("/api/people/deleted", headers=_auth(charlie_token)).json()["count"] == 0
    assert client.post(f"/api/people/{person_id}/restore", headers=_auth(charlie_token)).status_code == 404
    assert DeletedPerson.objects.filter(person_id=person_id).exists()


def test_a_viewer_may_look_but_not_restore(client, vera_client, vera_token, person):
    vera_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    person_id = person.pk
    person_delete(person=person)
    assert "Yuna Kristina" in vera_client.get("/people/deleted/").content.decode()
    assert vera_client.post(f"/people/deleted/{person_id}/restore/").status_code == 403
    assert client.post(f"/api/people/{person_id}/restore", headers=_auth(vera_token)).status_code == 403
    assert DeletedPerson.objects.filter(person_id=person_id).exists()


def test_the_list_speaks_indonesian(alice, alice_client, person):
    person_id = person.pk
    person_delete(person=person)
    alice_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    page = alice_client.get("/people/deleted/").content.decode()
    assert "Baru dihapus" in page and "Pulihkan" in page and f"/people/deleted/{person_id}/restore/" in page
