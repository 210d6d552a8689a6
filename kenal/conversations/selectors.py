"""Reads about conversations: lists, full-text search, reply times, and who is waiting for a reply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import OperationalError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from kenal.accounts.batch import fetch_at_once
from kenal.accounts.scoping import scoped
from kenal.conversations import services
from kenal.conversations.models import (
    Conversation,
    ImportFile,
    ImportRun,
    Message,
    ReplyTime,
    UnmatchedSender,
)
from kenal.lib import responsiveness as rs
from kenal.lib.promise_cues import is_acknowledgement

WAITING_WINDOW = timedelta(days=30)  # older unanswered messages are history, not a to-do
_WORD = re.compile(r"\w+", re.UNICODE)
_TS_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FTS_IDS = "SELECT rowid FROM conversations_message_fts WHERE conversations_message_fts MATCH %s"
RARE_MATCHES = 20_000
PG_WALK_MS = 25
PG_PAGE = 31


def conversations_list(*, workspace, query: str = "", source: str = "") -> QuerySet:
    conversations = scoped(Conversation, workspace).select_related("person")
    if source:
        conversations = conversations.filter(source=source)
    if query:
        conversations = conversations.filter(
            Q(title__icontains=query) | Q(person__full_name__icontains=query)
        )
    return conversations.order_by("-last_at", "-pk")


def conversation_messages(*, conversation: Conversation) -> QuerySet:
    return (
        conversation.messages.exclude(kind=Message.Kind.SYSTEM).select_related("person").order_by("at", "pk")
    )


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression from user text: every word must appear, the last one as a prefix."""
    words = _WORD.findall(text or "")
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _pk(value) -> int:
    return value if isinstance(value, int) else value.pk


def ts_query(text: str) -> str:
    """A PostgreSQL tsquery from user text, like fts_query: every word, the last one as a prefix.

    Only letters and digits reach the query, so no user text can be read as tsquery syntax.
    """
    words = _TS_WORD.findall(text or "")
    if not words:
        return ""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def search_messages(*, workspace, query: str) -> QuerySet:
    """Messages matching every word of query, newest first: FTS5 on SQLite, tsvector on PostgreSQL."""
    messages = (
        scoped(Message, workspace).exclude(kind=Message.Kind.SYSTEM).select_related("conversation", "person")
    )
    if connection.vendor == "sqlite":
        expression = fts_query(query)
        if not expression:
            return messages.none()
        # A rare word is fastest from its matches, sorted (4 ms for 3,000 matches in 2,000,000 messages); a
        # common one by walking the time index newest first until a page is full (50 ms, where sorting its
        # 500,000 matches takes 280 ms). Counting up to RARE_MATCHES matches tells them apart.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({_FTS_IDS} LIMIT %s)", [expression, RARE_MATCHES + 1])
            rare = cursor.fetchone()[0] <= RARE_MATCHES
        matching = messages.filter(id__in=RawSQL(_FTS_IDS, [expression]))
        if rare:
            # The same workspace condition, written `+workspace_id` so that SQLite cannot walk the workspace's
            # time index (checking every message against the matches) and starts from the matches instead.
            matching = (
                Message.objects.filter(id__in=RawSQL(_FTS_IDS, [expression]))
                .exclude(kind=Message.Kind.SYSTEM)
                .extra(where=["+conversations_message.workspace_id = %s"], params=[_pk(workspace)])
                .select_related("conversation", "person")
            )
        return matching.order_by("-at", "-pk")
    if connection.vendor == "postgresql":
        expression = ts_query(query)
        if not expression:
            return messages.none()
        return _postgres_search(messages, expression)
    return messages.filter(text__icontains=query).order_by("-at", "-pk")


def _postgres_search(messages: QuerySet, expression: str) -> QuerySet:
    """Newest matches first on PostgreSQL, by whichever way is fast for this word.

    A common word is found by walking the workspace's messages newest first (3 ms at 2,000,000 messages);
    PostgreSQL picks that walk for prefix queries too, and for a rare word it reads every message (6 s).
    So the walk gets PG_WALK_MS to fill the first page; past that, the matches come from the GIN index of
    migration 0002 (its expression is repeated exactly) and are sorted.
    """
    condition = "to_tsvector('simple', conversations_message.text) @@ to_tsquery('simple', %s)"
    matching = messages.extra(where=[condition], params=[expression])
    walk = matching.order_by("-at", "-pk")
    if _first_page_in_time(walk):
        return walk
    ids = list(matching.order_by().values_list("pk", flat=True)[: RARE_MATCHES + 1])
    if len(ids) > RARE_MATCHES:
        return walk
    return messages.filter(pk__in=ids).order_by("-at", "-pk")


def _first_page_in_time(walk: QuerySet) -> bool:
    """Whether PostgreSQL fills a first page of `walk` within PG_WALK_MS."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('statement_timeout')")
            previous = cursor.fetchone()[0]
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(PG_WALK_MS)])
            list(walk.values_list("pk", flat=True)[:PG_PAGE])
            # SET LOCAL would outlive a released savepoint inside an outer transaction: restore it.
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
        return True
    except OperationalError:  # cancelled: the savepoint's rollback undid the timeout too
        return False


def unmatched_open(*, workspace) -> QuerySet:
    return scoped(UnmatchedSender, workspace).filter(status=UnmatchedSender.Status.OPEN)


OTHER_CHATS = 200  # conversations looked at for the sender common to all of them


def me_in_other_chats(*, workspace) -> list[str]:
    """The user's names in the chats imported before: the senders taken as "me" there, or else the one
    sender every other chat has (two chats or more), or nothing."""
    chats = scoped(Conversation, workspace)
    recorded = sorted(set(chats.exclude(me="").order_by().values_list("me", flat=True)[:OTHER_CHATS]))
    if recorded:
        return recorded
    senders = [
        set(names)
        for names in chats.exclude(source="email")
        .order_by("-pk")
        .values_list("participants", flat=True)[:OTHER_CHATS]
        if names
    ]
    common = set.intersection(*senders) if len(senders) > 1 else set()
    return sorted(common) if len(common) == 1 else []


RUN_QUESTIONS = 5  # chats asked about at once on an import's page


def run_me_questions(*, run: ImportRun) -> list[Conversation]:
    """The chats a finished import filled where nobody is taken as the user, and nobody answered yet."""
    if run.status != ImportRun.Status.DONE:
        return []
    answered = set((run.options or {}).get("me_none", []))
    # Email says who is me by the address in settings; a mailbox of many threads is not asked thread by thread.
    chats = (
        Conversation.objects.filter(import_files__run=run, me="")
        .exclude(pk__in=answered)
        .exclude(source="email")
    )
    return [chat for chat in chats.distinct().order_by("pk")[:RUN_QUESTIONS] if chat.participants]


def conversation_senders(*, conversation: Conversation) -> list[str]:
    """Who wrote in a chat, as written, most messages first."""
    return [name for name in conversation.participants if name]


def import_runs(*, workspace) -> QuerySet:
    return scoped(ImportRun, workspace).prefetch_related("files")


def last_conversation(*, person) -> Conversation | None:
    return scoped(Conversation, person.workspace_id).filter(person=person).order_by("-last_at").first()


def working_hours(workspace) -> rs.WorkingHours:
    days = frozenset(int(day) for day in (workspace.work_days or "").split(",") if day.strip().isdigit())
    return rs.WorkingHours(
        tz=workspace.tz,
        start=_time(workspace.work_start),
        end=_time(workspace.work_end),
        days=days or frozenset({1, 2, 3, 4, 5}),
    )


def _time(value) -> time:
    # A workspace created in this request still holds its default as text ("09:00").
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def _rows(workspace, *, conversations: QuerySet | None = None, since: datetime | None = None):
    """(conversation, id, at, direction, kind) streamed in conversation-then-time order."""
    messages = scoped(Message, workspace).filter(kind=Message.Kind.TEXT)
    if conversations is not None:
        messages = messages.filter(conversation__in=conversations)
    if since is not None:
        messages = messages.filter(at__gte=since)
    return (
        messages.order_by("conversation_id", "at", "pk")
        .values_list("conversation_id", "id", "at", "direction", "kind")
        .iterator(chunk_size=5000)
    )


def responsiveness(*, workspace, person=None, organization=None, since: datetime | None = None) -> dict:
    """Reply times (mine and theirs), who starts, and the monthly trend, on the clock and in working hours."""
    conversations = scoped(Conversation, workspace)
    if person is not None:
        conversations = conversations.filter(person=person)
    if organization is not None:
        conversations = conversations.filter(
            person__employments__organization=organization, person__employments__ended_on__isnull=True
        )
    hours = working_hours(workspace)
    replies, starts, importers = _reply_times(workspace, conversations, hours=hours, since=since)
    trend = rs.monthly(replies, side="me", tz=hours.tz)
    return {
        "members": _by_member(replies, importers),
        "me": rs.summary(replies, side="me"),
        "them": rs.summary(replies, side="them"),
        "starts": starts,
        "trend": trend,
        "trend_points": rs.sparkline_points([month["median_seconds"] for month in trend]),
    }


def _reply_times(workspace, conversations: QuerySet, *, hours: rs.WorkingHours, since: datetime | None):
    """The stored replies and starts of these conversations (brought up to date first), since `since`."""
    rows = scoped(ReplyTime, workspace).filter(conversation__in=conversations)
    if since is not None:
        rows = rows.filter(at__gte=since)
    # The conversations' stamps and their stored rows in one query; re-read only when something was stale.
    # Who imported each conversation answers for its "me" side: the messages name no user of their own.
    imports = ImportFile.objects.filter(conversation__in=conversations, run__user__isnull=False).order_by(
        "pk"
    )
    found = fetch_at_once(
        {"conversations": conversations, "rows": rows.order_by("at"), "imports": imports},
        extra={
            "imports": {
                "user_id": F("run__user_id"),
                "first": F("run__user__first_name"),
                "last": F("run__user__last_name"),
                "email": F("run__user__email"),
            }
        },
    )
    if services.reply_times_refresh(workspace=workspace, conversations=found["conversations"], hours=hours):
        found["rows"] = list(rows.order_by("at"))
    replies, starts = [], {"me": 0, "them": 0}
    for row in found["rows"]:
        if row.seconds is None:
            starts[row.side] += 1
        else:
            replies.append(rs.Reply(row.conversation_id, row.side, row.at, row.seconds, row.working_seconds))
    importers = {
        row.conversation_id: (row.user_id, f"{row.first or ''} {row.last or ''}".strip() or row.email)
        for row in found["imports"]
    }
    return replies, starts, importers


def _by_member(replies: list, importers: dict) -> list[dict]:
    """Who answers this client, how fast: each member's median reply, by the conversations they imported."""
    by_user: dict[int, list] = {}
    names = {}
    for reply in replies:
        if reply.side != "me" or reply.conversation_id not in importers:
            continue
        user_id, name = importers[reply.conversation_id]
        by_user.setdefault(user_id, []).append(reply)
        names[user_id] = name
    rows = [
        {"user_id": user_id, "name": names[user_id], **rs.summary(found, side="me")}
        for user_id, found in by_user.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["name"]))


def fairness(*, workspace, since: datetime | None = None, limit: int = 50) -> list[dict]:
    """My reply times per client, beside what the client is worth where the work app says so."""
    conversations = scoped(Conversation, workspace).filter(person__isnull=False)
    people = dict(conversations.values_list("id", "person_id"))
    replies, _starts, _importers = _reply_times(
        workspace, conversations, hours=working_hours(workspace), since=since
    )
    per_person: dict[int, list] = {}
    for reply in replies:
        if reply.side == "me":
            per_person.setdefault(people[reply.conversation_id], []).append(reply)
    from kenal.people.models import Person

    names = dict(Person.objects.filter(pk__in=per_person).values_list("id", "full_name"))
    worth = _worth(workspace, list(per_person))
    rows = [
        {
            "person_id": person_id,
            "person": names.get(person_id, ""),
            "worth": worth.get(person_id),
            **rs.summary(replies, side="me"),
        }
        for person_id, replies in per_person.items()
    ]
    rows.sort(key=lambda row: (row["worth"] is None, -(row["worth"] or 0)))
    return rows[:limit]


def _worth(workspace, people_ids: list[int]) -> dict:
    """What each person is worth, summed over the apps that register a `client_worth` (the work app's fees)."""
    from kenal.lib import registry

    worth: dict = {}
    for values in registry.hooks("client_worth"):
        for person_id, value in values(workspace=workspace, people_ids=people_ids).items():
            worth[person_id] = worth.get(person_id, 0) + value
    return worth


@dataclass(frozen=True)
class WaitingReply:
    message_id: int
    conversation_id: int
    conversation: str
    person_id: int | None
    person: str
    at: datetime
    text: str
    seconds: float
    working_seconds: float
    overdue: bool


def _waiting(*, workspace, now: datetime, threshold_hours: float) -> list[WaitingReply]:
    hours = working_hours(workspace)
    since = now - WAITING_WINDOW
    recent = scoped(Conversation, workspace).filter(last_at__gte=since)
    analysis = rs.analyse(_rows(workspace, conversations=recent, since=since), hours=hours)
    found = [item for item in rs.waiting(analysis, now=now, hours=hours) if item.at <= now]
    found = _asking(workspace, found)
    messages = (
        Message.objects.filter(pk__in=[item.message_id for item in found])
        .select_related("conversation", "conversation__person")
        .in_bulk()
    )
    threshold = threshold_hours * 3600
    result = []
    for item in found:
        message = messages[item.message_id]
        person = message.conversation.person
        result.append(
            WaitingReply(
                item.message_id,
                item.conversation_id,
                message.conversation.title,
                person.pk if person else None,
                person.full_name if person else message.sender,
                item.at,
                message.text,
                item.seconds,
                item.working_seconds,
                item.working_seconds >= threshold,
            )
        )
    return result


def _asking(workspace, found: list) -> list:
    """Drop the turns that only acknowledge ("Oke Mbak ditunggu 🙏"): nobody waits for an answer to those."""
    if not found:
        return found
    starts = {item.conversation_id: item.at for item in found}
    acknowledged = set(starts)
    turns = (
        scoped(Message, workspace)
        .filter(
            conversation_id__in=list(starts),
            at__gte=min(starts.values()),
            direction=Message.Direction.THEM,
            kind=Message.Kind.TEXT,
        )
        .values_list("conversation_id", "at", "text")
        .iterator(chunk_size=2000)
    )
    for conversation_id, at, text in turns:
        if conversation_id in acknowledged and at >= starts[conversation_id] and not is_acknowledgement(text):
            acknowledged.discard(conversation_id)
    return [item for item in found if item.conversation_id not in acknowledged]


def waiting_for_reply(*, workspace, now: datetime, threshold_hours: float = 2) -> list[WaitingReply]:
    """Client messages with no reply after threshold_hours of working time, oldest first."""
    return [
        item
        for item in _waiting(workspace=workspace, now=now, threshold_hours=threshold_hours)
        if item.overdue
    ]


def agenda_waiting_replies(*, workspace, user, start: date, end: date, today: date) -> list:
    """Agenda items for messages waiting for the user's reply, dated on the day the client wrote."""
    from django.urls import reverse

    from kenal.lib.agenda import AgendaItem, AgendaKind

    tz = workspace.tz
    now = datetime.combine(today, time.max, tzinfo=tz)
    from django.utils import timezone

    now = min(now, timezone.now()) if timezone.now().astimezone(tz).date() == today else now
    items = []
    for waiting in _waiting(workspace=workspace, now=now, threshold_hours=2):
        day = waiting.at.astimezone(tz).date()
        if day > end or (day < start and not waiting.overdue):
            continue
        items.append(
            AgendaItem(
                kind=AgendaKind.WAITING_REPLY,
                date=day,
                title=_("%(name)s is waiting for your reply") % {"name": waiting.person},
                key=f"waiting_reply:{waiting.message_id}",
                person_id=waiting.person_id,
                person=waiting.person,
                overdue=waiting.overdue,
                url=reverse("conversations:detail", args=[waiting.conversation_id]),
                detail=waiting.text[:200],
            )
        )
    return items


def person_timeline_entries(*, person, user, limit: int) -> list:
    """The person's conversations on their timeline, at the latest message."""
    from kenal.lib.timeline import TimelineEntry

    entries = []
    for conversation in scoped(Conversation, person.workspace_id).filter(
        person=person, last_at__isnull=False
    )[:limit]:
        entries.append(
            TimelineEntry(
                conversation.last_at,
                f"conversation:{conversation.source}",
                conversation.title,
                _("%(count)s messages") % {"count": conversation.message_count},
                conversation.get_source_display(),
                url=conversation.get_absolute_url(),
            )
        )
    return entries
