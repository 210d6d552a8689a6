"""Agenda over REST: GET /api/agenda?date=&days= lists what needs attention."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from kenal.agenda.selectors import MAX_DAYS, agenda, local_today

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
    date: dt.date | None = Field(None, description="First day, YYYY-MM-DD; today in the workspace's time zone if empty")
    days: int = Field(1, ge=1, le=MAX_DAYS)


@router.get("", response=list[AgendaItemOut], summary="What needs attention from a day on, plus what is overdue")
def list_agenda(request, filters: Query[AgendaQuery]):
    start = filters.date or local_today(request.workspace)
    return [item.as_json() | {"date": item.date} for item in
            agenda(workspace=request.workspace, user=request.auth, start=start, days=filters.days, today=start)]
