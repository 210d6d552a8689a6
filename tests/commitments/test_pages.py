from datetime import datetime

from kenal.commitments.models import Commitment, DueChange, Suggestion
from kenal.commitments.services import suggestions_from_messages

from .conftest import JAKARTA


def test_anonymous_users_are_sent_to_login(client):
    for url in ("/promises/", "/promises/review/", "/promises/new/", "/promises/1/"):
        assert client.get(url).status_code == 302


def test_the_index_shows_my_promises_overdue_first(alice_client, make_promise):
    make_promise("Kirim proposal", due_at=datetime(2026, 3, 9, 23, 59, tzinfo=JAKARTA), due_precision="day")
    make_promise("Kirim draft", due_at=datetime(2026, 3, 2, 23, 59, tzinfo=JAKARTA), due_precision="day")
    body = alice_client.get("/promises/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert body.index("Kirim draft") < body.index("Kirim proposal") and "overdue" in body


def test_the_index_teaches_when_empty(alice_client):
    body = alice_client.get("/promises/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Add a promise" in body and "Import chats" in body


def test_the_index_searches_and_serves_htmx_partials(alice_client, make_promise):
    make_promise("Kirim proposal")
    make_promise("Telepon Pak Budi")
    response = alice_client.get("/promises/?q=telepon", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Telepon" in body and "Kirim proposal" not in body and "<html" not in body


def test_an_outsider_sees_none_of_it(charlie_client, make_promise, press_release_chat, workspace):
    promise = make_promise("Rahasia")
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    assert "Rahasia" not in charlie_client.get("/promises/?show=all").content.decode()
    assert "press release" not in charlie_client.get("/promises/review/").content.decode()
    assert charlie_client.get(f"/promises/{promise.pk}/").status_code == 404
    assert charlie_client.post(f"/promises/{promise.pk}/status/", {"status": "done"}).status_code == 404
    assert charlie_client.post(f"/promises/{promise.pk}/due/", {"due_date": "2026-03-09"}).status_code == 404
    assert charlie_client.post(f"/promises/review/{suggestion.pk}/accept/").status_code == 404
    assert charlie_client.post(f"/promises/review/{suggestion.pk}/dismiss/").status_code == 404
    assert charlie_client.get(f"/promises/review/{suggestion.pk}/").status_code == 404
    assert charlie_client.get(f"/promises/new/?message={suggestion.source_message_id}").status_code == 404
    assert (
        charlie_client.post(
            f"/promises/person/{promise.creditor_person_id}/add/", {"promise-what": "x"}
        ).status_code
        == 404
    )
    assert Commitment.objects.get(pk=promise.pk).status == "open"


def test_it_marks_a_promise_done(alice_client, make_promise):
    promise = make_promise()
    response = alice_client.post(f"/promises/{promise.pk}/status/", {"status": "done"})
    assert response.status_code == 302
    assert Commitment.objects.get(pk=promise.pk).status == "done"


def test_it_changes_the_due_and_shows_the_history(alice_client, make_promise):
    promise = make_promise(due_at=datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA), due_precision="day")
    alice_client.post(
        f"/promises/{promise.pk}/due/",
        {"due_date": "2026-03-06", "due_time": "13:00", "reason": "klien minta mundur"},
    )
    promise.refresh_from_db()
    assert promise.due_at == datetime(2026, 3, 6, 13, tzinfo=JAKARTA) and promise.due_precision == "minute"
    assert DueChange.objects.count() == 1
    body = alice_client.get(f"/promises/{promise.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "klien minta mundur" in body


def test_a_bad_due_keeps_what_was_typed(alice_client, make_promise):
    promise = make_promise()
    response = alice_client.post(
        f"/promises/{promise.pk}/due/", {"due_date": "not a date", "reason": "keep me"}
    )
    assert response.status_code == 400 and "keep me" in response.content.decode()


def test_it_adds_a_promise_with_the_full_form(alice_client, person):
    response = alice_client.post(
        "/promises/new/",
        {"person": "Yuna Kristina", "what": "Kirim invoice", "debtor": "me", "due_date": "2026-03-05"},
    )
    promise = Commitment.objects.get()
    assert (
        response.status_code == 302 and promise.due_precision == "day" and promise.creditor_person == person
    )


def test_the_form_explains_an_unknown_person(alice_client, person):
    response = alice_client.post(
        "/promises/new/", {"person": "Nobody Here", "what": "x", "debtor": "me"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and "Nobody called Nobody Here" in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_message_fills_in_the_form_with_the_reply_to_send(alice_client, press_release_chat):
    oke = press_release_chat[1]
    body = alice_client.get(f"/promises/new/?message={oke.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Yuna Kristina" in body and "2026-03-03" in body and "Copy the reply" in body
    alice_client.post(
        "/promises/new/",
        {
            "message": oke.pk,
            "person": "Yuna Kristina",
            "what": "press release",
            "debtor": "me",
            "due_date": "2026-03-03",
        },
    )
    assert Commitment.objects.get().source_message == oke


def test_the_person_page_shows_promises_and_adds_one(alice_client, person, make_promise):
    make_promise("Kirim foto acara", debtor_kind="contact")
    body = alice_client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kirim foto acara" in body and "Open promises" in body
    alice_client.post(
        f"/promises/person/{person.pk}/add/",
        {"promise-what": "Telepon Bu Yuna", "promise-debtor": "me", "promise-due_date": "2026-03-04"},
    )
    assert Commitment.objects.filter(what="Telepon Bu Yuna", due_precision="day").exists()


def test_the_organization_page_keeps_broken_promises(alice_client, make_promise, person, workspace, alice):
    from kenal.commitments.services import commitment_set_status
    from kenal.people.models import Employment, Organization

    org = Organization.objects.create(workspace=workspace, name="Dinas Kominfo")
    Employment.objects.create(person=person, organization=org)
    commitment_set_status(commitment=make_promise("Kirim teknisi"), user=alice, status="broken")
    body = alice_client.get(f"/people/organizations/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kirim teknisi" in body


def test_the_review_inbox_accepts_edits_and_dismisses(alice_client, workspace, press_release_chat, chat):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    body = alice_client.get("/promises/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "please share your press release tomorrow" in body or "oke" in body
    assert "Copy the reply" in body and suggestion.reply.split()[0] in body
    edit = alice_client.get(
        f"/promises/review/{suggestion.pk}/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert edit.status_code == 200 and "Accept with these changes" in edit.content.decode()
    response = alice_client.post(
        f"/promises/review/{suggestion.pk}/accept/",
        {
            "edited": "1",
            f"s{suggestion.pk}-what": "Email press release",
            f"s{suggestion.pk}-person": "Yuna Kristina",
            f"s{suggestion.pk}-due_date": "2026-03-03",
            f"s{suggestion.pk}-due_time": "13:00",
        },
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and "Accepted" in response.content.decode()
    promise = Commitment.objects.get()
    assert promise.what == "Email press release" and promise.due_precision == "minute"


def test_dismissing_from_the_inbox_without_htmx_redirects(alice_client, workspace, press_release_chat):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    assert alice_client.post(f"/promises/review/{suggestion.pk}/dismiss/").status_code == 302
    assert Suggestion.objects.get().state == "dismissed" and not Commitment.objects.exists()


def test_the_index_query_count_does_not_grow(alice_client, make_promise, django_assert_max_num_queries):
    for n in range(30):
        make_promise(f"janji {n}")
    with django_assert_max_num_queries(12):
        alice_client.get("/promises/")


def test_a_vague_promise_offers_an_explicit_reply_in_its_language(alice_client, make_promise):
    promise = make_promise(
        "Kirim press release", due_at=datetime(2026, 3, 4, 23, 59, tzinfo=JAKARTA), due_precision="day"
    )
    body = alice_client.get(f"/promises/{promise.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "paling lambat jam 13.00" in body and "Copy the reply" in body


def test_the_pages_speak_indonesian(alice_client, make_promise):
    make_promise("Kirim draft", due_at=datetime(2026, 3, 2, 23, 59, tzinfo=JAKARTA), due_precision="day")
    body = alice_client.get("/promises/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Janji" in body and "terlambat" in body and "Senin, 2 Maret 2026" in body


def test_marking_a_promise_goes_back_only_to_our_own_pages(alice_client, make_promise):
    promise = make_promise()
    for target in ("/\\evil.com", "//evil.com", "https://evil.com"):
        response = alice_client.post(f"/promises/{promise.pk}/status/", {"status": "done", "next": target})
        assert response["Location"] == promise.get_absolute_url(), target
    response = alice_client.post(f"/promises/{promise.pk}/status/", {"status": "open", "next": "/promises/"})
    assert response["Location"] == "/promises/"
