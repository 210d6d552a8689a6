"""Agenda: each user's reminder settings, what they marked done or snoozed, and the digest send log."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Keep-in-touch cadence in days when a person has none of their own.
DEFAULT_CADENCES = {"client": 30, "friend": 60, "partner": 45, "prospect": 14, "former_client": 180}


class AgendaSettings(models.Model):
    """How one user wants to be reminded."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_settings"
    )
    lead_days = models.PositiveSmallIntegerField(
        _("remind me this many days ahead"),
        default=0,
        help_text=_("Birthdays and important dates show up this many days early, e.g. 3 to buy a gift."),
    )
    digest_enabled = models.BooleanField(_("send me a daily email"), default=True)
    digest_time = models.TimeField(_("daily email at"), default=time(7, 0))
    cadence_client = models.PositiveSmallIntegerField(_("clients"), default=DEFAULT_CADENCES["client"])
    cadence_friend = models.PositiveSmallIntegerField(_("friends"), default=DEFAULT_CADENCES["friend"])
    cadence_partner = models.PositiveSmallIntegerField(_("partners"), default=DEFAULT_CADENCES["partner"])
    cadence_prospect = models.PositiveSmallIntegerField(_("prospects"), default=DEFAULT_CADENCES["prospect"])
    cadence_former_client = models.PositiveSmallIntegerField(
        _("former clients"), default=DEFAULT_CADENCES["former_client"]
    )
    alarm_minutes = models.PositiveSmallIntegerField(
        _("calendar alarm, minutes before"),
        default=60,
        help_text=_("For promises with a clock time in the calendar feed; 0 for no alarm."),
    )
    # The secret in the calendar feed's address; empty when the feed is switched off.
    feed_token = models.CharField(max_length=64, blank=True, default="", db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agenda settings")
        verbose_name_plural = _("agenda settings")

    def __str__(self):
        return f"agenda settings of {self.user}"

    def cadences(self) -> dict[str, int]:
        return {stage: getattr(self, f"cadence_{stage}") for stage in DEFAULT_CADENCES}


class AgendaMark(models.Model):
    """One user's "done" or "snoozed" on one occurrence of an agenda item."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_marks")
    key = models.CharField(max_length=200)
    # Parsed from the key so keep-in-touch marks can be matched in SQL.
    kind = models.CharField(max_length=30, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)
    # For keep-in-touch: the last interaction this occurrence counts from; a new one starts a new occurrence.
    anchor_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_agenda_mark_per_item")]
        indexes = [models.Index(fields=["user", "kind", "person_id"])]

    def __str__(self):
        return f"{self.user}: {self.key}"


class DigestLog(models.Model):
    """One user's digest for one local day: the row that makes it go out exactly once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        EMPTY = "empty", _("nothing to send")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_logs")
    digest_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    item_count = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-digest_date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "digest_date"], name="one_digest_per_user_per_day")
        ]

    def __str__(self):
        return f"digest {self.digest_date} for {self.user}: {self.status}"
