"""The WhatsApp Business Cloud API's webhooks, read without a database: signatures, messages and statuses."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

# Media that may carry a caption; their caption is what the sender wrote.
MEDIA_TYPES = ("image", "video", "document", "audio", "sticker")
# A later status never goes back to an earlier one: webhooks arrive out of order.
STATUS_RANK = {"sent": 1, "delivered": 2, "read": 3, "failed": 4}


@dataclass(frozen=True)
class Inbound:
    """A message a customer sent to the business number."""

    message_id: str
    phone_number_id: str
    wa_id: str
    name: str
    at: datetime
    type: str
    text: str
    context_id: str = ""  # the message this one replies to, or the one a reaction is for


@dataclass(frozen=True)
class Status:
    """The state of a message the business sent: sent, delivered, read or failed."""

    message_id: str
    phone_number_id: str
    recipient_id: str
    status: str
    at: datetime


def signature_valid(*, body: bytes, header: str | None, app_secret: str) -> bool:
    """True when `X-Hub-Signature-256` is the HMAC-SHA256 of the raw body with the app secret."""
    if not header or not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :].strip().lower())


def sign(*, body: bytes, app_secret: str) -> str:
    """The `X-Hub-Signature-256` header Meta sends for `body`."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def parse_webhook(payload: object, *, received_at: datetime) -> Iterator[Inbound | Status]:
    """The messages and statuses of a webhook payload; parts without an id or a sender are skipped.

    A message without a readable timestamp is dated when it was received.
    """
    if not isinstance(payload, dict):
        return
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
            phone_number_id = str(metadata.get("phone_number_id") or "")
            names = {
                str(contact.get("wa_id") or ""): str((contact.get("profile") or {}).get("name") or "")
                for contact in _dicts(value.get("contacts"))
                if isinstance(contact.get("profile") or {}, dict)
            }
            for message in _dicts(value.get("messages")):
                inbound = _inbound(message, phone_number_id, names, received_at)
                if inbound is not None:
                    yield inbound
            for status in _dicts(value.get("statuses")):
                if status.get("id") and status.get("status") in STATUS_RANK:
                    yield Status(
                        message_id=str(status["id"]),
                        phone_number_id=phone_number_id,
                        recipient_id=str(status.get("recipient_id") or ""),
                        status=status["status"],
                        at=_moment(status.get("timestamp"), received_at),
                    )


def _inbound(
    message: dict, phone_number_id: str, names: dict[str, str], received_at: datetime
) -> Inbound | None:
    message_id, wa_id = str(message.get("id") or ""), str(message.get("from") or "")
    if not message_id or not wa_id:
        return None
    kind = str(message.get("type") or "unknown")
    body = message.get(kind) if isinstance(message.get(kind), dict) else {}
    context = message.get("context") if isinstance(message.get("context"), dict) else {}
    context_id = str(context.get("id") or "")
    if kind == "text":
        text = str(body.get("body") or "")
    elif kind in MEDIA_TYPES:
        text = str(body.get("caption") or "")
    elif kind == "reaction":
        # An empty emoji is a reaction taken back: kept as what it is, an empty reaction.
        text = str(body.get("emoji") or "")
        context_id = str(body.get("message_id") or "")
    elif kind == "button":
        text = str(body.get("text") or "")
    elif kind == "interactive":
        reply = body.get("button_reply") or body.get("list_reply") or {}
        text = str(reply.get("title") or "") if isinstance(reply, dict) else ""
    elif kind == "location":
        text = str(body.get("name") or body.get("address") or "")
    else:
        text = ""
    return Inbound(
        message_id=message_id,
        phone_number_id=phone_number_id,
        wa_id=wa_id,
        name=names.get(wa_id, ""),
        at=_moment(message.get("timestamp"), received_at),
        type=kind,
        text=text,
        context_id=context_id,
    )


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _moment(timestamp, fallback: datetime) -> datetime:
    """Meta's timestamps are Unix seconds as text."""
    try:
        return datetime.fromtimestamp(int(str(timestamp)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return fallback
