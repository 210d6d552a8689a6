"""The review inbox's Accept works for every suggestion: it asks who the promise is with when nobody is known."""

import hashlib
from datetime import datetime

import pytest

from kenal.commitments.models import Commitment, Suggestion
from kenal.commitments.services import suggestions_from_messages
from kenal.conversations.models import Conversation, Message, UnmatchedSender
from kenal.people.models import Person
from kenal.people.services import person_save

from .conftest import JAKARTA


@pytest.fixture
def nobody_chat(workspace):
    """A group chat where Bu Ratna asks and I promise; Bu Ratna is not in Kenal yet, and Pak Budi is."""
    budi = person_save(workspace=workspace, full_name="Budi Santoso")
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Proyek Batik", thread_key="batik", is_group=True
    )
    lines = [
        ("Pak Budi", "them", budi, "09:00", "pagi semua"),
        ("Bu Ratna", "them", None, "09:15", "tolong kirim penawaran besok jam 1 siang ya"),
        ("Sari", "me", None, "09:20", "siap bu"),
    ]
    messages = []
    for sender, direction, person, clock, text in lines:
        hour, minute = map(int, clock.split(":"))
        at = datetime(2026, 3, 2, hour, minute, tzinfo=JAKARTA)
        messages.append(
            Message.objects.create(
                workspace=workspace,
                conversation=conversation,
                sender=sender,
                direction=direction,
                person=person,
                at=at,
                text=text,
                fingerprint=hashlib.sha1(f"{at}{sender}{text}".encode()).hexdigest(),
            )
        )
    UnmatchedSender.objects.create(workspace=workspace, name="Bu Ratna", source="whatsapp", message_count=1)
    suggestions_from_messages(workspace=workspace, messages=messages)
    suggestion = Suggestion.objects.get()
    Suggestion.objects.filter(pk=suggestion.pk).update(person=None)
    suggestion.refresh_from_db()
    return suggestion


def accept(client, suggestion, data=None, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        f"/promises/review/{suggestion.pk}/accept/", data or {}, HTTP_ACCEPT_LANGUAGE="en", **headers
    )


def test_accept_without_a_person_asks_who_with_the_chats_senders_first(alice_client, nobody_chat):
    response = accept(alice_client, nobody_chat)
    body = response.content.decode()
    assert response.status_code == 200 and "Who is this promise with?" in body
    # The sender of the request comes first (and is checked), then the chat's other senders; never me.
    assert body.index('value="sender:Bu Ratna" checked') < body.index("Pak Budi (Budi Santoso)")
    assert "Sari" not in body.split("Who is this promise with?")[1]
    assert not Commitment.objects.exists()


def test_choosing_a_sender_nobody_knows_adds_them_and_accepts(alice_client, workspace, nobody_chat):
    response = accept(
        alice_client, nobody_chat, {"asked": "1", f"p{nobody_chat.pk}-choice": "sender:Bu Ratna"}
    )
    assert response.status_code == 200 and "Accepted" in response.content.decode()
    ratna = Person.objects.get(workspace=workspace, full_name="Bu Ratna")
    promise = Commitment.objects.get()
    assert promise.creditor_person == ratna and promise.due_precision == "minute"
    assert Message.objects.get(sender="Bu Ratna").person == ratna
    assert UnmatchedSender.objects.get().status == "linked"


def test_choosing_a_person_found_by_search_accepts_with_them(alice_client, workspace, nobody_chat):
    yuna = person_save(workspace=workspace, full_name="Yuna Kristina")
    found = alice_client.get(
        f"/promises/review/{nobody_chat.pk}/people/", {f"p{nobody_chat.pk}-q": "yuna"}, HTTP_HX_REQUEST="true"
    )
    assert f'value="person:{yuna.pk}"' in found.content.decode()
    accept(alice_client, nobody_chat, {"asked": "1", f"p{nobody_chat.pk}-choice": f"person:{yuna.pk}"})
    assert Commitment.objects.get().creditor_person == yuna


def test_a_refusal_is_shown_in_the_card_never_swallowed(alice_client, charlie, nobody_chat):
    stranger = person_save(workspace=charlie.current_workspace, full_name="Orang Lain")
    response = accept(
        alice_client, nobody_chat, {"asked": "1", f"p{nobody_chat.pk}-choice": f"person:{stranger.pk}"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Choose who the promise is with." in body
    assert f'id="suggestion-{nobody_chat.pk}"' in body and "data-show-refusals" in body
    assert not Commitment.objects.exists()


def test_accepting_twice_says_it_was_already_reviewed_in_the_card(
    alice_client, press_release_chat, workspace
):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    assert accept(alice_client, suggestion).status_code == 200 and Commitment.objects.count() == 1
    response = accept(alice_client, suggestion, {"asked": "1", f"p{suggestion.pk}-choice": "sender:x"})
    assert response.status_code == 400
    assert "This suggestion was already reviewed." in response.content.decode()


def test_an_accept_posted_without_its_fields_never_answers_500(alice_client, nobody_chat):
    for data in ({}, {"edited": "1"}, {"asked": "1"}):
        for htmx in (True, False):
            response = accept(alice_client, nobody_chat, data, htmx=htmx)
            assert response.status_code in (200, 400)
    response = accept(alice_client, nobody_chat, {"edited": "1"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


def test_without_javascript_the_question_is_its_own_page(alice_client, nobody_chat):
    response = accept(alice_client, nobody_chat, htmx=False)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body and "Who is this promise with?" in body


def test_an_outsider_cannot_search_a_suggestions_people(charlie_client, nobody_chat):
    url = f"/promises/review/{nobody_chat.pk}/people/"
    assert charlie_client.get(url, {f"p{nobody_chat.pk}-q": "budi"}).status_code == 404
