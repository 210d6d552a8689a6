"""The WhatsApp Cloud API webhook: Meta's handshake, signed messages and statuses, replays, other numbers."""

from datetime import timedelta

import pytest
from django.test import Client

from kenal.capture.models import WhatsAppStatus
from kenal.commitments.models import Suggestion
from kenal.conversations.models import Conversation, Message, UnmatchedSender
from tests.capture.conftest import (
    PHONE_NUMBER_ID,
    YUNA_WA_ID,
    contact,
    envelope,
    post,
    text_message,
    timestamp,
)

pytestmark = pytest.mark.django_db


def hook(connection):
    return f"/hooks/whatsapp/{connection.secret}/"


def test_it_answers_metas_verification_handshake(connection):
    response = Client().get(
        hook(connection),
        {"hub.mode": "subscribe", "hub.verify_token": "kenal-verify", "hub.challenge": "1158201444"},
    )
    assert response.status_code == 200
    assert response.content == b"1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": "kenal-verify", "hub.challenge": "1"},
        {"hub.challenge": "1"},
    ],
)
def test_it_refuses_any_other_handshake(connection, query):
    assert Client().get(hook(connection), query).status_code == 403


def test_an_address_that_is_not_a_connection_is_not_found(connection):
    assert Client().get("/hooks/whatsapp/not-a-secret/", {"hub.mode": "subscribe"}).status_code == 404


def test_it_stores_a_text_in_the_contacts_conversation_without_login_or_csrf(connection, person, now):
    at = now - timedelta(minutes=5)
    payload = envelope(
        contacts=[contact()], messages=[text_message(at=at, body="Halo, drafnya sudah saya terima")]
    )
    response = post(Client(enforce_csrf_checks=True), connection, payload)
    assert response.status_code == 200
    message = Message.objects.get()
    assert (message.text, message.direction, message.person, message.sender_address) == (
        "Halo, drafnya sudah saya terima",
        "them",
        person,
        f"+{YUNA_WA_ID}",
    )
    assert message.at == at
    conversation = message.conversation
    assert (conversation.source, conversation.person, conversation.title) == ("whatsapp", person, "Yuna K")
    person.refresh_from_db()
    assert person.last_contact_at == at  # keep-in-touch reset


def test_a_promise_in_a_message_is_queued_for_review(connection, person, now):
    payload = envelope(
        contacts=[contact()],
        messages=[text_message(at=now, body="Besok jam 3 sore saya kirim revisi proposalnya ya")],
    )
    post(Client(), connection, payload)
    suggestion = Suggestion.objects.get()
    assert suggestion.person == person


def test_an_image_caption_is_stored_as_what_they_wrote(connection, person, now):
    image = {
        "from": YUNA_WA_ID,
        "id": "wamid.image1",
        "timestamp": timestamp(now),
        "type": "image",
        "image": {"caption": "Ini foto lokasinya", "mime_type": "image/jpeg", "sha256": "abc", "id": "1234"},
    }
    bare = {
        **image,
        "id": "wamid.image2",
        "image": {"mime_type": "image/jpeg", "sha256": "abd", "id": "1235"},
    }
    post(Client(), connection, envelope(contacts=[contact()], messages=[image, bare]))
    assert list(Message.objects.values_list("kind", "text")) == [
        ("text", "Ini foto lokasinya"),
        ("media", ""),
    ]


def test_a_reaction_and_a_reply_in_context_are_stored(connection, person, now):
    reaction = {
        "from": YUNA_WA_ID,
        "id": "wamid.reaction1",
        "timestamp": timestamp(now),
        "type": "reaction",
        "reaction": {"message_id": "wamid.earlier", "emoji": "👍"},
    }
    reply = text_message(
        at=now + timedelta(seconds=1),
        body="Setuju",
        wamid="wamid.reply1",
        context={"from": "15550783881", "id": "wamid.earlier"},
    )
    post(Client(), connection, envelope(contacts=[contact()], messages=[reaction, reply]))
    assert list(Message.objects.values_list("text", flat=True)) == ["👍", "Setuju"]


def test_an_unknown_type_is_kept_as_media_so_nothing_is_silently_missed(connection, person, now):
    unknown = {
        "from": YUNA_WA_ID,
        "id": "wamid.unknown1",
        "timestamp": timestamp(now),
        "type": "unknown",
        "errors": [
            {"code": 131051, "details": "Message type is not currently supported", "title": "Unsupported"}
        ],
    }
    assert post(Client(), connection, envelope(contacts=[contact()], messages=[unknown])).status_code == 200
    assert list(Message.objects.values_list("kind", "text")) == [("media", "")]


def test_a_status_updates_the_state_of_its_message_and_adds_none(connection, person, now):
    def status(state, at):
        return {
            "id": "wamid.sent-by-us",
            "status": state,
            "timestamp": timestamp(at),
            "recipient_id": YUNA_WA_ID,
            "conversation": {"id": "CONVERSATION_ID", "origin": {"type": "service"}},
            "pricing": {"billable": True, "pricing_model": "CBP", "category": "service"},
        }

    post(Client(), connection, envelope(statuses=[status("delivered", now)]))
    post(Client(), connection, envelope(statuses=[status("read", now + timedelta(minutes=1))]))
    # Meta's retries arrive out of order: a late "delivered" never undoes "read".
    post(Client(), connection, envelope(statuses=[status("delivered", now)]))
    assert Message.objects.count() == 0
    assert list(WhatsAppStatus.objects.values_list("wamid", "state")) == [("wamid.sent-by-us", "read")]


def test_the_same_webhook_delivered_twice_stores_one_message(connection, person, now):
    payload = envelope(contacts=[contact()], messages=[text_message(at=now, body="Oke")])
    assert post(Client(), connection, payload).status_code == 200
    assert post(Client(), connection, payload).status_code == 200
    assert Message.objects.count() == 1
    assert Conversation.objects.get().message_count == 1


@pytest.mark.parametrize("signature", ["", "sha256=00", "sha1=abc", None])
def test_it_refuses_a_missing_or_wrong_signature_and_stores_nothing(connection, person, now, signature):
    payload = envelope(contacts=[contact()], messages=[text_message(at=now, body="Oke")])
    if signature is None:
        response = post(Client(), connection, payload, secret="another-app-secret")
    else:
        response = post(Client(), connection, payload, signature=signature)
    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_a_payload_for_another_phone_number_id_stores_nothing(connection, person, now):
    payload = envelope(
        contacts=[contact()], messages=[text_message(at=now, body="Oke")], phone_number_id="999999999"
    )
    assert post(Client(), connection, payload).status_code == 200
    assert Message.objects.count() == 0
    assert Conversation.objects.count() == 0


def test_a_sender_no_one_matches_waits_for_review(connection, now):
    payload = envelope(
        contacts=[contact(wa_id="6285700000009", name="Pak Dimas")],
        messages=[text_message(at=now, body="Selamat pagi", wa_id="6285700000009")],
    )
    post(Client(), connection, payload)
    unmatched = UnmatchedSender.objects.get()
    assert (unmatched.name, unmatched.address, unmatched.source) == (
        "Pak Dimas",
        "+6285700000009",
        "whatsapp",
    )
    assert Conversation.objects.get().person is None


def test_a_body_that_is_not_json_is_refused_clearly(connection):
    from kenal.lib.whatsapp_cloud import sign

    body = b"not json"
    response = Client().post(
        hook(connection),
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": sign(body=body, app_secret="meta-app-secret-for-tests")},
    )
    assert response.status_code == 400


def test_the_conversation_shows_until_when_you_can_reply_freely(alice_client, connection, person, now):
    # Yesterday at 14:05 in Jakarta: the window closes today at 14:05.
    at = now - timedelta(hours=19, minutes=55)
    post(
        Client(),
        connection,
        envelope(contacts=[contact()], messages=[text_message(at=at, body="Ditunggu ya")]),
    )
    alice_client.cookies["kenal_language"] = "en"
    page = alice_client.get(Conversation.objects.get().get_absolute_url())
    assert "You can reply freely until 14:05." in page.content.decode()
    assert f"https://wa.me/{YUNA_WA_ID}" in page.content.decode()


def test_the_conversation_says_when_the_window_has_closed(alice_client, connection, person, now):
    at = now - timedelta(days=2)
    post(
        Client(),
        connection,
        envelope(contacts=[contact()], messages=[text_message(at=at, body="Ditunggu ya")]),
    )
    alice_client.cookies["kenal_language"] = "en"
    page = alice_client.get(Conversation.objects.get().get_absolute_url()).content.decode()
    assert "The 24-hour window closed at" in page
    assert "You can reply freely" not in page


def test_an_outsider_sees_none_of_it(alice_client, charlie_client, connection, person, now):
    post(
        Client(), connection, envelope(contacts=[contact()], messages=[text_message(at=now, body="Rahasia")])
    )
    conversation = Conversation.objects.get()
    assert charlie_client.get(conversation.get_absolute_url()).status_code == 404
    page = charlie_client.get("/capture/").content.decode()
    assert PHONE_NUMBER_ID not in page and connection.secret not in page
    assert charlie_client.post(f"/capture/whatsapp/{connection.pk}/remove/").status_code == 404
    assert alice_client.get("/capture/").status_code == 200
