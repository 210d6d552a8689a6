from datetime import UTC, datetime

import pytest

from kenal.lib.whatsapp_cloud import Inbound, Status, parse_webhook, sign, signature_valid

RECEIVED = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)


def test_a_signature_is_the_hmac_sha256_of_the_raw_body():
    body = b'{"object":"whatsapp_business_account"}'
    header = sign(body=body, app_secret="s3cret")
    assert signature_valid(body=body, header=header, app_secret="s3cret")
    assert signature_valid(
        body=body, header=header.upper().replace("SHA256=", "sha256="), app_secret="s3cret"
    )


@pytest.mark.parametrize("header", [None, "", "sha256=", "sha1=abc", "sha256=zz"])
def test_it_refuses_missing_or_malformed_signatures(header):
    assert not signature_valid(body=b"{}", header=header, app_secret="s3cret")


def test_it_refuses_a_body_changed_after_signing():
    header = sign(body=b'{"a":1}', app_secret="s3cret")
    assert not signature_valid(body=b'{"a":2}', header=header, app_secret="s3cret")


def test_it_refuses_everything_without_an_app_secret():
    assert not signature_valid(body=b"{}", header=sign(body=b"{}", app_secret=""), app_secret="")


@pytest.mark.parametrize("payload", [None, [], "x", {"entry": "x"}, {"entry": [{"changes": [{"value": 3}]}]}])
def test_odd_payloads_give_nothing(payload):
    assert list(parse_webhook(payload, received_at=RECEIVED)) == []


def test_it_reads_messages_with_their_senders_name_and_statuses():
    payload = {
        "entry": [
            {
                "changes": [
                    {
                        "value": {
                            "metadata": {"phone_number_id": "123"},
                            "contacts": [{"profile": {"name": "Yuna"}, "wa_id": "628"}],
                            "messages": [
                                {
                                    "from": "628",
                                    "id": "w1",
                                    "timestamp": "1772506800",
                                    "type": "text",
                                    "text": {"body": "Hi"},
                                },
                                {
                                    "from": "628",
                                    "id": "w2",
                                    "type": "location",
                                    "location": {"name": "Kantor"},
                                },
                                {"id": "no-sender", "type": "text", "text": {"body": "?"}},
                            ],
                            "statuses": [
                                {
                                    "id": "w0",
                                    "status": "read",
                                    "timestamp": "1772506800",
                                    "recipient_id": "628",
                                },
                                {"id": "w9", "status": "deleted"},
                            ],
                        }
                    }
                ]
            }
        ]
    }
    items = list(parse_webhook(payload, received_at=RECEIVED))
    assert items == [
        Inbound("w1", "123", "628", "Yuna", datetime(2026, 3, 3, 3, 0, tzinfo=UTC), "text", "Hi"),
        Inbound("w2", "123", "628", "Yuna", RECEIVED, "location", "Kantor"),
        Status("w0", "123", "628", "read", datetime(2026, 3, 3, 3, 0, tzinfo=UTC)),
    ]
