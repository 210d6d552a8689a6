"""A private note is its author's alone: the workspace owner, a teammate, never sees it anywhere.

Bob (a member) writes a private note about Yuna; Alice owns the workspace. Each test looks in one place
where notes are read and finds Bob's words absent for Alice, while Bob still has them where he looks."""

import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command

from kenal.accounts.models import AuditEntry
from kenal.accounts.services import token_create
from kenal.agenda.services import digest_render, feed_token_regenerate
from kenal.people.models import Note
from kenal.people.services import note_add, person_create, person_save
from kenal.people.vcard import vcard_export_cards
from kenal.portability.exporting import person_export
from kenal.portability.services import person_merge

SECRET = "Bu Yuna sedang proses cerai"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def secret(person, bob):
    return note_add(person=person, author=bob, body=SECRET, visibility=Note.Visibility.PRIVATE)


@pytest.fixture
def shared(person, bob):
    return note_add(person=person, author=bob, body="Suka kopi susu", visibility=Note.Visibility.SHARED)


def test_the_person_page_shows_it_to_its_author_alone_with_a_lock(alice_client, bob_client, person, secret):
    assert SECRET not in alice_client.get(f"/people/{person.pk}/").content.decode()
    page = bob_client.get(f"/people/{person.pk}/").content.decode()
    assert SECRET in page
    assert 'class="private"' in page and "</svg> pribadi<" in page


def test_the_lock_speaks_english_too(bob_client, bob, person, secret):
    bob.language = "en"
    bob.save()
    page = bob_client.get(f"/people/{person.pk}/").content.decode()
    assert "</svg> private<" in page


def test_search_never_finds_a_person_by_someone_elses_private_note(
    alice_client, alice, person, secret, client
):
    page = alice_client.get("/people/", {"q": "cerai"}).content.decode()
    assert "Yuna Kristina" not in page and SECRET not in page
    token = token_create(user=alice, name="t")[1]
    assert client.get("/api/people?q=cerai", **auth(token)).json()["count"] == 0


def test_the_notes_api_gives_teammates_shared_notes_only(client, alice, bob, person, secret, shared):
    alice_token, bob_token = token_create(user=alice)[1], token_create(user=bob)[1]
    theirs = client.get(f"/api/people/{person.pk}/notes", **auth(alice_token)).json()
    assert [note["body"] for note in theirs["items"]] == ["Suka kopi susu"]
    own = client.get(f"/api/people/{person.pk}/notes", **auth(bob_token)).json()
    assert {note["body"] for note in own["items"]} == {SECRET, "Suka kopi susu"}
    assert {note["visibility"] for note in own["items"]} == {"private", "shared"}


def test_the_notes_api_writes_a_note_with_its_visibility(client, bob, alice, person):
    bob_token, alice_token = token_create(user=bob)[1], token_create(user=alice)[1]
    response = client.post(
        f"/api/people/{person.pk}/notes",
        json.dumps({"body": "Jangan telepon jam makan siang", "visibility": "private"}),
        content_type="application/json",
        **auth(bob_token),
    )
    assert response.status_code == 201
    assert response.json()["author"]["email"] == "bob@example.com"
    assert client.get(f"/api/people/{person.pk}/notes", **auth(alice_token)).json()["count"] == 0
    empty = client.post(
        f"/api/people/{person.pk}/notes",
        json.dumps({"body": "  ", "visibility": "shared"}),
        content_type="application/json",
        **auth(bob_token),
    )
    assert empty.status_code == 400 and "body" in empty.json()["errors"]
    wrong = client.post(
        f"/api/people/{person.pk}/notes",
        json.dumps({"body": "x", "visibility": "everyone"}),
        content_type="application/json",
        **auth(bob_token),
    )
    assert wrong.status_code in (400, 422)


def test_a_viewer_may_read_notes_but_not_write_them(client, vera_token, person, shared):
    assert client.get(f"/api/people/{person.pk}/notes", **auth(vera_token)).json()["count"] == 1
    response = client.post(
        f"/api/people/{person.pk}/notes",
        json.dumps({"body": "x", "visibility": "shared"}),
        content_type="application/json",
        **auth(vera_token),
    )
    assert response.status_code == 403


def test_the_timeline_api_leaves_it_out_for_teammates(client, alice, bob, person, secret):
    alice_token, bob_token = token_create(user=alice)[1], token_create(user=bob)[1]
    body = json.dumps(client.get(f"/api/people/{person.pk}/timeline", **auth(alice_token)).json())
    assert SECRET not in body
    own = client.get(f"/api/people/{person.pk}/timeline", **auth(bob_token)).json()
    note = next(item for item in own["items"] if item["kind"] == "note:private")
    assert note["body"] == SECRET and note["private"] is True
    assert note["author"] == {"id": bob.pk, "email": "bob@example.com", "name": "Bob Pratama"}


def test_the_timeline_api_is_newest_first_and_paginated(client, alice, person, now):
    for i in range(5):
        note_add(person=person, author=alice, body=f"catatan {i}", visibility="shared")
    token = token_create(user=alice)[1]
    page = client.get(f"/api/people/{person.pk}/timeline?limit=2&offset=0", **auth(token)).json()
    assert page["count"] >= 6  # five notes and the stage the person was added at
    assert len(page["items"]) == 2
    ats = [item["at"] for item in page["items"]]
    assert ats == sorted(ats, reverse=True)
    assert {"at", "kind", "title", "body", "author"} <= set(page["items"][0])


def test_the_workspace_archive_leaves_it_out(tmp_path, alice, person, secret):
    out = tmp_path / "export.zip"
    call_command("export", "--user", "alice@example.com", "-o", str(out))
    archive = zipfile.ZipFile(out)
    assert all(SECRET.encode() not in archive.read(name) for name in archive.namelist())


def test_the_persons_access_export_leaves_it_out(alice_client, alice, person, secret):
    assert SECRET not in json.dumps(person_export(person=person, user=alice))
    assert SECRET not in alice_client.get(f"/people/{person.pk}/export.json").content.decode()


def test_the_vcard_export_leaves_it_out(alice_client, workspace, person, secret):
    assert all(SECRET not in (card.note or "") for card in vcard_export_cards(workspace=workspace))
    response = alice_client.get("/people/export/vcard/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "Yuna Kristina" in text and SECRET not in text


def test_the_digest_and_today_leave_it_out(alice, alice_client, workspace, person, secret, now):
    subject, text, html, count = digest_render(user=alice, workspace=workspace, today=date(2026, 3, 3))
    assert SECRET not in text and SECRET not in html
    assert SECRET not in alice_client.get("/").content.decode()


def test_the_calendar_feed_leaves_it_out(client, alice, person, secret):
    token = feed_token_regenerate(user=alice).feed_token
    response = client.get(f"/feeds/agenda/{token}.ics")
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_duplicates_and_merge_pages_and_the_merged_person_leave_it_out(
    alice_client, workspace, alice, person, secret
):
    twin = person_create(workspace=workspace, user=alice, full_name="Yuna Kristina")
    duplicates = alice_client.get("/data/duplicates/").content.decode()
    assert "Yuna Kristina" in duplicates and SECRET not in duplicates
    merge_page = alice_client.get(f"/data/merge/{twin.pk}/{person.pk}/")
    assert merge_page.status_code == 200 and SECRET not in merge_page.content.decode()
    person_merge(keep=twin, other=person, user=alice)
    assert SECRET not in alice_client.get(f"/people/{twin.pk}/").content.decode()


def test_the_audit_trail_never_holds_its_text(alice_client, alice, person, secret, shared):
    person_save(workspace=person.workspace, user=alice, person=person, city="Bandung")
    assert not AuditEntry.objects.filter(detail__contains=SECRET).exists()
