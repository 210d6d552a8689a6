"""People search: through trigram indexes, inside the workspace, never into someone else's private notes."""

import pytest

from kenal.people.models import ContactPoint, Person
from kenal.people.services import (
    contact_point_add,
    employment_add,
    note_add,
    organization_get_or_create,
    person_create,
    person_update,
)


def names(response) -> list[str]:
    return [person.full_name for person in response.context["people"]]


def test_it_finds_a_phone_by_its_digits_however_they_are_typed(alice_client, workspace, person):
    other = person_create(workspace=workspace, full_name="Dimas Anggara")
    contact_point_add(person=other, kind="phone", value="+62 812-3456-7890")
    for typed in ("0812 3456", "0812-3456-7890", "+62812 3456 7890", "(0812) 34567890", "3456789"):
        assert names(alice_client.get("/people/", {"q": typed})) == ["Dimas Anggara"], typed


def test_it_finds_a_phone_stored_with_its_separators(alice_client, workspace):
    # Imports may keep a number as written: its digits are indexed all the same.
    other = person_create(workspace=workspace, full_name="Sari Dewi")
    ContactPoint.objects.create(workspace=workspace, person=other, kind="phone", value="+62812-3456-7890")
    assert names(alice_client.get("/people/", {"q": "0812 3456"})) == ["Sari Dewi"]


def test_it_never_shows_another_workspaces_people(alice_client, charlie, workspace, person):
    theirs = person_create(workspace=charlie.current_workspace, full_name="Yuna Kristanti")
    contact_point_add(person=theirs, kind="phone", value="0813-1111-0002")
    contact_point_add(person=theirs, kind="email", value="yuna@example.org")
    note_add(person=theirs, author=charlie, body="Yuna suka golf", visibility="shared")
    employment_add(
        person=theirs,
        organization=organization_get_or_create(workspace=charlie.current_workspace, name="Yuna Corp"),
    )
    for typed in ("yuna", "Kris", "0813 1111", "golf", "corp", "yu", "y"):
        assert "Yuna Kristanti" not in names(alice_client.get("/people/", {"q": typed})), typed


def test_an_outsider_finds_none_of_the_workspaces_people(charlie_client, person):
    for typed in ("yuna", "0813 1111 0001", "yuna@example", "yu"):
        assert names(charlie_client.get("/people/", {"q": typed})) == [], typed


def test_it_never_matches_the_text_of_someone_elses_private_note(alice_client, bob_client, bob, person):
    note_add(person=person, author=bob, body="rahasia keluarga zq", visibility="private")
    for typed in ("rahasia", "keluarga", "zq"):
        assert names(alice_client.get("/people/", {"q": typed})) == [], typed
        assert names(bob_client.get("/people/", {"q": typed})) == [], typed


def test_a_note_shared_later_becomes_searchable(alice_client, alice, person):
    note = note_add(person=person, author=alice, body="suka wayang Bima", visibility="private")
    assert names(alice_client.get("/people/", {"q": "wayang"})) == []
    note.visibility = "shared"
    note.save(update_fields=["visibility"])
    assert names(alice_client.get("/people/", {"q": "wayang"})) == ["Yuna Kristina"]


def test_short_queries_still_search_inside_the_workspace(alice_client, workspace, person):
    person_create(workspace=workspace, full_name="Bambang Wijaya")
    assert names(alice_client.get("/people/", {"q": "yu"})) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/", {"q": "W"})) == ["Bambang Wijaya"]
    assert names(alice_client.get("/people/", {"q": "k"})) == ["Yuna Kristina"]


def test_an_update_shows_in_search_at_once(alice_client, alice, workspace, person):
    person_update(person=person, user=alice, full_name="Yuna Purnamasari")
    assert names(alice_client.get("/people/", {"q": "purnama"})) == ["Yuna Purnamasari"]
    assert names(alice_client.get("/people/", {"q": "kristina"})) == []
    phone = person.contact_points.get(kind="phone")
    phone.value = "+6281399998888"
    phone.save()
    assert names(alice_client.get("/people/", {"q": "0813 9999"})) == ["Yuna Purnamasari"]
    assert names(alice_client.get("/people/", {"q": "0813 1111"})) == []


def test_a_renamed_organization_is_found_by_its_new_name(alice_client, workspace, person):
    organization = organization_get_or_create(workspace=workspace, name="PT Lama")
    employment_add(person=person, organization=organization)
    response = alice_client.post(f"/people/organizations/{organization.pk}/edit/", {"name": "PT Baru Jaya"})
    assert response.status_code == 302
    assert names(alice_client.get("/people/", {"q": "baru jaya"})) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/", {"q": "PT Lama"})) == []


def test_a_deleted_person_and_their_details_leave_the_search(alice_client, alice, person):
    note_add(person=person, author=alice, body="suka wayang", visibility="shared")
    assert alice_client.post(f"/people/{person.pk}/delete/").status_code == 302
    for typed in ("yuna", "wayang", "0813 1111"):
        assert names(alice_client.get("/people/", {"q": typed})) == [], typed
    assert not Person.objects.exists()


def test_search_text_is_never_read_as_query_syntax(alice_client, workspace, person):
    person_create(workspace=workspace, full_name='Budi "Bud" 100% O\'Neil_x')
    for typed in ('"Bud"', "100%", "O'Neil_x", "NEAR(a b)", "yuna OR budi", "*", "%_%"):
        response = alice_client.get("/people/", {"q": typed})
        assert response.status_code == 200, typed
    assert names(alice_client.get("/people/", {"q": "100%"})) == ['Budi "Bud" 100% O\'Neil_x']
    assert names(alice_client.get("/people/", {"q": "%_%"})) == []


def test_every_search_trigger_survives_the_migrations(db):
    # A migration that rebuilds a table on SQLite (a new column with a default) drops its triggers silently.
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("triggers keep the index only on SQLite; PostgreSQL indexes itself")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'people_%_fts_%'")
        found = {row[0] for row in cursor.fetchall()}
    tables = ("people_person", "people_organization", "people_note", "people_contactpoint")
    assert found == {f"{table}_fts_{event}" for table in tables for event in ("insert", "delete", "update")}
