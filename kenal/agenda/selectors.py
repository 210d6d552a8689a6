"""The one agenda computation that the Today page, the CLI, the iCal feed and the digest share."""

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kenal.accounts.scoping import scoped
from kenal.agenda.models import AgendaMark, AgendaSettings, DigestLog
from kenal.lib import registry
from kenal.lib.agenda import KIND_ORDER, AgendaItem, AgendaKind
from kenal.people.models import FamilyMember, LifeEvent, Person

logger = logging.getLogger(__name__)

MAX_DAYS = 366
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The agenda lists at most this many people to get in touch with, the most overdue first.
KEEP_IN_TOUCH_LIMIT = 50
# A follow-up nobody did stays on the agenda, overdue, for this long, then it lets go.
FOLLOW_UP_GRACE_DAYS = 14
# Ask after a life event this many days after it happened.
FOLLOW_UP_DAYS = {
    LifeEvent.Kind.CHILD_SICK: 3,
    LifeEvent.Kind.ILLNESS: 3,
    LifeEvent.Kind.TRIP: 7,
    LifeEvent.Kind.BIRTH: 14,
    LifeEvent.Kind.MOVE: 14,
    LifeEvent.Kind.NEW_JOB: 30,
    LifeEvent.Kind.PROMOTION: 7,
    LifeEvent.Kind.WEDDING: 14,
}


def agenda_settings_for(user) -> AgendaSettings:
    """The user's settings row, unsaved defaults when they never changed anything."""
    found = AgendaSettings.objects.filter(user=user).first()
    return found or AgendaSettings(user=user)


def local_today(workspace) -> date:
    return timezone.localdate(timezone=workspace.tz)


def agenda(
    *,
    workspace,
    user,
    start: date,
    days: int,
    today: date | None = None,
    include_marked: bool = False,
    team: bool = False,
) -> list[AgendaItem]:
    """Everything that needs the user's attention from `start` for `days` days, plus what is overdue.

    Items the user marked done or snoozed are left out unless `include_marked` is set. Without `team`, people
    a teammate looks after (their relationship owner) are left to them; with it, the whole team's promises come too.
    """
    today = today or local_today(workspace)
    days = max(1, min(int(days), MAX_DAYS))
    end = start + timedelta(days=days)  # exclusive
    prefs = agenda_settings_for(user)
    # Dates come a few days early when the user asked for a lead time, e.g. to buy a gift.
    dates_last = end - timedelta(days=1) + timedelta(days=prefs.lead_days)

    items: list[AgendaItem] = []
    items += _birthdays(workspace, start, dates_last)
    items += _family_birthdays(workspace, start, dates_last)
    items += _important_dates(workspace, start, dates_last)
    items += _met_anniversaries(workspace, start, dates_last)
    items += _follow_ups(workspace, start, end, today)
    items += _providers(workspace=workspace, user=user, start=start, end=end, today=today)
    if team:
        items += _team_promises(
            workspace=workspace, user=user, start=start, end=end, today=today, items=items
        )
    else:
        items = _without_teammates_people(workspace=workspace, user=user, items=items)
    items = [item for item in items if start <= item.date <= dates_last or item.overdue]
    if not include_marked:
        items = _without_marked(items, user=user, today=today)
    # Keep-in-touch marks are matched in SQL, so a done person never crowds out the next one.
    items += _keep_in_touch(workspace, user, prefs, start, end, today, include_marked=include_marked)
    items.sort(
        key=lambda item: (
            not item.overdue,
            item.date,
            KIND_ORDER.get(item.kind, len(KIND_ORDER)),
            item.person,
            item.key,
        )
    )
    return items


def _occurrences(month: int, day: int, first: date, last: date) -> Iterator[date]:
    """The days in [first, last] on which a yearly month/day falls (29 February on the 28th otherwise)."""
    for year in range(first.year, last.year + 1):
        try:
            occurrence = date(year, month, day)
        except ValueError:
            if not (month == 2 and day == 29):
                continue
            occurrence = date(year, 2, 28)
        if first <= occurrence <= last:
            yield occurrence


def _month_spans(first: date, last: date) -> list[tuple[int, int, int]]:
    """(month, first day, last day) for each month that [first, last] touches; all of them for a year or more."""
    if (last - first).days >= 365:
        return [(month, 1, 31) for month in range(1, 13)]
    spans: dict[int, list[int]] = {}
    current = first
    while current <= last:
        low_high = spans.setdefault(current.month, [current.day, current.day])
        low_high[0], low_high[1] = min(low_high[0], current.day), max(low_high[1], current.day)
        current += timedelta(days=1)
    # A 29 February date is remembered on the 28th in ordinary years.
    return [(month, low, 29 if month == 2 and high == 28 else high) for month, (low, high) in spans.items()]


def _month_day_q(month_field: str, day_field: str, first: date, last: date) -> Q:
    """Rows whose yearly month/day (two integer columns) falls between two dates, across the new year too."""
    query = Q(pk__in=[])
    for month, low, high in _month_spans(first, last):
        query |= Q(**{month_field: month, f"{day_field}__gte": low, f"{day_field}__lte": high})
    return query


def _month_day_number_q(field: str, first: date, last: date) -> Q:
    """The same for a MonthDay() annotation (month * 100 + day)."""
    query = Q(pk__in=[])
    for month, low, high in _month_spans(first, last):
        query |= Q(**{f"{field}__gte": month * 100 + low, f"{field}__lte": month * 100 + high})
    return query


class MonthDay(Func):
    """A date's month * 100 + day, computed natively (SQLite's extract lookups call back into Python)."""

    output_field = IntegerField()
    template = (
        "CAST(EXTRACT(MONTH FROM %(expressions)s) * 100 + EXTRACT(DAY FROM %(expressions)s) AS INTEGER)"
    )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%m%%%%d', %(expressions)s) AS INTEGER)",
            **extra_context,
        )


def _birthdays(workspace, first: date, last: date) -> list[AgendaItem]:
    rows = (
        scoped(Person, workspace)
        .filter(_month_day_q("birth_month", "birth_day", first, last))
        .values_list("pk", "full_name", "birth_year", "birth_month", "birth_day")
    )
    items = []
    for pk, name, year, month, day in rows:
        for occurrence in _occurrences(month, day, first, last):
            age = occurrence.year - year if year and occurrence.year > year else None
            title = (
                (_("%(name)s turns %(age)s") % {"name": name, "age": age})
                if age
                else (_("%(name)s's birthday") % {"name": name})
            )
            items.append(
                AgendaItem(
                    kind=AgendaKind.BIRTHDAY,
                    date=occurrence,
                    title=title,
                    key=f"birthday:person:{pk}:{occurrence.year}",
                    person_id=pk,
                    person=name,
                    url=reverse("people:detail", args=[pk]),
                    years=age,
                )
            )
    return items


def _family_birthdays(workspace, first: date, last: date) -> list[AgendaItem]:
    rows = (
        FamilyMember.objects.filter(person__workspace=workspace)
        .filter(_month_day_q("birth_month", "birth_day", first, last))
        .values_list(
            "pk",
            "name",
            "relation",
            "birth_year",
            "birth_month",
            "birth_day",
            "person_id",
            "person__full_name",
        )
    )
    relations = dict(FamilyMember.Relation.choices)
    items = []
    for pk, name, relation, year, month, day, person_id, person_name in rows:
        for occurrence in _occurrences(month, day, first, last):
            age = occurrence.year - year if year and occurrence.year > year else None
            values = {
                "name": name,
                "age": age,
                "relation": relations.get(relation, relation),
                "person": person_name,
            }
            title = (
                (_("%(name)s (%(relation)s of %(person)s) turns %(age)s") % values)
                if age
                else (_("Birthday of %(name)s (%(relation)s of %(person)s)") % values)
            )
            items.append(
                AgendaItem(
                    kind=AgendaKind.BIRTHDAY,
                    date=occurrence,
                    title=title,
                    key=f"birthday:family:{pk}:{occurrence.year}",
                    person_id=person_id,
                    person=person_name,
                    url=reverse("people:detail", args=[person_id]),
                    years=age,
                )
            )
    return items


def _important_dates(workspace, first: date, last: date) -> list[AgendaItem]:
    rows = (
        LifeEvent.objects.filter(person__workspace=workspace, recurring=True)
        .annotate(month_day=MonthDay("happened_on"))
        .filter(_month_day_number_q("month_day", first, last))
        .values_list("pk", "title", "happened_on", "person_id", "person__full_name")
    )
    items = []
    for pk, title, happened_on, person_id, person_name in rows:
        for occurrence in _occurrences(happened_on.month, happened_on.day, first, last):
            years = occurrence.year - happened_on.year
            if years < 1:
                continue
            items.append(
                AgendaItem(
                    kind=AgendaKind.IMPORTANT_DATE,
                    date=occurrence,
                    title=_("%(title)s (%(person)s)") % {"title": title, "person": person_name},
                    detail=ngettext("%(years)d year", "%(years)d years", years) % {"years": years},
                    key=f"important_date:{pk}:{occurrence.year}",
                    person_id=person_id,
                    person=person_name,
                    url=reverse("people:detail", args=[person_id]),
                    years=years,
                )
            )
    return items


def _met_anniversaries(workspace, first: date, last: date) -> list[AgendaItem]:
    rows = (
        scoped(Person, workspace)
        .filter(met_on__isnull=False)
        .annotate(month_day=MonthDay("met_on"))
        .filter(_month_day_number_q("month_day", first, last))
        .values_list("pk", "full_name", "nickname", "met_on", "met_where")
    )
    items = []
    for pk, name, nickname, met_on, met_where in rows:
        for occurrence in _occurrences(met_on.month, met_on.day, first, last):
            years = occurrence.year - met_on.year
            if years < 1:
                continue
            values = {"years": years, "name": nickname or name.split(" ")[0], "where": met_where}
            if met_where:
                title = (
                    ngettext(
                        "%(years)d year since you met %(name)s at %(where)s",
                        "%(years)d years since you met %(name)s at %(where)s",
                        years,
                    )
                    % values
                )
            else:
                title = (
                    ngettext(
                        "%(years)d year since you met %(name)s",
                        "%(years)d years since you met %(name)s",
                        years,
                    )
                    % values
                )
            items.append(
                AgendaItem(
                    kind=AgendaKind.ANNIVERSARY,
                    date=occurrence,
                    title=title,
                    key=f"anniversary:{pk}:{occurrence.year}",
                    person_id=pk,
                    person=name,
                    url=reverse("people:detail", args=[pk]),
                    years=years,
                )
            )
    return items


def _follow_ups(workspace, start: date, end: date, today: date) -> list[AgendaItem]:
    first = min(start, today - timedelta(days=FOLLOW_UP_GRACE_DAYS))
    query = Q(pk__in=[])
    for kind, delay in FOLLOW_UP_DAYS.items():
        query |= Q(
            kind=kind,
            happened_on__gte=first - timedelta(days=delay),
            happened_on__lt=end - timedelta(days=delay),
        )
    rows = (
        LifeEvent.objects.filter(person__workspace=workspace, recurring=False)
        .filter(query)
        .values_list(
            "pk",
            "kind",
            "title",
            "happened_on",
            "person_id",
            "person__full_name",
            "person__nickname",
            "person__salutation",
        )
    )
    items = []
    for pk, kind, title, happened_on, person_id, name, nickname, salutation in rows:
        due = happened_on + timedelta(days=FOLLOW_UP_DAYS[kind])
        overdue = due < today
        if not (start <= due < end or overdue):
            continue
        values = {"name": f"{salutation} {nickname or name.split(' ')[0]}".strip(), "title": title}
        if kind in (LifeEvent.Kind.CHILD_SICK, LifeEvent.Kind.ILLNESS):
            text = _("Ask %(name)s how they are doing: %(title)s") % values
        else:
            text = _("Ask %(name)s how it went: %(title)s") % values
        items.append(
            AgendaItem(
                kind=AgendaKind.FOLLOW_UP,
                date=due,
                title=text,
                key=f"follow_up:{pk}",
                person_id=person_id,
                person=name,
                overdue=overdue,
                url=reverse("people:detail", args=[person_id]),
            )
        )
    return items


class EpochDays(Func):
    """Days since 1970 of a datetime, as a number: per-row date arithmetic that stays inside the database."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0)"

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores SQLite datetimes as UTC text, which julianday() reads natively (no Python callback).
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)", **extra_context
        )


def _epoch_days(moment: datetime) -> float:
    return (moment - EPOCH) / timedelta(days=1)


def _keep_in_touch(
    workspace, user, prefs: AgendaSettings, start: date, end: date, today: date, include_marked: bool = False
) -> list[AgendaItem]:
    """People due for contact: cadence after the last interaction, ranked by how far past it they are."""
    tz = workspace.tz
    end_at = timezone.make_aware(datetime.combine(end, time.min), tz)
    today_at = timezone.make_aware(datetime.combine(today, time.min), tz)
    start_at = timezone.make_aware(datetime.combine(start, time.min), tz)
    stage_cadence = Case(
        *[When(stage=stage, then=Value(days)) for stage, days in prefs.cadences().items()],
        # No stage (an imported phone contact) means no cadence until the user gives one.
        default=Value(0),
        output_field=IntegerField(),
    )
    handled = AgendaMark.objects.filter(
        user=user,
        kind=AgendaKind.KEEP_IN_TOUCH,
        person_id=OuterRef("pk"),
        anchor_at=OuterRef("last_interaction"),
    ).filter(Q(done_at__isnull=False) | Q(snoozed_until__gt=today))
    people = (
        scoped(Person, workspace)
        .annotate(
            cadence=Coalesce(F("keep_in_touch_days"), stage_cadence, output_field=IntegerField()),
            # Someone never contacted counts from the day they were added, so an import is no flood.
            last_interaction=Coalesce(F("last_contact_at"), F("created_at"), output_field=DateTimeField()),
        )
        .filter(cadence__gt=0)
        .annotate(due_day=EpochDays(F("last_interaction")) + F("cadence"))
        .filter(due_day__lt=_epoch_days(end_at))
        .filter(Q(due_day__lt=_epoch_days(today_at)) | Q(due_day__gte=_epoch_days(start_at)))
    )
    if not include_marked:
        people = people.exclude(Exists(handled))
    rows = people.order_by("due_day", "pk").values_list(
        "pk",
        "full_name",
        "nickname",
        "salutation",
        "cadence",
        "last_contact_at",
        "last_interaction",
    )[:KEEP_IN_TOUCH_LIMIT]
    items = []
    for pk, name, nickname, salutation, cadence, last_contact_at, last_interaction in rows:
        due = timezone.localtime(last_interaction + timedelta(days=cadence), tz).date()
        address = f"{salutation} {nickname or name.split(' ')[0]}".strip()
        if last_contact_at:
            since = (today - timezone.localtime(last_contact_at, tz).date()).days
            detail = ngettext("Last contact %(days)d day ago", "Last contact %(days)d days ago", since) % {
                "days": since
            }
        else:
            detail = _("No contact recorded yet")
        detail += " · " + ngettext("every %(cadence)d day", "every %(cadence)d days", cadence) % {
            "cadence": cadence
        }
        items.append(
            AgendaItem(
                kind=AgendaKind.KEEP_IN_TOUCH,
                date=due,
                title=_("Get in touch with %(name)s") % {"name": address},
                detail=detail,
                key=keep_in_touch_key(pk, last_interaction),
                person_id=pk,
                person=name,
                overdue=due < today,
                url=reverse("people:detail", args=[pk]),
            )
        )
    return items


def keep_in_touch_key(person_id: int, last_interaction: datetime) -> str:
    """One occurrence per last interaction: a new contact makes a new item, an old "done" stays done."""
    return f"keep_in_touch:{person_id}:{(last_interaction - EPOCH) // timedelta(microseconds=1)}"


def _team_promises(*, workspace, user, start, end, today, items) -> list[AgendaItem]:
    """The teammates' promises, beside the user's own (which the providers already gave)."""
    from kenal.commitments.selectors import agenda_promises

    seen = {item.key for item in items}
    found = agenda_promises(workspace=workspace, user=user, start=start, end=end, today=today, everyone=True)
    return [item for item in found if item.key not in seen and (start <= item.date < end or item.overdue)]


def _without_teammates_people(*, workspace, user, items: list[AgendaItem]) -> list[AgendaItem]:
    """ "Mine": leave out what is about people a teammate looks after, unless it is the user's own promise."""
    ids = {item.person_id for item in items if item.person_id}
    if not ids:
        return items
    theirs = set(
        Person.objects.filter(workspace=workspace, pk__in=ids, owner__isnull=False)
        .exclude(owner_id=user.pk)
        .values_list("pk", flat=True)
    )
    if not theirs:
        return items
    return [item for item in items if item.person_id not in theirs or item.kind == AgendaKind.PROMISE]


def _providers(*, workspace, user, start: date, end: date, today: date) -> list[AgendaItem]:
    """Promises, waiting replies and engagement dates from the apps that register them (kenal.lib.registry)."""
    items: list[AgendaItem] = []
    for provider in registry.hooks("agenda_provider"):
        try:
            items += provider(workspace=workspace, user=user, start=start, end=end, today=today)
        except Exception:
            # One broken provider must not take the whole agenda down with it; the log says which.
            logger.exception("agenda provider %s.%s failed", provider.__module__, provider.__qualname__)
    return [item for item in items if start <= item.date < end or item.overdue]


def active_marks(*, user, keys: list[str], today: date) -> dict[str, AgendaMark]:
    """The user's marks that still hide an item today: done, or snoozed past today."""
    if not keys:
        return {}
    marks = AgendaMark.objects.filter(user=user, key__in=keys).filter(
        Q(done_at__isnull=False) | Q(snoozed_until__gt=today)
    )
    return {mark.key: mark for mark in marks}


def agenda_key_visible(*, workspace, user, key: str, today: date | None = None) -> bool:
    """Whether `key` names an item on this user's agenda in their workspace, marked or not: from today as far
    as the agenda looks ahead (MAX_DAYS), plus what is overdue. Done, snooze and undo act only on such keys."""
    key = (key or "").strip()
    if not key:
        return False
    today = today or local_today(workspace)
    # Unmarked first (what done and snooze act on); then with the marks, for undo. Two passes, because the
    # keep-in-touch list is capped and marked people would otherwise crowd unmarked ones out of it.
    for include_marked in (False, True):
        items = agenda(
            workspace=workspace,
            user=user,
            start=today,
            days=MAX_DAYS,
            today=today,
            include_marked=include_marked,
        )
        if any(item.key == key for item in items):
            return True
    return False


def _without_marked(items: list[AgendaItem], *, user, today: date) -> list[AgendaItem]:
    marks = active_marks(user=user, keys=[item.key for item in items], today=today)
    return [item for item in items if item.key not in marks]


def group_items(items: list[AgendaItem], *, today: date) -> list[tuple[str, str, list[AgendaItem]]]:
    """Items in the groups the Today page shows: overdue, today, tomorrow, this week, later."""
    groups = [
        ("overdue", _("Overdue"), []),
        ("today", _("Today"), []),
        ("tomorrow", _("Tomorrow"), []),
        ("week", _("This week"), []),
        ("later", _("Later"), []),
    ]
    for item in items:
        if item.overdue or item.date < today:
            index = 0
        elif item.date == today:
            index = 1
        elif item.date == today + timedelta(days=1):
            index = 2
        elif item.date < today + timedelta(days=7):
            index = 3
        else:
            index = 4
        groups[index][2].append(item)
    return [group for group in groups if group[2]]


def latest_digest_problem(user) -> DigestLog | None:
    """The latest digest, when it failed, so the web pages can say so (a later success clears it)."""
    latest = DigestLog.objects.filter(user=user).order_by("-digest_date").first()
    return latest if latest and latest.status == DigestLog.Status.FAILED else None


def digest_logs(user, limit: int = 10):
    return DigestLog.objects.filter(user=user).order_by("-digest_date")[:limit]


def feed_user(token: str):
    """The user behind a calendar-feed token, or None (revoked, wrong, inactive)."""
    if not token or len(token) < 20:
        return None
    prefs = (
        AgendaSettings.objects.select_related("user").filter(feed_token=token, user__is_active=True).first()
    )
    return prefs.user if prefs else None
