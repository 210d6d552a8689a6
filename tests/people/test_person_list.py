from kenal.people.models import Person
from kenal.people.services import (
    contact_point_add,
    employment_add,
    fact_add,
    family_member_add,
    note_add,
    organization_get_or_create,
    person_circles_set,
    person_create,
)


def names(response) -> list[str]:
    return [person.full_name for person in response.context["people"]]


def test_it_lists_the_workspaces_people(alice_client, person):
    response = alice_client.get("/people/")
    assert names(response) == ["Yuna Kristina"]


def test_an_outsider_sees_none_of_them(charlie_client, person):
    response = charlie_client.get("/people/")
    assert names(response) == []
    assert b"Yuna Kristina" not in response.content


def test_it_searches_by_name_phone_email_organization_and_notes(alice_client, alice, workspace, person):
    other = person_create(workspace=workspace, full_name="Bambang Wijaya")
    employment_add(
        person=other, organization=organization_get_or_create(workspace=workspace, name="Dinas Kominfo")
    )
    note_add(person=other, author=alice, body="suka wayang Bima", visibility="shared")
    assert names(alice_client.get("/people/?q=kristina")) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/?q=0813 1111 0001")) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/?q=+6281311110001")) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/?q=yuna@example")) == ["Yuna Kristina"]
    assert names(alice_client.get("/people/?q=kominfo")) == ["Bambang Wijaya"]
    assert names(alice_client.get("/people/?q=wayang")) == ["Bambang Wijaya"]


def test_private_notes_of_others_are_not_searchable(alice_client, bob, workspace):
    other = person_create(workspace=workspace, full_name="Bambang Wijaya")
    note_add(person=other, author=bob, body="rahasia wayang", visibility="private")
    assert names(alice_client.get("/people/?q=rahasia")) == []


def test_it_filters_by_stage_circle_and_organization(alice_client, workspace, person):
    client_person = person_create(workspace=workspace, full_name="Ratna Sari", stage="client")
    person_circles_set(person=person, names=["gankjemputan"])
    organization = organization_get_or_create(workspace=workspace, name="PT Global")
    employment_add(person=client_person, organization=organization)
    circle = person.circles.get()
    assert names(alice_client.get("/people/?stage=client")) == ["Ratna Sari"]
    assert names(alice_client.get(f"/people/?circle={circle.pk}")) == ["Yuna Kristina"]
    assert names(alice_client.get(f"/people/?organization={organization.pk}")) == ["Ratna Sari"]


def test_it_sorts_by_kenal_score(alice_client, workspace, person):
    known = person_create(workspace=workspace, full_name="Andi Known")
    family_member_add(person=known, relation="child", name="Raka")
    fact_add(person=known, category="interest", value="golf")
    assert names(alice_client.get("/people/?sort=score"))[0] == "Andi Known"
    assert names(alice_client.get("/people/?sort=-score"))[0] == "Yuna Kristina"


def test_it_paginates(alice_client, workspace):
    Person.objects.bulk_create(Person(workspace=workspace, full_name=f"Orang {i:03d}") for i in range(60))
    response = alice_client.get("/people/?page=3")
    assert len(names(response)) == 10
    assert response.context["page_obj"].number == 3


def test_an_empty_list_offers_to_import_phone_contacts(alice_client):
    response = alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="en")
    assert b"Import your phone contacts" in response.content


def test_htmx_search_returns_only_the_results(alice_client, person):
    response = alice_client.get("/people/?q=yuna", HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"Yuna Kristina" in response.content


def test_the_list_runs_a_constant_number_of_queries(
    alice_client, workspace, alice, django_assert_max_num_queries
):
    organization = organization_get_or_create(workspace=workspace, name="PT Besar")
    people = Person.objects.bulk_create(
        Person(workspace=workspace, full_name=f"Klien {i:05d}") for i in range(5000)
    )
    for person in people[:30]:
        employment_add(person=person, organization=organization)
        contact_point_add(person=person, kind="email", value=f"k{person.pk}@example.com")
    with django_assert_max_num_queries(12):
        response = alice_client.get("/people/")
    assert len(names(response)) == 25
    with django_assert_max_num_queries(12):
        alice_client.get("/people/?q=klien&sort=score&page=50")
