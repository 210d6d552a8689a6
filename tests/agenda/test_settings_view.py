from datetime import time

from kenal.agenda.models import AgendaSettings

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
VALID = {
    "lead_days": "3",
    "digest_enabled": "on",
    "digest_time": "06:30",
    "alarm_minutes": "60",
    "cadence_client": "21",
    "cadence_friend": "60",
    "cadence_partner": "45",
    "cadence_prospect": "14",
    "cadence_former_client": "180",
}


def test_it_requires_login(client, db):
    response = client.get("/agenda/settings/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_it_saves_the_lead_time_digest_time_and_cadences(now, alice_client, alice):
    response = alice_client.post("/agenda/settings/", VALID)
    assert response.status_code == 302
    prefs = AgendaSettings.objects.get(user=alice)
    assert (prefs.lead_days, prefs.digest_time, prefs.cadence_client) == (3, time(6, 30), 21)


def test_it_refuses_nonsense_and_keeps_what_was_typed(now, alice_client, alice):
    response = alice_client.post(
        "/agenda/settings/", VALID | {"lead_days": "-4", "digest_time": "25:99"}, **EN
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "-4" in body and "25:99" in body
    assert AgendaSettings.objects.get(user=alice).lead_days == 0


def test_each_user_has_their_own_settings(now, alice_client, alice, bob):
    alice_client.post("/agenda/settings/", VALID)
    assert not AgendaSettings.objects.filter(user=bob).exists()


def test_it_lists_the_digest_log_with_errors(now, alice_client, alice):
    from kenal.agenda.models import DigestLog

    DigestLog.objects.create(
        user=alice, digest_date=now.date(), status="failed", attempts=3, last_error="SMTP down"
    )
    body = alice_client.get("/agenda/settings/", **EN).content.decode()
    assert "SMTP down" in body and "Tried 3 times" in body
