from datetime import timedelta

from kenal.conversations.models import Conversation, Message
from kenal.conversations.selectors import working_hours
from kenal.conversations.services import reply_times_refresh
from kenal.people.models import Person
from kenal.people.services import (
    activity_add,
    contact_point_add,
    employment_add,
    fact_add,
    family_member_add,
    life_event_add,
    note_add,
    organization_get_or_create,
    person_create,
    person_link_add,
)


def test_it_leads_with_address_family_loves_and_avoid(alice_client, person):
    family_member_add(person=person, relation="child", name="Raka", birth_year=2016, school="SD Tunas")
    fact_add(person=person, category="character", value="Bima")
    fact_add(person=person, category="avoid", value="durian")
    body = alice_client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Bu Yuna" in body
    assert "Raka" in body and "SD Tunas" in body
    assert "Bima" in body
    assert body.index("durian") > body.index("Bima")


def test_it_prompts_for_what_you_dont_know_yet(alice_client, person):
    body = alice_client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You don&#x27;t know Bu Yuna&#x27;s family yet" in body


def test_an_outsider_gets_404(charlie_client, person):
    assert charlie_client.get(f"/people/{person.pk}/").status_code == 404
    assert charlie_client.get(f"/people/{person.pk}/edit/").status_code == 404
    assert charlie_client.post(f"/people/{person.pk}/delete/").status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_teammate_sees_shared_notes_but_not_private_ones(bob_client, alice, person):
    note_add(person=person, author=alice, body="shared about Raka", visibility="shared")
    note_add(person=person, author=alice, body="alice private thought", visibility="private")
    body = bob_client.get(f"/people/{person.pk}/").content.decode()
    assert "shared about Raka" in body
    assert "alice private thought" not in body


def test_the_timeline_merges_everything_newest_first(alice_client, alice, workspace, person, now):
    life_event_add(
        person=person, kind="child_sick", title="Raka sakit", happened_on=now.date().replace(day=1)
    )
    activity_add(
        workspace=workspace,
        user=alice,
        people=[person],
        kind="call",
        title="Telepon soal event",
        happened_at=now.replace(day=2),
    )
    note_add(person=person, author=alice, body="catatan terbaru")
    timeline = alice_client.get(f"/people/{person.pk}/").context["timeline"]
    titles = [entry.title or entry.body for entry in timeline]
    assert titles.index("catatan terbaru") < titles.index("Telepon soal event") < titles.index("Raka sakit")


def _person_page_queries(client, person) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(f"/people/{person.pk}/").status_code == 200
    return len(context.captured_queries)


def test_the_page_runs_at_most_15_queries_whatever_the_data(
    alice_client, alice, workspace, person, now, django_assert_max_num_queries
):
    before = _person_page_queries(alice_client, person)
    Person.objects.bulk_create(Person(workspace=workspace, full_name=f"Klien {i}") for i in range(5000))
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Yuna", thread_key="yuna", person=person
    )
    Message.objects.bulk_create(
        Message(
            workspace=workspace,
            conversation=conversation,
            direction="them" if i % 2 else "me",
            at=now - timedelta(minutes=10 * i),
            text=f"pesan {i}",
            person=person if i % 2 else None,
            fingerprint=f"m{i}",
        )
        for i in range(200)
    )
    # As an import's end does, so the page reads the stored reply times rather than every message.
    reply_times_refresh(workspace=workspace, conversations=[conversation], hours=working_hours(workspace))
    other = person_create(workspace=workspace, full_name="Ratna Sari")
    person_link_add(from_person=person, to_person=other, kind="friend_of")
    employment_add(
        person=person, organization=organization_get_or_create(workspace=workspace, name="PT Besar")
    )
    for i in range(20):
        family_member_add(person=person, relation="child", name=f"Anak {i}")
        fact_add(person=person, category="interest", value=f"minat {i}")
        note_add(person=person, author=alice, body=f"catatan {i}")
        contact_point_add(person=person, kind="email", value=f"yuna{i}@example.com")
        activity_add(
            workspace=workspace,
            user=alice,
            people=[person],
            kind="call",
            title=f"call {i}",
            happened_at=person.created_at,
        )
    # The first look at the family writes "viewed sensitive" in the audit log, once an hour: one write more.
    with django_assert_max_num_queries(16):
        alice_client.get(f"/people/{person.pk}/")
    with django_assert_max_num_queries(15):
        response = alice_client.get(f"/people/{person.pk}/")
    assert before <= 15
    body = response.content.decode()
    assert "Anak 19" in body and "minat 19" in body and "Ratna Sari" in body and "PT Besar" in body
    assert "pesan 0" in body


def test_people_of_other_workspaces_do_not_leak_into_links(alice_client, charlie, person):
    outsider_person = person_create(workspace=charlie.current_workspace, full_name="Orang Luar")
    response = alice_client.post(
        f"/people/{person.pk}/add/link/", {"kind": "friend_of", "to_person": "Orang Luar"}
    )
    assert response.status_code == 400
    assert not person.links_out.filter(to_person=outsider_person).exists()
