"""People and what we know about them: family, facts, life events, stages, circles, notes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import WorkspaceScoped


class Stage(models.TextChoices):
    PROSPECT = "prospect", _("prospect")
    CLIENT = "client", _("client")
    PARTNER = "partner", _("partner")
    FRIEND = "friend", _("friend")
    FORMER_CLIENT = "former_client", _("former client")


class Salutation(models.TextChoices):
    NONE = "", _("First name")
    PAK = "Pak", "Pak"
    BU = "Bu", "Bu"
    MAS = "Mas", "Mas"
    MBAK = "Mbak", "Mbak"
    KAK = "Kak", "Kak"
    BANG = "Bang", "Bang"
    DIK = "Dik", "Dik"
    MR = "Mr", "Mr"
    MS = "Ms", "Ms"


class Channel(models.TextChoices):
    ANY = "", _("No preference")
    WHATSAPP = "whatsapp", "WhatsApp"
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    TELEGRAM = "telegram", "Telegram"
    IN_PERSON = "in_person", _("In person")


class LegalBasis(models.TextChoices):
    """Why a person's data is kept, as Indonesia's personal data protection law (UU PDP) asks to record."""

    CONTRACT = "contract", _("client contract")
    CONSENT = "consent", _("consent")
    LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest")


class Temperament(models.TextChoices):
    DETAIL_ORIENTED = "detail_oriented", _("detail-oriented")
    CHATTY = "chatty", _("chatty")
    QUIET_THEN_EXPLOSIVE = "quiet_then_explosive", _("quiet, then explosive")
    EASYGOING = "easygoing", _("easygoing")
    DEMANDING = "demanding", _("demanding")
    FORMAL = "formal", _("formal")
    SLOW_TO_REPLY = "slow_to_reply", _("slow to reply")


class Organization(WorkspaceScoped):
    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    glossary = models.TextField(_("glossary"), blank=True, help_text=_("The client's own words and terms."))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["workspace", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:organization", args=[self.pk])


class Circle(WorkspaceScoped):
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="unique_circle_name")]

    def __str__(self):
        return f"#{self.name}"

    def get_absolute_url(self):
        return reverse("people:circle", args=[self.pk])


class Tag(WorkspaceScoped):
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="unique_tag_name")]

    def __str__(self):
        return self.name


class Person(WorkspaceScoped):
    full_name = models.CharField(_("full name"), max_length=200)
    nickname = models.CharField(_("nickname"), max_length=100, blank=True)
    salutation = models.CharField(_("address as"), max_length=10, choices=Salutation.choices, blank=True)
    photo = models.ForeignKey(
        "accounts.Upload", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Year-less birthdays are common in phone contacts, so the parts are kept apart.
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=Channel.choices, blank=True
    )
    best_time = models.CharField(_("best time to reach"), max_length=200, blank=True)
    temperaments = models.JSONField(_("temperament"), default=list, blank=True)
    temperament_note = models.TextField(_("how to handle them"), blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    met_where = models.CharField(_("where or at which event"), max_length=200, blank=True)
    introduced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced",
        verbose_name=_("introduced by"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PROSPECT)
    legal_basis = models.CharField(
        _("why we keep their data"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    legal_basis_since = models.DateField(_("since"), null=True, blank=True)
    circles = models.ManyToManyField(Circle, blank=True, related_name="people")
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    keep_in_touch_days = models.PositiveSmallIntegerField(
        _("keep in touch every (days)"), null=True, blank=True
    )
    # The member who looks after this relationship; a handover (Handover) keeps who had it before.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("relationship owner"),
    )
    # Everything in the Kenal score except recent contact, kept in sync by services so the list can sort on it.
    score_base = models.PositiveSmallIntegerField(default=0)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["workspace", "full_name"]),
            models.Index(fields=["workspace", "stage"]),
            models.Index(fields=["workspace", "score_base"]),
            models.Index(fields=["workspace", "birth_month", "birth_day"]),
            models.Index(fields=["workspace", "last_contact_at"]),
            models.Index(fields=["workspace", "owner"]),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.pk])

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else ""

    @property
    def address(self) -> str:
        """How to greet them: "Bu Yuna", or just the nickname or first name."""
        name = self.nickname or self.first_name
        return f"{self.salutation} {name}".strip()

    @property
    def birthday_iso(self) -> str | None:
        if not (self.birth_month and self.birth_day):
            return None
        if self.birth_year:
            return f"{self.birth_year:04d}-{self.birth_month:02d}-{self.birth_day:02d}"
        return f"--{self.birth_month:02d}-{self.birth_day:02d}"

    def temperament_labels(self) -> list[str]:
        labels = dict(Temperament.choices)
        return [str(labels.get(key, key)) for key in self.temperaments or []]


class ContactPoint(WorkspaceScoped):
    class Kind(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("email")
        WHATSAPP = "whatsapp", "WhatsApp"
        TELEGRAM = "telegram", "Telegram"
        SOCIAL = "social", _("social")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            # A phone or email belongs to one person per workspace, so a clash is visible, never merged.
            models.UniqueConstraint(
                fields=["workspace", "kind", "value"],
                name="unique_contact_point",
                condition=models.Q(kind__in=["phone", "email"]),
            )
        ]
        indexes = [models.Index(fields=["workspace", "kind", "value"])]

    def __str__(self):
        return self.value


class PersonPart(models.Model):
    """A row about one person without a workspace of its own (family, facts, life events, jobs)."""

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        """For django-auditlog: the person's workspace, so the audit page finds the change."""
        workspace_id = Person.objects.filter(pk=self.person_id).values_list("workspace_id", flat=True).first()
        return {"workspace": workspace_id, "person": self.person_id}


class Employment(PersonPart):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="employments")
    role = models.CharField(_("role"), max_length=200, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["ended_on", "-started_on"]

    def __str__(self):
        return f"{self.person} – {self.organization}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class FamilyMember(PersonPart):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        OTHER = "other", _("other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    school = models.CharField(_("school"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["relation", "birth_year", "name"]
        indexes = [models.Index(fields=["birth_month", "birth_day"])]

    def __str__(self):
        return self.name


class PersonLink(models.Model):
    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", _("colleague")
        REFERRED_BY = "referred_by", _("referred by")
        FRIEND_OF = "friend_of", _("friend of")
        FAMILY = "family", _("family")

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("link"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_person", "to_person", "kind"], name="unique_person_link")
        ]

    def __str__(self):
        return f"{self.from_person} {self.kind} {self.to_person}"


class Fact(PersonPart):
    class Category(models.TextChoices):
        INTEREST = "interest", _("interest")
        HOBBY = "hobby", _("hobby")
        FOOD = "food", _("favourite food")
        MUSIC = "music", _("favourite music")
        CHARACTER = "character", _("favourite character")
        BRAND = "brand", _("favourite brand")
        FAVOURITE = "favourite", _("other favourite")
        AVOID = "avoid", _("avoid")

    FAVOURITES = (Category.FOOD, Category.MUSIC, Category.CHARACTER, Category.BRAND, Category.FAVOURITE)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="facts")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    value = models.CharField(_("what"), max_length=300)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "value"]

    def __str__(self):
        return self.value


class LifeEvent(PersonPart):
    class Kind(models.TextChoices):
        CHILD_SICK = "child_sick", _("child sick")
        ILLNESS = "illness", _("illness")
        TRIP = "trip", _("trip")
        PROMOTION = "promotion", _("promotion")
        NEW_JOB = "new_job", _("new job")
        WEDDING = "wedding", _("wedding")
        BIRTH = "birth", _("birth")
        MOVE = "move", _("move")
        ANNIVERSARY = "anniversary", _("important date")
        OTHER = "other", _("other")

    SENSITIVE_KINDS = (Kind.CHILD_SICK, Kind.ILLNESS)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="life_events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("what happened"), max_length=300)
    happened_on = models.DateField(_("date"))
    # An important date comes back every year (wedding anniversary, company founding).
    recurring = models.BooleanField(_("every year"), default=False)
    note = models.TextField(_("note"), blank=True)
    # Health and the like: opening a page that shows it is written in the audit log.
    sensitive = models.BooleanField(
        _("sensitive"), default=False, help_text=_("Health or other private matters.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on"]
        indexes = [models.Index(fields=["happened_on"])]

    def __str__(self):
        return self.title


class StageChange(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.person} → {self.stage}"


class Context(models.TextChoices):
    WORK = "work", _("work")
    PERSONAL = "personal", _("personal")


class Activity(WorkspaceScoped):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        CALL = "call", _("call")
        EVENT = "event", _("event")
        VISIT = "visit", _("visit")
        MESSAGE = "message", _("message")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEETING)
    context = models.CharField(_("context"), max_length=10, choices=Context.choices, default=Context.WORK)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    happened_at = models.DateTimeField(_("when"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(Person, related_name="activities", verbose_name=_("with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_at"]
        indexes = [models.Index(fields=["workspace", "happened_at"])]

    def __str__(self):
        return self.title


class Note(WorkspaceScoped):
    class Visibility(models.TextChoices):
        PRIVATE = "private", _("only me")
        SHARED = "shared", _("workspace")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("note"))
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    context = models.CharField(_("context"), max_length=10, choices=Context.choices, default=Context.WORK)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.body[:50]


# How long a deleted person can be restored; erasure (kenal.portability) is the permanent removal.
DELETE_UNDO_DAYS = 30


class DeletedPerson(WorkspaceScoped):
    """A deleted person, kept whole for 30 days so that the delete can be undone; erasure is the permanent one.

    Deleting moves the person's rows out of their tables into `rows` (so every list, search and count forgets
    them without a filter anywhere), and `nulled` remembers the links to them that were emptied.
    """

    person_id = models.BigIntegerField()
    full_name = models.CharField(max_length=200)
    # [[model label, {column: value}], ...] in the order they are put back: the person first.
    rows = models.JSONField()
    # [[model label, column, [ids]], ...]: rows elsewhere that pointed at the person.
    nulled = models.JSONField(default=list)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-deleted_at", "-pk"]
        indexes = [models.Index(fields=["workspace", "person_id"])]

    def __str__(self):
        return self.full_name


class Handover(WorkspaceScoped):
    """A relationship passed from one member to another, with why: kept on the person's timeline for good."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="handovers")
    # The names are kept so the timeline still reads right after a member's account is gone.
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_name = models.CharField(max_length=200, blank=True)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_name = models.CharField(max_length=200)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)
    # Until the new owner opens the person, Today shows "handed over to you".
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["workspace", "to_user", "seen_at"])]

    def __str__(self):
        return f"{self.person}: {self.from_name or '-'} → {self.to_name}"
