"""WhatsApp Cloud API payloads shaped as in Meta's published webhook examples, and a connected number."""

import json
from datetime import datetime

import pytest

from kenal.capture.services import whatsapp_connect
from kenal.lib.whatsapp_cloud import sign

APP_SECRET = "meta-app-secret-for-tests"
PHONE_NUMBER_ID = "106540352242922"
YUNA_WA_ID = "6281311110001"  # the `person` fixture's phone, 0813-1111-0001


@pytest.fixture
def connection(workspace, alice):
    return whatsapp_connect(
        workspace=workspace,
        user=alice,
        phone_number_id=PHONE_NUMBER_ID,
        verify_token="kenal-verify",
        app_secret=APP_SECRET,
    )


def timestamp(at: datetime) -> str:
    return str(int(at.timestamp()))


def envelope(*, messages=(), statuses=(), contacts=(), phone_number_id=PHONE_NUMBER_ID) -> dict:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": phone_number_id},
    }
    if contacts:
        value["contacts"] = list(contacts)
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }


def contact(wa_id=YUNA_WA_ID, name="Yuna K"):
    return {"profile": {"name": name}, "wa_id": wa_id}


def text_message(
    *,
    at,
    body,
    wamid="wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
    wa_id=YUNA_WA_ID,
    context=None,
):
    message = {"from": wa_id, "id": wamid, "timestamp": timestamp(at), "text": {"body": body}, "type": "text"}
    if context:
        message["context"] = context
    return message


def post(client, connection, payload, *, secret=APP_SECRET, signature=None):
    body = json.dumps(payload).encode()
    header = signature if signature is not None else sign(body=body, app_secret=secret)
    return client.post(
        f"/hooks/whatsapp/{connection.secret}/",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": header},
    )
