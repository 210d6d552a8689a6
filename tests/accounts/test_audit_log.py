"""The audit log: field changes (django-auditlog) and domain events (AuditEntry) on one page and endpoint,
for owners and admins only; private notes never in it; an erased person's changes gone from it."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from kenal.accounts.models import AuditEntry, Membership
from kenal.accounts.services import membership_add, token_create, user_create
from kenal.people.models import Note
from kenal.people.services import (
    family_member_add,
    life_event_add,
    note_add,
    person_create,
    person_handover,
    person_save,
)
from kenal.portability.services import person_erase


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_change_on_the_page_is_logged_with_who_made_it(alice_client, bob_client, bob, person):
    bob_client.post(
        f"/people/{person.pk}/edit/",
        {"full_name": person.full_name, "stage": person.stage, "city": "Bandung", "legal_basis": "consent"},
    )
    entry = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == bob
    assert entry.changes["city"] == ["", "Bandung"]
    page = alice_client.get("/settings/audit/").content.decode()
    assert "Bob Pratama" in page and "city" in page


def test_a_change_over_the_api_is_logged_with_the_tokens_user(client, bob, person):
    token = token_create(user=bob)[1]
    client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"city": "Medan"}),
        content_type="application/json",
        **auth(token),
    )
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == bob and entry.changes["city"][1] == "Medan"


def test_the_api_merges_events_and_changes_newest_first(client, alice, bob, workspace, person, alice_token):
    person_handover(person=person, to_user=bob, by=alice, note="x")
    body = client.get("/api/audit", **auth(alice_token)).json()
    actions = [item["action"] for item in body["items"]]
    assert "person.handover" in actions and "create" in actions
    ats = [item["at"] for item in body["items"]]
    assert ats == sorted(ats, reverse=True)
    handover = next(item for item in body["items"] if item["action"] == "person.handover")
    assert handover["actor"] == {"id": alice.pk, "email": "alice@example.com", "name": "Alice Wulandari"}
    assert handover["object_type"] == "person" and handover["object_id"] == str(person.pk)
    only = client.get("/api/audit?action=person.handover", **auth(alice_token)).json()
    assert {item["action"] for item in only["items"]} == {"person.handover"}
    by_bob = client.get(f"/api/audit?who={bob.pk}", **auth(alice_token)).json()
    assert by_bob["count"] == 0
    later = client.get("/api/audit?since=2099-01-01", **auth(alice_token)).json()
    assert later["count"] == 0


def test_the_page_filters_and_pages(alice_client, alice, workspace):
    for i in range(60):
        person_create(workspace=workspace, user=alice, full_name=f"Klien {i}")
    page = alice_client.get("/settings/audit/?action=create").content.decode()
    assert "Klien 59" in page and "Klien 0<" not in page
    assert 'rel="next"' in page
    assert "Klien 0" in alice_client.get("/settings/audit/?action=create&page=2").content.decode()


def test_members_and_viewers_get_403_and_outsiders_see_only_their_own(
    bob_client, vera_client, charlie_client, client, bob, vera_token, charlie_token, person
):
    assert bob_client.get("/settings/audit/").status_code == 403
    assert vera_client.get("/settings/audit/").status_code == 403
    assert client.get("/api/audit", **auth(vera_token)).status_code == 403
    assert client.get("/api/audit", **auth(token_create(user=bob)[1])).status_code == 403
    # Charlie owns his own workspace: he reads its trail, never alice's.
    assert "Yuna" not in charlie_client.get("/settings/audit/").content.decode()
    assert "Yuna" not in json.dumps(client.get("/api/audit", **auth(charlie_token)).json())


def test_an_admin_reads_it(client, workspace, person):
    admin = user_create(email="ade@example.com", password="password-ade-123", name="Ade Admin")
    membership_add(workspace=workspace, user=admin, role=Membership.Role.ADMIN)
    admin.current_workspace = workspace
    admin.save()
    assert client.get("/api/audit", **auth(token_create(user=admin)[1])).json()["count"] >= 1


def test_opening_a_sensitive_page_is_logged_once_an_hour(
    alice_client, bob_client, bob, person, now, time_machine
):
    bob_client.get(f"/people/{person.pk}/")
    assert not AuditEntry.objects.filter(action="person.view_sensitive").exists()
    life_event_add(person=person, kind="illness", title="Operasi jantung", happened_on=now.date())
    bob_client.get(f"/people/{person.pk}/")
    bob_client.get(f"/people/{person.pk}/")
    viewed = AuditEntry.objects.filter(action="person.view_sensitive", user=bob)
    assert viewed.count() == 1
    time_machine.move_to(now.replace(hour=now.hour + 2))
    bob_client.get(f"/people/{person.pk}/")
    assert viewed.count() == 2
    page = alice_client.get("/settings/audit/?action=person.view_sensitive").content.decode()
    assert "Bob Pratama" in page


def test_family_on_the_page_counts_as_sensitive(bob_client, bob, person):
    family_member_add(person=person, relation="child", name="Raka")
    bob_client.get(f"/people/{person.pk}/")
    assert AuditEntry.objects.filter(
        action="person.view_sensitive", user=bob, object_id=str(person.pk)
    ).exists()


def test_exports_are_logged(alice_client, alice, person, tmp_path):
    alice_client.get(f"/data/people/{person.pk}/export.json")
    call_command("export", "--user", "alice@example.com", "-o", str(tmp_path / "x.zip"))
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {"person.export", "workspace.export"}


def test_private_notes_never_reach_the_trail(alice_client, client, alice_token, bob, person):
    note_add(person=person, author=bob, body="Rahasia: sedang sakit", visibility=Note.Visibility.PRIVATE)
    assert not LogEntry.objects.filter(object_repr__icontains="Rahasia").exists()
    assert "Rahasia" not in json.dumps(list(LogEntry.objects.values_list("changes", flat=True)))
    assert "Rahasia" not in alice_client.get("/settings/audit/").content.decode()
    assert "Rahasia" not in json.dumps(client.get("/api/audit?limit=500", **auth(alice_token)).json())


def test_erasure_takes_the_persons_changes_out_of_the_trail(workspace, alice, person):
    person_save(workspace=workspace, user=alice, person=person, city="Bandung")
    family_member_add(person=person, relation="child", name="Raka Kristina")
    assert LogEntry.objects.filter(additional_data__person=person.pk).exists()
    person_erase(person=person, user=alice)
    names = json.dumps(list(LogEntry.objects.values_list("object_repr", "changes")))
    assert "Yuna" not in names and "Raka" not in names


@pytest.fixture
def time_machine():
    import time_machine as tm

    class Mover:
        def move_to(self, moment):
            self.traveller = tm.travel(moment, tick=False)
            self.traveller.start()

    mover = Mover()
    yield mover
    if hasattr(mover, "traveller"):
        mover.traveller.stop()


def test_the_page_names_what_happened_in_the_readers_language(alice_client, alice, workspace, person):
    from kenal.accounts.services import invitation_create
    from kenal.people.services import contact_point_add

    contact_point_add(person=person, kind="email", value="yuna@example.com")
    invitation_create(workspace=workspace, email="dina@example.com", role="member", by=alice)
    page = alice_client.get("/settings/audit/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "mengundang seseorang" in page and "kontak" in page
    assert ">invitation.create<" not in page and "contactpoint" not in page
    page = alice_client.get("/settings/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "invited someone" in page and "contact #" in page
