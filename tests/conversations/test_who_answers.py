"""Who answers this client, how fast: each member's median reply, by the conversations they imported."""

from kenal.people.services import employment_add, organization_get_or_create


def test_a_teammate_sees_who_answers_the_client_and_how_fast(bob_client, alice_client, imported, person):
    page = bob_client.get(f"/people/{person.pk}/").content.decode()
    assert "Siapa yang membalas mereka" in page
    # Yuna wrote at 09.15, Alice answered at 10.15: an hour, in the reader's language.
    assert "Alice Wulandari" in page and "median 1 jam · 1×" in page
    # Alone in answering, Alice is not told about herself.
    assert "Siapa yang membalas mereka" not in alice_client.get(f"/people/{person.pk}/").content.decode()


def test_the_organization_page_shows_it_too_in_english(bob, bob_client, imported, person, workspace):
    bob.language = "en"
    bob.save()
    organization = organization_get_or_create(workspace=workspace, name="PT Cahaya")
    employment_add(person=person, organization=organization)
    page = bob_client.get(f"/people/organizations/{organization.pk}/").content.decode()
    assert "Who answers them" in page and "Alice Wulandari" in page and "median 1 hour · 1×" in page
