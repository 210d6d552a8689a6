"""A promise with a clock time keeps it on Today, in the calendar feed and in `kenal agenda`."""

import json
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from icalendar import Calendar

from kenal.agenda.models import AgendaSettings
from kenal.agenda.services import agenda_settings_update, feed_token_regenerate

JAKARTA = ZoneInfo("Asia/Jakarta")


def _tomorrow_at(now, hour):
    day = now.astimezone(JAKARTA).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=JAKARTA)


def _feed(client, user):
    token = feed_token_regenerate(user=user).feed_token
    return {
        str(e["SUMMARY"]): e
        for e in Calendar.from_ical(client.get(f"/feeds/agenda/{token}.ics").content).walk("VEVENT")
    }


def test_today_shows_a_timed_promise_with_its_clock_time(now, alice_client, make_promise):
    due = now.astimezone(JAKARTA).replace(hour=13, minute=0, second=0, microsecond=0)
    make_promise("Kirim press release", due_at=due, due_precision="minute")
    page = alice_client.get("/").content.decode()
    assert "Kirim press release" in page
    assert ">13:00</time>" in page


def test_the_feed_gives_a_timed_promise_a_timed_start_in_the_workspace_zone_and_an_alarm(
    now, client, alice, make_promise
):
    make_promise("Kirim press release", due_at=_tomorrow_at(now, 13), due_precision="minute")
    event = _feed(client, alice)["Kirim press release"]
    start = event.decoded("DTSTART")
    assert start == _tomorrow_at(now, 13)
    assert str(event["DTSTART"].params.get("TZID")) == "Asia/Jakarta"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=-1)


def test_day_week_and_month_promises_stay_all_day_without_an_alarm(now, client, alice, make_promise):
    make_promise("Kirim invoice", due_at=_tomorrow_at(now, 23), due_precision="day")
    event = _feed(client, alice)["Kirim invoice"]
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.walk("VALARM") == []


def test_the_alarm_follows_the_agenda_settings_and_zero_switches_it_off(now, client, alice, make_promise):
    make_promise("Telepon Bu Yuna", due_at=_tomorrow_at(now, 10), due_precision="minute")
    agenda_settings_update(user=alice, alarm_minutes=15)
    (alarm,) = _feed(client, alice)["Telepon Bu Yuna"].walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)
    agenda_settings_update(user=alice, alarm_minutes=0)
    assert _feed(client, alice)["Telepon Bu Yuna"].walk("VALARM") == []


def test_the_settings_page_changes_the_alarm(now, alice_client, alice):
    page = alice_client.get("/agenda/settings/").content.decode()
    assert 'name="alarm_minutes"' in page
    form = {"lead_days": 0, "digest_enabled": "on", "digest_time": "07:00", "alarm_minutes": 30}
    form |= {f"cadence_{stage}": 30 for stage in ("client", "friend", "partner", "prospect", "former_client")}
    assert alice_client.post("/agenda/settings/", form).status_code == 302
    assert AgendaSettings.objects.get(user=alice).alarm_minutes == 30


def test_the_cli_prints_the_clock_time_and_the_json_carries_it(now, alice, make_promise):
    make_promise("Kirim press release", due_at=_tomorrow_at(now, 13), due_precision="minute")
    out = StringIO()
    call_command("agenda", user=alice.email, days=3, stdout=out)
    assert "13:00" in out.getvalue()
    out = StringIO()
    call_command("agenda", user=alice.email, days=3, json=True, stdout=out)
    (item,) = [i for i in json.loads(out.getvalue()) if i["kind"] == "promise"]
    assert datetime.fromisoformat(item["at"]) == _tomorrow_at(now, 13)


def test_the_cli_and_the_feed_speak_the_users_language(now, client, alice, make_promise):
    alice.language = "id"
    alice.save(update_fields=["language"])
    make_promise("Kirim press release", due_at=_tomorrow_at(now, 13), due_precision="minute")
    out = StringIO()
    call_command("agenda", user=alice.email, days=3, stdout=out)
    assert "janji" in out.getvalue()
    assert "13:00" in out.getvalue() and "Anda berjanji kepada Yuna Kristina" in out.getvalue()
    event = _feed(client, alice)["Kirim press release"]
    assert "Anda berjanji kepada Yuna Kristina" in str(event["DESCRIPTION"])
