from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kenal.agenda.models import DigestLog
from kenal.agenda.services import MAX_DIGEST_ATTEMPTS, agenda_settings_update, digests_send_due
from kenal.people.services import person_update
from tests.conftest import JAKARTA


def at(hour, minute=0, day=3):
    return datetime(2026, 3, day, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def birthday(now, person):
    person_update(person=person, birth_month=3, birth_day=3)
    return person


def test_nothing_goes_out_before_the_chosen_time(birthday, alice):
    agenda_settings_update(user=alice, digest_time=time(11, 0))
    digests_send_due(now=at(10, 59))
    assert mail.outbox == [] and not DigestLog.objects.exists()


def test_it_sends_once_at_the_chosen_time_and_never_twice(birthday, alice):
    report = digests_send_due(now=at(7, 0))
    assert report.sent == ["alice@example.com"]
    digests_send_due(now=at(7, 1))
    digests_send_due(now=at(20, 0))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "Yuna" in mail.outbox[0].body
    log = DigestLog.objects.get()
    assert (log.status, log.digest_date, log.attempts, log.item_count) == ("sent", date(2026, 3, 3), 1, 1)


def test_after_downtime_it_catches_up_today_only(birthday, alice):
    # The machine was off from 2 March, 06:00 to 3 March, 15:00: one digest, for today.
    digests_send_due(now=at(15, 0))
    assert len(mail.outbox) == 1
    assert list(DigestLog.objects.values_list("digest_date", flat=True)) == [date(2026, 3, 3)]


def test_two_runs_at_once_send_one_email(birthday, alice):
    log = DigestLog.objects.create(
        user=alice, digest_date=date(2026, 3, 3), status="sending", claimed_at=at(6, 59), attempts=1
    )
    digests_send_due(now=at(7, 0))
    assert mail.outbox == []
    log.refresh_from_db()
    assert log.status == "sending"


def test_a_run_that_died_mid_send_is_taken_over(birthday, alice):
    DigestLog.objects.create(
        user=alice, digest_date=date(2026, 3, 3), status="sending", claimed_at=at(7, 0), attempts=1
    )
    digests_send_due(now=at(7, 30))
    assert len(mail.outbox) == 1


def test_failures_are_retried_with_backoff_and_recorded(birthday, alice, settings, monkeypatch):
    from kenal.agenda import services

    def down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr(services, "send_mail", down)
    report = digests_send_due(now=at(7, 0))
    assert report.failed == ["alice@example.com"]
    log = DigestLog.objects.get()
    assert log.status == "failed" and log.attempts == 1 and "unreachable" in log.last_error
    assert log.next_attempt_at == at(7, 2)
    digests_send_due(now=at(7, 1))  # too early for the retry
    assert DigestLog.objects.get().attempts == 1
    digests_send_due(now=at(7, 2))
    log = DigestLog.objects.get()
    assert log.attempts == 2 and log.next_attempt_at == at(7, 6)
    monkeypatch.undo()
    digests_send_due(now=at(7, 6))
    log = DigestLog.objects.get()
    assert log.status == "sent" and log.attempts == 3 and log.last_error == ""
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt(birthday, alice):
    DigestLog.objects.create(
        user=alice,
        digest_date=date(2026, 3, 3),
        status="failed",
        attempts=MAX_DIGEST_ATTEMPTS,
        next_attempt_at=at(6, 0),
    )
    digests_send_due(now=at(8, 0))
    assert mail.outbox == []


def test_an_empty_agenda_sends_no_email_but_is_logged(now, alice):
    digests_send_due(now=at(7, 0))
    assert mail.outbox == []
    assert DigestLog.objects.get().status == "empty"


def test_a_user_who_switched_it_off_gets_nothing(birthday, alice):
    agenda_settings_update(user=alice, digest_enabled=False)
    digests_send_due(now=at(9, 0))
    assert mail.outbox == []


def test_the_digest_uses_the_workspace_time_zone(birthday, alice):
    workspace = alice.current_workspace
    workspace.timezone = "Europe/Oslo"
    workspace.save()
    # 10:00 in Jakarta is 04:00 in Oslo: not yet time.
    digests_send_due(now=at(10, 0))
    assert mail.outbox == []
    digests_send_due(now=at(10, 0) + timedelta(hours=3))
    assert DigestLog.objects.get().digest_date == date(2026, 3, 3)


def test_the_command_runs_once_without_loop(birthday, alice):
    out = StringIO()
    with time_machine.travel(at(8, 0), tick=False):
        call_command("remind", stdout=out)
    assert "sent: alice@example.com" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_loop_stops_on_sigterm(birthday, alice, monkeypatch):
    from kenal.accounts import loop
    from kenal.agenda.management.commands import remind

    runs, handlers = [], []

    def fake_sleep(seconds):
        runs.append(seconds)
        handlers[0](15, None)  # systemd's SIGTERM arrives while the loop sleeps

    command = remind.Command(stdout=StringIO(), stderr=StringIO())
    monkeypatch.setattr(loop.time, "sleep", fake_sleep)
    monkeypatch.setattr(loop.signal, "signal", lambda signum, handler: handlers.append(handler))
    with time_machine.travel(at(8, 0), tick=False):
        command.handle(loop=True, interval=60)
    assert runs == [1]
    assert len(mail.outbox) == 1


def test_it_forgets_people_deleted_over_30_days_ago(person, alice):
    from kenal.people.models import DeletedPerson
    from kenal.people.services import person_delete

    person_delete(person=person, user=alice)
    out = StringIO()
    call_command("remind", stdout=out)
    assert DeletedPerson.objects.count() == 1
    with time_machine.travel(timedelta(days=31)):
        call_command("remind", stdout=out)
    assert not DeletedPerson.objects.exists()
    assert "forgot 1 people deleted over 30 days ago" in out.getvalue()
