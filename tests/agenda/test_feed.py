from icalendar import Calendar

from kenal.agenda.models import AgendaSettings
from kenal.agenda.services import feed_token_regenerate, feed_token_revoke
from kenal.people.services import person_update


def test_the_feed_serves_a_valid_calendar_without_login(now, client, alice, person):
    person_update(person=person, birth_month=3, birth_day=10)
    alice.language = "en"
    alice.save(update_fields=["language"])
    token = feed_token_regenerate(user=alice).feed_token
    response = client.get(f"/feeds/agenda/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Yuna Kristina's birthday" in summaries


def test_a_wrong_token_is_404(now, client, alice):
    feed_token_regenerate(user=alice)
    assert client.get("/feeds/agenda/not-the-right-token-at-all-xxxxx.ics").status_code == 404
    assert client.get("/feeds/agenda/.ics").status_code == 404


def test_a_revoked_or_replaced_token_is_404(now, client, alice):
    old = feed_token_regenerate(user=alice).feed_token
    new = feed_token_regenerate(user=alice).feed_token
    assert client.get(f"/feeds/agenda/{old}.ics").status_code == 404
    assert client.get(f"/feeds/agenda/{new}.ics").status_code == 200
    feed_token_revoke(user=alice)
    assert client.get(f"/feeds/agenda/{new}.ics").status_code == 404


def test_the_feed_only_shows_its_owners_workspace(now, client, charlie, person):
    person_update(person=person, birth_month=3, birth_day=10)
    token = feed_token_regenerate(user=charlie).feed_token
    calendar = Calendar.from_ical(client.get(f"/feeds/agenda/{token}.ics").content)
    assert calendar.walk("VEVENT") == []


def test_the_settings_page_makes_shows_and_revokes_the_address(now, alice_client, alice):
    alice_client.post("/agenda/settings/feed/", {"action": "regenerate"})
    token = AgendaSettings.objects.get(user=alice).feed_token
    assert len(token) >= 40
    assert f"/feeds/agenda/{token}.ics" in alice_client.get("/agenda/settings/").content.decode()
    alice_client.post("/agenda/settings/feed/", {"action": "revoke"})
    assert AgendaSettings.objects.get(user=alice).feed_token == ""


def test_feed_settings_need_login(client, db):
    assert client.post("/agenda/settings/feed/", {"action": "regenerate"}).status_code == 302
    assert not AgendaSettings.objects.exists()
