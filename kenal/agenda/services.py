"""Writes about the agenda: settings, feed tokens, done and snooze, and the daily digest."""

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kenal.accounts.models import User
from kenal.accounts.selectors import workspace_for_user
from kenal.agenda.models import AgendaMark, AgendaSettings, DigestLog
from kenal.agenda.selectors import EPOCH, agenda, group_items
from kenal.lib.agenda import AgendaKind

KEY_PATTERN = re.compile(r"^[a-z_]+:[A-Za-z0-9:_.\-]{1,180}$")
DIGEST_DAYS = 7
MAX_DIGEST_ATTEMPTS = 6
# A claim older than this is taken to be from a run that died mid-send.
STALE_CLAIM = timedelta(minutes=15)


def agenda_settings_get_or_create(*, user: User) -> AgendaSettings:
    prefs, _created = AgendaSettings.objects.get_or_create(user=user)
    return prefs


def agenda_settings_update(*, user: User, **fields) -> AgendaSettings:
    prefs = agenda_settings_get_or_create(user=user)
    for name, value in fields.items():
        setattr(prefs, name, value)
    prefs.full_clean(exclude=["user"])
    prefs.save()
    return prefs


def feed_token_regenerate(*, user: User) -> AgendaSettings:
    """A new secret feed address; the old one stops working at once."""
    prefs = agenda_settings_get_or_create(user=user)
    prefs.feed_token = secrets.token_urlsafe(32)
    prefs.save(update_fields=["feed_token", "updated_at"])
    return prefs


def feed_token_revoke(*, user: User) -> AgendaSettings:
    prefs = agenda_settings_get_or_create(user=user)
    prefs.feed_token = ""
    prefs.save(update_fields=["feed_token", "updated_at"])
    return prefs


def _parse_key(key: str) -> tuple[str, int | None, datetime | None]:
    key = (key or "").strip()
    if not KEY_PATTERN.match(key):
        raise ValidationError(_("This item is not on the agenda."), code="invalid")
    # Providers choose their own key prefixes ("promise:4", "milestone:3"); only keep-in-touch keys are parsed.
    kind = key.split(":", 1)[0]
    person_id = anchor_at = None
    if kind == AgendaKind.KEEP_IN_TOUCH:
        parts = key.split(":")
        if len(parts) != 3 or not (parts[1].isdigit() and parts[2].lstrip("-").isdigit()):
            raise ValidationError(_("This item is not on the agenda."), code="invalid")
        person_id = int(parts[1])
        try:
            anchor_at = EPOCH + timedelta(microseconds=int(parts[2]))
        except OverflowError:
            raise ValidationError(_("This item is not on the agenda."), code="invalid") from None
    return kind, person_id, anchor_at


def agenda_mark_done(*, user: User, key: str) -> AgendaMark:
    """Remember that the user has dealt with this occurrence."""
    kind, person_id, anchor_at = _parse_key(key)
    now = timezone.now()
    mark, _created = AgendaMark.objects.update_or_create(
        user=user,
        key=key.strip(),
        defaults={
            "kind": kind,
            "person_id": person_id,
            "anchor_at": anchor_at,
            "done_at": now,
            "snoozed_until": None,
            "marked_at": now,
        },
    )
    return mark


def agenda_mark_snooze(*, user: User, key: str, until: date) -> AgendaMark:
    """Hide this occurrence until a later day."""
    kind, person_id, anchor_at = _parse_key(key)
    now = timezone.now()
    mark, _created = AgendaMark.objects.update_or_create(
        user=user,
        key=key.strip(),
        defaults={
            "kind": kind,
            "person_id": person_id,
            "anchor_at": anchor_at,
            "done_at": None,
            "snoozed_until": until,
            "marked_at": now,
        },
    )
    return mark


def agenda_mark_clear(*, user: User, key: str) -> None:
    """Undo a done or a snooze."""
    AgendaMark.objects.filter(user=user, key=(key or "").strip()).delete()


# The daily digest ---------------------------------------------------------------------------------


@dataclass
class RemindReport:
    sent: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _backoff(attempts: int) -> timedelta:
    """2, 4, 8 … minutes between tries, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(1, attempts)))


def digest_due_date(*, prefs: AgendaSettings, workspace, now: datetime) -> date | None:
    """Today's local date when the user's digest time has passed; only today, never a backlog of old days."""
    local = timezone.localtime(now, workspace.tz)
    if local.time() < prefs.digest_time:
        return None
    return local.date()


def _claim(log: DigestLog, now: datetime) -> bool:
    """Take the send for this run; another run that tries at the same time gets nothing."""
    claimable = (
        Q(status__in=[DigestLog.Status.PENDING, DigestLog.Status.FAILED], attempts__lt=MAX_DIGEST_ATTEMPTS)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ) | Q(status=DigestLog.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    updated = DigestLog.objects.filter(claimable, pk=log.pk).update(
        status=DigestLog.Status.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
    )
    return updated == 1


def digest_render(*, user: User, workspace, today: date) -> tuple[str, str, str, int]:
    """Subject, text and HTML of one user's digest, in their language."""
    prefs = AgendaSettings.objects.filter(user=user).first()
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        items = agenda(workspace=workspace, user=user, start=today, days=DIGEST_DAYS, today=today)
        groups = group_items(items, today=today)
        context = {"user": user, "groups": groups, "today": today, "count": len(items), "prefs": prefs}
        subject = _("Kenal · %(count)d things for today") % {"count": len(items)}
        text = render_to_string("agenda/digest.txt", context)
        html = render_to_string("agenda/digest.html", context)
    return subject, text, html, len(items)


def digest_send(*, user: User, workspace, log: DigestLog, now: datetime) -> DigestLog:
    """Send a claimed digest and record the outcome; a failure is retried later with a backoff."""
    try:
        subject, text, html, count = digest_render(user=user, workspace=workspace, today=log.digest_date)
        if count == 0:
            log.status, log.item_count, log.last_error = DigestLog.Status.EMPTY, 0, ""
        else:
            send_mail(subject, text, None, [user.email], html_message=html)
            log.status, log.item_count, log.sent_at, log.last_error = DigestLog.Status.SENT, count, now, ""
        log.next_attempt_at = None
    except Exception as error:  # SMTP down, bad address, a bug: record it, retry later, show it in the UI.
        log.refresh_from_db(fields=["attempts"])
        log.status = DigestLog.Status.FAILED
        log.last_error = f"{type(error).__name__}: {error}"[:2000]
        log.next_attempt_at = now + _backoff(log.attempts)
    log.save(update_fields=["status", "item_count", "sent_at", "last_error", "next_attempt_at"])
    return log


def digests_send_due(*, now: datetime | None = None) -> RemindReport:
    """Send every digest whose time has come today and that has not gone out yet."""
    now = now or timezone.now()
    report = RemindReport()
    users = User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("pk")
    prefs_by_user = {p.user_id: p for p in AgendaSettings.objects.filter(user__in=users)}
    for user in users:
        prefs = prefs_by_user.get(user.pk) or AgendaSettings(user=user)
        if not prefs.digest_enabled:
            continue
        workspace = workspace_for_user(user)
        if workspace is None:
            continue
        day = digest_due_date(prefs=prefs, workspace=workspace, now=now)
        if day is None:
            continue
        log = _digest_log_for(user=user, day=day)
        if not _claim(log, now):
            continue
        log = digest_send(user=user, workspace=workspace, log=log, now=now)
        bucket = {DigestLog.Status.SENT: report.sent, DigestLog.Status.EMPTY: report.empty}.get(
            log.status, report.failed
        )
        bucket.append(user.email)
    return report


def _digest_log_for(*, user: User, day: date) -> DigestLog:
    try:
        with transaction.atomic():
            log, _created = DigestLog.objects.get_or_create(user=user, digest_date=day)
    except IntegrityError:  # another run created it a moment ago
        log = DigestLog.objects.get(user=user, digest_date=day)
    return log


def next_digest_at(*, prefs: AgendaSettings, workspace, now: datetime) -> datetime:
    local = timezone.localtime(now, workspace.tz)
    at = timezone.make_aware(datetime.combine(local.date(), prefs.digest_time), workspace.tz)
    if at <= now:
        at = timezone.make_aware(
            datetime.combine(local.date() + timedelta(days=1), prefs.digest_time), workspace.tz
        )
    return at
