"""Creating a person from an unmatched chat sender goes through person_save."""

from kenal.accounts.models import AuditEntry
from kenal.conversations.models import UnmatchedSender
from kenal.people.models import Person


def sender(workspace, name):
    return UnmatchedSender.objects.create(workspace=workspace, name=name, address="", source="whatsapp")


def test_it_creates_the_person_with_the_senders_number_and_an_audit_entry(alice_client, alice, workspace):
    unmatched = sender(workspace, "+62 812-0000-0009")
    response = alice_client.post(f"/conversations/review/{unmatched.pk}/", {"action": "create"})
    assert response.status_code == 302
    created = Person.objects.get()
    assert list(created.contact_points.values_list("value", flat=True)) == ["+6281200000009"]
    assert AuditEntry.objects.filter(action="person.create", user=alice).exists()


def test_it_shows_a_clash_with_someone_elses_number_instead_of_failing(alice_client, workspace, person):
    unmatched = sender(workspace, "+62 813-1111-0001")
    response = alice_client.post(f"/conversations/review/{unmatched.pk}/", {"action": "create"}, follow=True)
    assert response.status_code == 200 and "Yuna Kristina" in response.content.decode()
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Yuna Kristina"]
