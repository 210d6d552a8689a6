"""Agenda items as an RFC 5545 calendar, for the feed and `kenal agenda --ical`."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from kenal.lib.agenda import AgendaItem

# A timed item (a promise due at 13:00) blocks this much of the calendar.
TIMED_LENGTH = timedelta(minutes=30)


def agenda_calendar(
    items: list[AgendaItem], *, name: str, base_url: str = "", alarm_minutes: int = 60
) -> bytes:
    """One event per item, timed when the item has a clock time (with an alarm) and all-day otherwise.

    The UID follows the item's key, so calendars update an event rather than duplicate it.
    """
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
        if item.at:
            event.add("dtstart", item.at)
            event.add("dtend", item.at + TIMED_LENGTH)
            if alarm_minutes:
                event.add_component(_alarm(item.title, alarm_minutes))
        else:
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
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _alarm(title: str, minutes: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm
