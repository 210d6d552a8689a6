"""Promises: the commitment ledger, its due-change history and the review inbox of suggestions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import WorkspaceScoped


class Precision(models.TextChoices):
    MINUTE = "minute", _("exact time")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    NONE = "none", _("no date")


class Commitment(WorkspaceScoped):
    """One promise: who owes what to whom, and by when."""

    class Debtor(models.TextChoices):
        ME = "me", _("me")
        TEAMMATE = "teammate", _("a teammate")
        CONTACT = "contact", _("the contact")

    class Source(models.TextChoices):
        MANUAL = "manual", _("added by hand")
        MESSAGE = "message", _("from a message")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        BROKEN = "broken", _("broken")
        RENEGOTIATED = "renegotiated", _("renegotiated")

    # `me` and `teammate` both name a workspace user; which one is which depends on who looks.
    debtor_kind = models.CharField(_("who owes"), max_length=10, choices=Debtor.choices)
    debtor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    debtor_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Kept so a promise by someone who has since left (and whose account is gone) still names them.
    debtor_name = models.CharField(_("debtor name"), max_length=200, blank=True)
    creditor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creditor_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The contact's organization when the promise was made: it stays there if they change jobs.
    organization = models.ForeignKey(
        "people.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(_("what"), max_length=500)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    due_precision = models.CharField(
        _("due precision"), max_length=10, choices=Precision.choices, default=Precision.NONE
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    source_message = models.ForeignKey(
        "conversations.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("promise")
        indexes = [
            models.Index(fields=["workspace", "status", "due_at"]),
            models.Index(fields=["workspace", "debtor_user", "status"]),
            models.Index(fields=["workspace", "organization"]),
        ]

    def __str__(self):
        return self.what

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.pk])

    @property
    def person(self):
        """The contact on the other side, whichever way the promise goes."""
        return self.debtor_person if self.debtor_kind == self.Debtor.CONTACT else self.creditor_person

    @property
    def vague(self) -> bool:
        return self.due_precision != Precision.MINUTE

    @property
    def kept_on_time(self) -> bool:
        return self.status == self.Status.DONE and (
            self.due_at is None or (self.closed_at is not None and self.closed_at <= self.due_at)
        )


class DueChange(models.Model):
    """A due moved: the history of a renegotiated promise."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="due_changes")
    old_due_at = models.DateTimeField(null=True, blank=True)
    old_precision = models.CharField(max_length=10, choices=Precision.choices)
    new_due_at = models.DateTimeField(null=True, blank=True)
    new_precision = models.CharField(max_length=10, choices=Precision.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.old_due_at} → {self.new_due_at}"


class Suggestion(WorkspaceScoped):
    """A promise the extractor found in a message, waiting in the review inbox."""

    class State(models.TextChoices):
        PENDING = "pending", _("to review")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    class Debtor(models.TextChoices):
        ME = "me", _("me")
        THEM = "them", _("them")

    source_message = models.ForeignKey("conversations.Message", on_delete=models.CASCADE, related_name="+")
    debtor = models.CharField(max_length=4, choices=Debtor.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=500)
    due_at = models.DateTimeField(null=True, blank=True)
    due_precision = models.CharField(max_length=10, choices=Precision.choices, default=Precision.NONE)
    reply = models.TextField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A re-import finds the same promise again: the key keeps it from being suggested twice.
            models.UniqueConstraint(
                fields=["source_message", "debtor"], name="one_suggestion_per_message_debtor"
            ),
        ]
        indexes = [models.Index(fields=["workspace", "state", "created_at"])]

    def __str__(self):
        return self.what

    @property
    def vague(self) -> bool:
        return self.due_precision != Precision.MINUTE
