"""Each person records why their data is kept, and since when (UU PDP): shown on their page, carried by exports."""

from datetime import date

from kenal.people.models import LegalBasis, Person
from kenal.people.services import person_create, person_update


def test_a_new_person_is_kept_for_legitimate_interest_from_today(workspace, alice, now):
    person = person_create(workspace=workspace, user=alice, full_name="Rina Saputri")
    assert (person.legal_basis, person.legal_basis_since) == (
        LegalBasis.LEGITIMATE_INTEREST,
        date(2026, 3, 3),
    )


def test_the_person_page_shows_it(alice_client, person):
    person_update(person=person, legal_basis=LegalBasis.CONTRACT, legal_basis_since=date(2025, 7, 1))
    page = alice_client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Why we keep their data" in page
    assert "Client contract, since" in page


def test_the_form_records_consent(alice_client, person):
    response = alice_client.post(
        f"/people/{person.pk}/edit/",
        {
            "full_name": "Yuna Kristina",
            "stage": "friend",
            "legal_basis": "consent",
            "legal_basis_since": "2026-01-05",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.legal_basis, person.legal_basis_since) == ("consent", date(2026, 1, 5))


def test_the_person_export_carries_it(client, alice_token, person):
    document = client.get(
        f"/api/people/{person.pk}/export", headers={"Authorization": f"Bearer {alice_token}"}
    )
    row = document.json()["kinds"]["people"][0]
    assert row["legal_basis"] == "legitimate_interest"
    assert Person.objects.get(pk=person.pk).legal_basis_since.isoformat() == row["legal_basis_since"]
