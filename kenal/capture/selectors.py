"""Reads of live capture: a user's mailboxes, the workspace's WhatsApp numbers, a conversation's reply window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from kenal.accounts.scoping import scoped
from kenal.capture.models import Mailbox, WhatsAppConnection, WhatsAppStatus
from kenal.conversations.models import Conversation, Message

# Meta lets a business answer freely for 24 hours after the customer's last message; templates only after.
SERVICE_WINDOW = timedelta(hours=24)
THREAD_PREFIX = "whatsapp-cloud:"


def mailboxes_for(*, workspace, user):
    return scoped(Mailbox, workspace).filter(user=user).order_by("pk")


def whatsapp_connections(*, workspace):
    return scoped(WhatsAppConnection, workspace).order_by("pk")


@dataclass(frozen=True)
class ReplyWindow:
    wa_id: str
    until: datetime | None  # 24 hours after the customer's last message
    is_open: bool
    same_day: bool  # the window closes today, in the shown time zone
    last_status: WhatsAppStatus | None


def reply_window(*, conversation: Conversation, now: datetime | None = None) -> ReplyWindow | None:
    """The customer-service window of a WhatsApp Business conversation; None for any other conversation."""
    if conversation.source != "whatsapp" or not conversation.thread_key.startswith(THREAD_PREFIX):
        return None
    phone_number_id, _sep, wa_id = conversation.thread_key[len(THREAD_PREFIX) :].partition(":")
    last_inbound = (
        Message.objects.filter(conversation=conversation, direction=Message.Direction.THEM)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    until = last_inbound + SERVICE_WINDOW if last_inbound else None
    last_status = (
        WhatsAppStatus.objects.filter(
            workspace_id=conversation.workspace_id,
            connection__phone_number_id=phone_number_id,
            recipient=wa_id,
        )
        .order_by("-at", "-pk")
        .first()
    )
    now = now or timezone.now()
    same_day = bool(until) and timezone.localtime(until).date() == timezone.localtime(now).date()
    return ReplyWindow(
        wa_id=wa_id,
        until=until,
        is_open=bool(until and until > now),
        same_day=same_day,
        last_status=last_status,
    )
