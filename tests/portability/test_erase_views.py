"""Erasure through the person page and the API: confirmed, for owners and admins, never across workspaces."""

import pytest

from kenal.accounts.models import Membership
from kenal.people.models import Person


@pytest.fixture(autouse=True)
def english(client, alice_client, charlie_client):
    for each in (client, alice_client, charlie_client):
        each.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def team(workspace, bob):
    """Alice's workspace as a team one, where bob is a plain member."""
    workspace.is_personal = False
    workspace.save(update_fields=["is_personal"])
    return workspace


def test_the_person_page_offers_erasure_and_says_delete_is_not_it(alice_client, person):
    page = alice_client.get(person.get_absolute_url()).content.decode()
    assert f"/data/people/{person.pk}/erase/" in page
    assert "Erase for good" in page


def test_it_erases_once_the_name_is_typed(alice_client, person):
    response = alice_client.post(f"/data/people/{person.pk}/erase/", {"confirm_name": "yuna kristina"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_it_refuses_without_the_name(alice_client, person):
    response = alice_client.post(f"/data/people/{person.pk}/erase/", {"confirm_name": "Yuna"}, follow=True)
    assert "Type their full name exactly" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_confirmation_page_says_what_goes(alice_client, person):
    page = alice_client.get(f"/data/people/{person.pk}/erase/").content.decode()
    assert "cannot be undone" in page
    assert "Delete person" in page


def test_an_outsider_gets_404_on_the_page(charlie_client, person):
    assert charlie_client.get(f"/data/people/{person.pk}/erase/").status_code == 404
    assert (
        charlie_client.post(f"/data/people/{person.pk}/erase/", {"confirm_name": "Yuna Kristina"}).status_code
        == 404
    )
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_team_member_who_is_not_an_admin_is_refused(team, bob_client, person):
    bob_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert (
        bob_client.post(f"/data/people/{person.pk}/erase/", {"confirm_name": "Yuna Kristina"}).status_code
        == 403
    )
    assert Person.objects.filter(pk=person.pk).exists()


def test_an_admin_may_erase(team, bob, bob_client, person):
    Membership.objects.filter(user=bob).update(role=Membership.Role.ADMIN)
    assert (
        bob_client.post(f"/data/people/{person.pk}/erase/", {"confirm_name": "Yuna Kristina"}).status_code
        == 302
    )


def test_the_api_erases(client, alice_token, person):
    response = client.post(
        f"/api/people/{person.pk}/erase", headers={"Authorization": f"Bearer {alice_token}"}
    )
    assert response.status_code == 200
    assert response.json()["person"] == person.pk
    assert not Person.objects.filter(pk=person.pk).exists()


def test_the_api_gives_an_outsider_404(client, charlie_token, person):
    response = client.post(
        f"/api/people/{person.pk}/erase", headers={"Authorization": f"Bearer {charlie_token}"}
    )
    assert response.status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_api_refuses_a_plain_team_member(team, bob, client, person):
    from kenal.accounts.services import token_create

    key = token_create(user=bob)[1]
    response = client.post(f"/api/people/{person.pk}/erase", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
