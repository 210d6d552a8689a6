"""Referrals and introductions, favours both ways, and gifts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import WorkspaceScoped


class Referral(WorkspaceScoped):
    introducer = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="referrals_made",
        verbose_name=_("who introduced"),
    )
    introduced = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="referrals_received", verbose_name=_("whom")
    )
    introduced_on = models.DateField(_("when"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The work that followed the introduction, so the referrer's revenue adds up.
    engagements = models.ManyToManyField(
        "engagements.Engagement", blank=True, related_name="+", verbose_name=_("work that followed")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-introduced_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["introducer", "introduced"], name="unique_referral_pair"),
        ]
        indexes = [models.Index(fields=["workspace", "introduced_on"])]

    def __str__(self):
        return f"{self.introducer} → {self.introduced}"


class Favour(WorkspaceScoped):
    class Direction(models.TextChoices):
        GIVEN = "given", _("I helped them")
        RECEIVED = "received", _("they helped me")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="favours", verbose_name=_("person")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    description = models.CharField(_("what"), max_length=500)
    happened_on = models.DateField(_("when"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["workspace", "person"])]

    def __str__(self):
        return self.description


class Gift(WorkspaceScoped):
    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        GIVEN = "given", _("given")
        RECEIVED = "received", _("received")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="gifts", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IDEA)
    title = models.CharField(_("gift"), max_length=300)
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    on_date = models.DateField(_("date"), null=True, blank=True)
    reaction = models.TextField(_("their reaction"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_date", "-pk"]
        indexes = [models.Index(fields=["workspace", "person"])]

    def __str__(self):
        return self.title
