"""Agenda pages: Today (the home page), done and snooze, the settings, and the calendar feed."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenal.accounts.http import absolute_url, int_param, redirect_back, service_errors
from kenal.accounts.selectors import workspace_for_user
from kenal.agenda import selectors, services
from kenal.agenda.forms import AgendaSettingsForm, MarkForm
from kenal.agenda.ical import agenda_calendar
from kenal.lib import formatting
from kenal.lib.agenda import AgendaKind

SPANS = (1, 7, 14, 30)
# Today's "mine / team": my promises and my people, or everyone's in the workspace.
WHO = ("mine", "team")
FEED_DAYS = 90


@require_GET
def today_view(request):
    today = selectors.local_today(request.workspace)
    days = int_param(request.GET.get("days"), 14)
    days = days if days in SPANS else 14
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "").strip()
    who = request.GET.get("who") if request.GET.get("who") in WHO else "mine"
    items = selectors.agenda(
        workspace=request.workspace,
        user=request.user,
        start=today,
        days=days,
        today=today,
        team=who == "team",
    )
    if kind in AgendaKind.values:
        items = [item for item in items if item.kind == kind]
    if query:
        needle = query.casefold()
        items = [
            item for item in items if needle in item.person.casefold() or needle in item.title.casefold()
        ]
    context = {
        "today": today,
        "groups": selectors.group_items(items, today=today),
        "count": len(items),
        "days": days,
        "spans": SPANS,
        "kind": kind,
        "kinds": _kind_labels(),
        "who": who,
        "whos": (("mine", _("Mine")), ("team", _("The team's"))),
        "in_team": request.workspace.memberships.count() > 1,
        "query": query,
        "filtered": bool(kind or query),
        "digest_problem": selectors.latest_digest_problem(request.user),
        "keep_in_touch_limit": selectors.KEEP_IN_TOUCH_LIMIT,
        "keep_in_touch_full": sum(item.kind == AgendaKind.KEEP_IN_TOUCH for item in items)
        >= selectors.KEEP_IN_TOUCH_LIMIT,
    }
    return render(request, "agenda/today.html", context)


def _kind_labels():
    """The filter's labels, plural, in the agenda's order."""
    plural = {
        AgendaKind.HANDOVER: _("Handed over to you"),
        AgendaKind.PROMISE: _("Promises"),
        AgendaKind.WAITING_REPLY: _("Waiting for your reply"),
        AgendaKind.FOLLOW_UP: _("Follow-ups"),
        AgendaKind.BIRTHDAY: _("Birthdays"),
        AgendaKind.IMPORTANT_DATE: _("Important dates"),
        AgendaKind.ANNIVERSARY: _("How we met"),
        AgendaKind.KEEP_IN_TOUCH: _("Keep in touch"),
        AgendaKind.ENGAGEMENT: _("Engagements"),
    }
    return [(kind.value, plural[kind]) for kind in AgendaKind]


def _mark(request, action):
    form = MarkForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("This item is not on the agenda."), status=400)
    with service_errors(form) as outcome:
        message = action(form.cleaned_data)
    if not outcome.ok:
        return HttpResponse(" ".join(outcome.error.messages), status=400)
    if request.headers.get("HX-Request"):
        # The item leaves the list in place; an empty answer replaces it.
        return HttpResponse("")
    messages.success(request, message)
    return redirect_back(request, form.cleaned_data.get("next"), "agenda:today")


@require_POST
def done_view(request):
    def action(data):
        services.agenda_mark_done(user=request.user, key=data["key"])
        return _("Marked as done.")

    return _mark(request, action)


@require_POST
def snooze_view(request):
    def action(data):
        days = data.get("days") or 1
        until = selectors.local_today(request.workspace) + timedelta(days=days)
        services.agenda_mark_snooze(user=request.user, key=data["key"], until=until)
        return _("Snoozed until %(date)s.") % {"date": formatting.long_date(until, get_language())}

    return _mark(request, action)


@require_POST
def undo_view(request):
    def action(data):
        services.agenda_mark_clear(user=request.user, key=data["key"])
        return _("It is back on your agenda.")

    return _mark(request, action)


@require_http_methods(["GET", "POST"])
def settings_view(request):
    prefs = services.agenda_settings_get_or_create(user=request.user)
    form = AgendaSettingsForm(request.POST or None, instance=prefs)
    if request.method == "POST" and form.is_valid():
        services.agenda_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("agenda:settings")
    feed_url = absolute_url(reverse("agenda:feed", args=[prefs.feed_token])) if prefs.feed_token else ""
    context = {
        "form": form,
        "prefs": prefs,
        "feed_url": feed_url,
        "logs": selectors.digest_logs(request.user),
        "next_digest": services.next_digest_at(prefs=prefs, workspace=request.workspace, now=timezone.now())
        if prefs.digest_enabled
        else None,
    }
    return render(request, "agenda/settings.html", context, status=400 if form.errors else 200)


@require_POST
def feed_token_view(request):
    if request.POST.get("action") == "revoke":
        services.feed_token_revoke(user=request.user)
        messages.success(
            request, _("The calendar address is switched off. Calendars subscribed to it get nothing.")
        )
    else:
        services.feed_token_regenerate(user=request.user)
        messages.success(request, _("Here is a new calendar address. The old one no longer works."))
    return redirect("agenda:settings")


@require_GET
def feed_view(request, token: str):
    """The calendar feed: the secret token in the address is the only authentication."""
    user = selectors.feed_user(token)
    workspace = workspace_for_user(user) if user else None
    if workspace is None:
        raise Http404
    today = selectors.local_today(workspace)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = selectors.agenda(workspace=workspace, user=user, start=today, days=FEED_DAYS, today=today)
        prefs = selectors.agenda_settings_for(user)
        body = agenda_calendar(
            items,
            name=_("Kenal agenda"),
            base_url=absolute_url("/"),
            alarm_minutes=prefs.alarm_minutes,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kenal-agenda.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
