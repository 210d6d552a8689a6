"""Conversations over REST: the list, one conversation with its messages, message search, reply times.

Everything is inside the token's workspace: another workspace's conversation is a 404, its rows never
appear in a list. Message lists page with `limit`/`offset` and say whether there is more (`next_offset`)
instead of counting: a search over two million messages must not pay for a COUNT.
"""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error
from kenal.accounts.pagination import LazyPage, PageLimit, PageOffset
from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.conversations import selectors
from kenal.conversations.models import Conversation, Message

router = Router(tags=["conversations"])

MAX_LIMIT = 200


class ConversationOut(Schema):
    id: int
    source: str
    title: str
    person_id: int | None
    person: str | None
    participants: list[str]
    me: str | None  # the sender taken as the user, null while unknown
    is_group: bool
    message_count: int
    first_at: datetime | None
    last_at: datetime | None
    url: str


class MessageOut(Schema):
    id: int
    conversation_id: int
    at: datetime
    sender: str
    sender_address: str
    direction: str = Field(description='"me" for the user\'s own messages, "them" otherwise')
    kind: str = Field(description="text, media or deleted")
    edited: bool
    person_id: int | None
    text: str


class MessagePage(Schema):
    items: list[MessageOut]
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last page")


class ConversationDetailOut(ConversationOut):
    messages: MessagePage


class ReplySummary(Schema):
    count: int
    median_seconds: float | None
    p90_seconds: float | None
    median_working_seconds: float | None
    p90_working_seconds: float | None


class MonthOut(Schema):
    month: str
    count: int
    median_seconds: float | None
    median_working_seconds: float | None = None


class WaitingOut(Schema):
    message_id: int
    conversation_id: int
    person_id: int | None
    person: str
    at: datetime
    text: str
    hours: float
    working_hours: float


class ResponsivenessOut(Schema):
    scope: str = Field(description="workspace, person or organization")
    me: ReplySummary
    them: ReplySummary
    starts: dict[str, int]
    trend: list[MonthOut]
    waiting: list[WaitingOut]


def conversation_out(conversation: Conversation) -> dict:
    person = conversation.person
    return {
        "id": conversation.pk,
        "source": conversation.source,
        "title": conversation.title,
        "person_id": conversation.person_id,
        "person": person.full_name if person else None,
        "participants": list(conversation.participants or []),
        "me": conversation.me or None,
        "is_group": conversation.is_group,
        "message_count": conversation.message_count,
        "first_at": conversation.first_at,
        "last_at": conversation.last_at,
        "url": conversation.get_absolute_url(),
    }


def message_out(message: Message) -> dict:
    return {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "at": message.at,
        "sender": message.sender,
        "sender_address": message.sender_address,
        "direction": message.direction,
        "kind": message.kind,
        "edited": message.edited,
        "person_id": message.person_id,
        "text": message.text,
    }


def _message_page(queryset, *, limit: int, offset: int) -> dict:
    """One page of messages, fetching one row more than asked to know whether another page follows."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    rows = list(queryset[offset : offset + limit + 1])
    return {
        "items": [message_out(row) for row in rows[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


@router.get("", response=list[ConversationOut])
@paginate
def list_conversations(request, person: int | None = None, source: str = "", q: str = ""):
    """Conversations, most recent first; `person` keeps one person's, `q` searches titles and names."""
    conversations = selectors.conversations_list(
        workspace=request.workspace, query=q.strip()[:200], source=source
    )
    if person is not None:
        conversations = conversations.filter(person_id=person)
    return LazyPage(conversations, conversation_out)


@router.get("/messages", response=MessagePage)
def search_messages(
    request, q: str = "", person: int | None = None, limit: PageLimit = 30, offset: PageOffset = 0
):
    """Messages containing every word of `q` (the last one as a prefix), newest first."""
    messages = selectors.search_messages(workspace=request.workspace, query=q.strip()[:200])
    if person is not None:
        messages = messages.filter(conversation__person_id=person)
    return _message_page(messages, limit=limit, offset=offset)


@router.get("/responsiveness", response={200: ResponsivenessOut, 404: Error})
def responsiveness(request, person: int | None = None, organization: int | None = None):
    """Reply times (mine and theirs), who starts, the monthly trend, and who is waiting for a reply."""
    from kenal.people.models import Organization, Person

    scope, filters = "workspace", {}
    if person is not None:
        filters["person"] = get_scoped_or_404(Person, request.workspace, pk=person)
        scope = "person"
    elif organization is not None:
        filters["organization"] = get_scoped_or_404(Organization, request.workspace, pk=organization)
        scope = "organization"
    figures = selectors.responsiveness(workspace=request.workspace, **filters)
    waiting = selectors.waiting_for_reply(workspace=request.workspace, now=timezone.now())
    if person is not None:
        waiting = [item for item in waiting if item.person_id == person]
    elif organization is not None:
        members = set(
            scoped(Person, request.workspace)
            .filter(
                employments__organization=filters["organization"],
                employments__ended_on__isnull=True,
            )
            .values_list("id", flat=True)
        )
        waiting = [item for item in waiting if item.person_id in members]
    return {
        "scope": scope,
        "me": figures["me"],
        "them": figures["them"],
        "starts": {"me": figures["starts"].get("me", 0), "them": figures["starts"].get("them", 0)},
        "trend": figures["trend"],
        "waiting": [
            {
                "message_id": item.message_id,
                "conversation_id": item.conversation_id,
                "person_id": item.person_id,
                "person": item.person,
                "at": item.at,
                "text": item.text[:500],
                "hours": round(item.seconds / 3600, 2),
                "working_hours": round(item.working_seconds / 3600, 2),
            }
            for item in waiting
        ],
    }


@router.get("/{int:conversation_id}", response={200: ConversationDetailOut, 404: Error})
def get_conversation(request, conversation_id: int, limit: PageLimit = 100, offset: PageOffset = 0):
    """One conversation with a page of its messages, oldest first (system lines left out)."""
    conversation = get_scoped_or_404(
        Conversation.objects.select_related("person"), request.workspace, pk=conversation_id
    )
    messages = selectors.conversation_messages(conversation=conversation)
    return {**conversation_out(conversation), "messages": _message_page(messages, limit=limit, offset=offset)}
