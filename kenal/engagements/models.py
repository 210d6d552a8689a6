"""Engagements held to their MoU, client requests, change requests, payments, and the pipeline of prospects."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import WorkspaceScoped


class Engagement(WorkspaceScoped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagements",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagements",
        verbose_name=_("client contact"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    fee = models.DecimalField(_("fee"), max_digits=16, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    mou = models.ForeignKey(
        "accounts.Upload",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("MoU document"),
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    # Who leads the work now (a handover passes it on); created_by stays as history.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("led by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["workspace", "status"]),
            models.Index(fields=["workspace", "starts_on"]),
            models.Index(fields=["workspace", "ends_on"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagements:detail", args=[self.pk])

    @property
    def client_name(self) -> str:
        names = [obj.__str__() for obj in (self.organization, self.person) if obj is not None]
        return " · ".join(names)


class ScopeItem(WorkspaceScoped):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="scope_items")
    deliverable = models.CharField(_("deliverable"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    delivered = models.PositiveIntegerField(_("delivered"), default=0)
    revisions_included = models.PositiveIntegerField(_("revision rounds included"), default=0)
    mou_clause = models.TextField(
        _("MoU clause"), blank=True, help_text=_("The words of the MoU for this item.")
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.deliverable


class ClientRequest(WorkspaceScoped):
    class Verdict(models.TextChoices):
        IN_SCOPE = "in_scope", _("in scope")
        OUT_OF_SCOPE = "out_of_scope", _("out of scope")
        UNCLEAR = "unclear", _("unclear")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="requests")
    text = models.TextField(_("what the client asked"))
    verdict = models.CharField(_("verdict"), max_length=15, choices=Verdict.choices, default=Verdict.UNCLEAR)
    scope_item = models.ForeignKey(
        ScopeItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name=_("scope item"),
    )
    is_revision = models.BooleanField(_("counts as a revision"), default=False)
    revision_number = models.PositiveIntegerField(null=True, blank=True)
    message = models.ForeignKey(
        "conversations.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("message it came from"),
    )
    requested_on = models.DateField(_("asked on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        indexes = [models.Index(fields=["workspace", "engagement"])]

    def __str__(self):
        return self.text[:60]

    @property
    def over_allowance(self) -> bool:
        return bool(
            self.is_revision
            and self.scope_item_id
            and self.revision_number
            and self.revision_number > self.scope_item.revisions_included
        )


class ChangeRequest(WorkspaceScoped):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="change_requests")
    client_request = models.OneToOneField(
        ClientRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="change_request"
    )
    title = models.CharField(_("what"), max_length=300)
    price = models.DecimalField(_("price"), max_digits=16, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class PaymentMilestone(WorkspaceScoped):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="milestones")
    label = models.CharField(_("milestone"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, default=Decimal("0"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["workspace", "due_on"])]

    def __str__(self):
        return self.label


class VettingQuestion(WorkspaceScoped):
    key = models.SlugField(max_length=50)
    text = models.CharField(_("question"), max_length=300)
    weight = models.IntegerField(_("weight"), help_text=_("Negative for red flags."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "key"], name="unique_vetting_question_key")
        ]

    def __str__(self):
        return self.text


class Opportunity(WorkspaceScoped):
    class Source(models.TextChoices):
        REFERRAL = "referral", _("referral")
        UPWORK = "upwork", "Upwork"
        SRIBULANCER = "sribulancer", "Sribulancer"
        PROJECTS_CO_ID = "projects_co_id", "Projects.co.id"
        EVENT = "event", _("event")
        WEBSITE = "website", _("website or social media")
        REPEAT = "repeat", _("repeat client")
        OTHER = "other", _("other")

    class Stage(models.TextChoices):
        LEAD = "lead", _("lead")
        RESEARCHING = "researching", _("researching")
        PITCHING = "pitching", _("pitching")
        WON = "won", _("won")
        LOST = "lost", _("lost")
        DECLINED = "declined", _("declined")

    title = models.CharField(_("title"), max_length=200)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("contact"),
    )
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("organization"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices, default=Stage.LEAD)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    expected_close = models.DateField(_("expected close"), null=True, blank=True)
    vetting_answers = models.JSONField(default=dict, blank=True)
    fit_score = models.PositiveSmallIntegerField(_("fit score"), null=True, blank=True)
    decline_reason = models.TextField(_("why declined"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    engagement = models.ForeignKey(
        Engagement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("engagement"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expected_close", "-pk"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["workspace", "stage"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagements:opportunity", args=[self.pk])
