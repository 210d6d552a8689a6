"""Client requests point at a real message of their workspace, and the engagement page lists the client's promises."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from kenal.commitments.models import Commitment
from kenal.commitments.services import commitment_create
from kenal.conversations.models import Conversation, Message
from kenal.engagements import services
from kenal.engagements.models import ClientRequest, Engagement
from kenal.engagements.selectors import linked_promises


def _message(workspace, text):
    conversation = Conversation.objects.create(
        workspace=workspace, source="whatsapp", title="Chat", thread_key=f"chat-{workspace.pk}"
    )
    return Message.objects.create(
        workspace=workspace,
        conversation=conversation,
        direction="them",
        at=datetime(2026, 3, 2, 2, 15, tzinfo=UTC),
        text=text,
        fingerprint=f"{workspace.pk}-{text}",
    )


def _log(api_client, token, engagement, **data):
    return api_client.post(
        f"/api/engagements/{engagement.pk}/requests",
        json.dumps({"text": "Tolong tambah satu siaran pers", "verdict": "unclear", **data}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_request_logged_from_a_message_keeps_the_message(client, alice_token, engagement, workspace):
    message = _message(workspace, "Mbak, bisa tambah satu siaran pers?")
    response = _log(client, alice_token, engagement, message_id=message.pk)
    assert response.status_code == 201
    assert ClientRequest.objects.get().message == message


def test_the_api_refuses_a_message_of_another_workspace(client, alice_token, engagement, charlie):
    theirs = _message(charlie.current_workspace, "Charlie's private chat")
    response = _log(client, alice_token, engagement, message_id=theirs.pk)
    assert response.status_code == 400
    assert "That message is not one of this workspace's conversations." in json.dumps(response.json())
    assert not ClientRequest.objects.exists()


@pytest.mark.parametrize("message_id", [999_999, 2**70])
def test_the_api_refuses_a_message_id_that_names_nothing(client, alice_token, engagement, message_id):
    response = _log(client, alice_token, engagement, message_id=message_id)
    assert response.status_code == 400
    assert not ClientRequest.objects.exists()


def test_the_request_form_does_not_prefill_another_workspaces_message(alice_client, engagement, charlie):
    theirs = _message(charlie.current_workspace, "Charlie's private chat")
    response = alice_client.get(reverse("engagements:request", args=[engagement.pk]), {"message": theirs.pk})
    assert response.status_code == 200
    assert "Charlie's private chat" not in response.content.decode()


def test_deleting_the_message_keeps_the_request(engagement, workspace, alice):
    message = _message(workspace, "Revisi lagi ya")
    logged = services.client_request_log(
        engagement=engagement, user=alice, text="Revisi lagi", verdict="unclear", message_id=message.pk
    )
    message.delete()
    logged.refresh_from_db()
    assert logged.message is None


def _promise(workspace, alice, ratna, what, **kwargs):
    return commitment_create(workspace=workspace, user=alice, person=ratna, what=what, **kwargs)


def test_the_engagement_lists_the_clients_open_promises(workspace, alice, ratna, engagement, person):
    owed = _promise(workspace, alice, ratna, "Kirim draf siaran pers")
    done = _promise(workspace, alice, ratna, "Kirim daftar media")
    Commitment.objects.filter(pk=done.pk).update(status=Commitment.Status.DONE)
    _promise(workspace, alice, person, "Promise to someone else")
    assert linked_promises(engagement=engagement) == [owed]


def test_the_demo_pr_campaign_shows_ratnas_open_promises(db, now, client):
    from kenal.accounts.demo import demo_load

    user = demo_load()
    campaign = Engagement.objects.get(workspace=user.current_workspace, person__full_name="Ratna Sari")
    open_promises = Commitment.objects.filter(
        workspace=user.current_workspace, status=Commitment.Status.OPEN, creditor_person=campaign.person
    )
    assert open_promises.exists()
    client.force_login(user)
    page = client.get(reverse("engagements:detail", args=[campaign.pk])).content.decode()
    for promise in open_promises:
        assert promise.what in page
