"""Agenda items as an RFC 5545 calendar, for the feed and `kenal agenda --ical`."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from kenal.lib.agenda import AgendaItem


def agenda_calendar(items: list[AgendaItem], *, name: str, base_url: str = "") -> bytes:
    """One all-day event per item; the UID follows the item's key so calendars update, not duplicate."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kenal//Agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", f"{item.key}@kenal")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", item.title)
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        description = "\n".join(part for part in (item.person, item.detail) if part)
        if description:
            event.add("description", description)
        if item.url and base_url:
            event.add("url", base_url.rstrip("/") + item.url)
        calendar.add_component(event)
    return calendar.to_ical()
