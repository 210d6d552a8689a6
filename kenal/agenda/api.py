"""Agenda over REST: GET /api/agenda?date=&days= lists what needs attention; done, snooze and undo by item key.

An item key contains colons ("promise:42", "birthday:person:7:2026", "keep_in_touch:3:1767225600000000") and
never a slash; it goes into the path as it is, e.g. POST /api/agenda/items/promise:42/done.
"""

import datetime as dt
from datetime import timedelta

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from kenal.accounts.api_schemas import Error
from kenal.agenda import services
from kenal.agenda.forms import SNOOZE_MAX_DAYS
from kenal.agenda.selectors import MAX_DAYS, agenda, agenda_key_visible, local_today

router = Router(tags=["agenda"])


class AgendaItemOut(Schema):
    kind: str
    date: dt.date
    title: str
    key: str
    person_id: int | None
    person: str
    overdue: bool
    url: str
    detail: str
    years: int | None


class AgendaQuery(Schema):
    date: dt.date | None = Field(
        None, description="First day, YYYY-MM-DD; today in the workspace's time zone if empty"
    )
    days: int = Field(1, ge=1, le=MAX_DAYS)


class SnoozeIn(Schema):
    until: dt.date = Field(
        ...,
        description=f"Hide the item until this day, YYYY-MM-DD: after today, at most "
        f"{SNOOZE_MAX_DAYS} days ahead",
    )


class MarkOut(Schema):
    key: str
    done: bool
    snoozed_until: dt.date | None


@router.get(
    "", response=list[AgendaItemOut], summary="What needs attention from a day on, plus what is overdue"
)
def list_agenda(request, filters: Query[AgendaQuery]):
    start = filters.date or local_today(request.workspace)
    return [
        item.as_json() | {"date": item.date}
        for item in agenda(
            workspace=request.workspace, user=request.auth, start=start, days=filters.days, today=start
        )
    ]


def _visible_key(request, key: str) -> str:
    """The key of an item on the user's agenda in their workspace (marked or not); 404 for any other key."""
    if not agenda_key_visible(workspace=request.workspace, user=request.auth, key=key):
        raise HttpError(404, "Not Found")
    return key


def _mark_out(mark) -> dict:
    return {"key": mark.key, "done": mark.done_at is not None, "snoozed_until": mark.snoozed_until}


@router.post(
    "/items/{key}/done", response={200: MarkOut, 400: Error, 404: Error}, summary="Mark an agenda item done"
)
def mark_done(request, key: str):
    """Mark one agenda item done, as the Today page's "Done" button does; it leaves GET /api/agenda.

    `key` is the item's `key` from GET /api/agenda, colons and all, e.g. `/api/agenda/items/promise:42/done`.
    A key that is not on the user's agenda in their workspace answers 404.
    """
    key = _visible_key(request, key)
    mark = services.agenda_mark_done(user=request.auth, key=key)
    return _mark_out(mark)


@router.post(
    "/items/{key}/snooze",
    response={200: MarkOut, 400: Error, 404: Error},
    summary="Snooze an agenda item until a day",
)
def mark_snooze(request, key: str, payload: SnoozeIn):
    """Hide one agenda item until `until` (body `{"until": "YYYY-MM-DD"}`), as the Today page's "Snooze" does.

    It is back on GET /api/agenda on that day. `until` must be after today (in the workspace's time zone) and
    at most 90 days ahead. `key` is the item's `key` from GET /api/agenda, colons and all, e.g.
    `/api/agenda/items/birthday:person:7:2026/snooze`. A key not on the user's agenda answers 404.
    """
    key = _visible_key(request, key)
    today = local_today(request.workspace)
    if not today < payload.until <= today + timedelta(days=SNOOZE_MAX_DAYS):
        raise HttpError(
            400, f"until must be after {today.isoformat()} and at most {SNOOZE_MAX_DAYS} days ahead"
        )
    mark = services.agenda_mark_snooze(user=request.auth, key=key, until=payload.until)
    return _mark_out(mark)


@router.delete("/items/{key}/mark", response={204: None, 404: Error}, summary="Undo a done or a snooze")
def mark_clear(request, key: str):
    """Undo a done or a snooze, as the Today page's "Undo" does: the item is back on GET /api/agenda.

    `key` is the item's `key`, colons and all, e.g. `/api/agenda/items/promise:42/mark`. Answers 204 (also when
    the item had no mark); a key not on the user's agenda in their workspace answers 404.
    """
    key = _visible_key(request, key)
    services.agenda_mark_clear(user=request.auth, key=key)
    return Status(204, None)
