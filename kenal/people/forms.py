from django import forms
from django.utils.translation import gettext_lazy as _

from kenal.people.models import (
    Activity,
    ContactPoint,
    Context,
    Fact,
    FamilyMember,
    LegalBasis,
    LifeEvent,
    Note,
    Organization,
    Person,
    PersonLink,
    Stage,
    Temperament,
)
from kenal.people.selectors import person_by_name
from kenal.people.services import default_legal_basis

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.ModelForm):
    phones = forms.CharField(label=_("Phones"), required=False, help_text=_("Separate with commas."))
    emails = forms.CharField(label=_("Emails"), required=False, help_text=_("Separate with commas."))
    birthday = forms.CharField(
        label=_("Birthday"),
        required=False,
        help_text=_("YYYY-MM-DD, or --MM-DD when you don't know the year."),
    )
    circles_text = forms.CharField(label=_("Circles"), required=False, help_text=_("e.g. gankjemputan, golf"))
    tags_text = forms.CharField(label=_("Tags"), required=False)
    introduced_by_name = forms.CharField(
        label=_("Introduced by"),
        required=False,
        max_length=200,
        help_text=_("The full name of someone already in Kenal."),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    temperaments = forms.MultipleChoiceField(
        label=_("Temperament"),
        choices=Temperament.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "nickname",
            "salutation",
            "stage",
            "city",
            "country",
            "timezone",
            "languages",
            "preferred_channel",
            "best_time",
            "temperaments",
            "temperament_note",
            "met_on",
            "met_where",
            "keep_in_touch_days",
            "legal_basis",
            "legal_basis_since",
        ]
        widgets = {
            "met_on": DATE,
            "legal_basis_since": DATE,
            "temperament_note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_legal_basis(self):
        return self.cleaned_data["legal_basis"] or self.instance.legal_basis or LegalBasis.LEGITIMATE_INTEREST

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        # Left out, the legal basis stays as it was (legitimate interest for someone new).
        self.fields["legal_basis"].required = False
        if self.instance.pk and not self.instance.stage:
            # An imported phone contact has no stage (so no keep-in-touch cadence) until the user picks one.
            self.fields["stage"].choices = [("", _("No stage yet")), *Stage.choices]
            self.fields["stage"].required = False
        if not self.instance.pk and workspace is not None:
            self.instance.legal_basis = default_legal_basis(workspace=workspace)
            self.initial.setdefault("legal_basis", self.instance.legal_basis)
        members = team_members(workspace)
        if len(members) > 1:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Relationship owner"),
                queryset=members_queryset(workspace),
                required=False,
                empty_label=_("Nobody yet"),
                help_text=_("The member who looks after this person."),
            )
            if self.instance.pk:
                self.initial.setdefault("owner", self.instance.owner_id)
        if self.instance.pk:
            if self.instance.introduced_by_id:
                self.initial.setdefault("introduced_by_name", self.instance.introduced_by.full_name)
            points = list(self.instance.contact_points.all())
            self.initial.setdefault("phones", ", ".join(p.value for p in points if p.kind == "phone"))
            self.initial.setdefault("emails", ", ".join(p.value for p in points if p.kind == "email"))
            self.initial.setdefault("birthday", self.instance.birthday_iso or "")
            self.initial.setdefault("circles_text", ", ".join(c.name for c in self.instance.circles.all()))
            self.initial.setdefault("tags_text", ", ".join(t.name for t in self.instance.tags.all()))

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        head = photo.read(16)
        photo.seek(0)
        if not head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF")):
            raise forms.ValidationError(_("Choose a JPEG, PNG, GIF or WebP picture."))
        if photo.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The picture is larger than 5 MB."))
        return photo

    def clean_introduced_by_name(self):
        name = self.cleaned_data["introduced_by_name"].strip()
        if not name:
            return None
        return person_by_name(workspace=self.workspace, name=name, exclude=self.instance.pk)

    def _post_clean(self):
        # person_save writes the person (and parses the birthday); the form only checks what was typed, so the
        # instance is left untouched until the service has decided.
        pass


class QuickAddForm(forms.Form):
    line = forms.CharField(
        label=_("Quick add"),
        max_length=1000,
        widget=forms.TextInput(attrs={"placeholder": _("Bu Yuna – child: Raka, SD Tunas, born 2016")}),
    )


class FamilyForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = ["relation", "name", "birth_year", "school", "note"]


class FactForm(forms.ModelForm):
    class Meta:
        model = Fact
        fields = ["category", "value", "note"]


class LifeEventForm(forms.ModelForm):
    class Meta:
        model = LifeEvent
        fields = ["kind", "title", "happened_on", "recurring", "sensitive", "note"]
        widgets = {"happened_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class NoteForm(forms.ModelForm):
    interaction = forms.BooleanField(
        label=_("We met or talked"),
        required=False,
        help_text=_("Counts as being in touch, like a logged meeting."),
    )

    class Meta:
        model = Note
        fields = ["body", "visibility", "context"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactPoint.Kind.choices)
    value = forms.CharField(
        label=_("Number, address or handle"),
        max_length=255,
        help_text=_("e.g. 0812-3456-7890, nama@contoh.com, @yuna.kristina"),
    )
    label = forms.CharField(label=_("Label"), max_length=50, required=False)


class ActivityForm(forms.ModelForm):
    others = forms.CharField(
        label=_("Also with"),
        required=False,
        max_length=1000,
        help_text=_("Full names of other people in Kenal, separated by commas."),
    )

    def __init__(self, *args, workspace=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.person = person

    def clean_others(self):
        names = [name.strip() for name in self.cleaned_data["others"].split(",") if name.strip()]
        return [
            person_by_name(workspace=self.workspace, name=name, exclude=getattr(self.person, "pk", None))
            for name in names
        ]

    class Meta:
        model = Activity
        fields = ["kind", "context", "title", "happened_at", "place", "body"]
        widgets = {
            "happened_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "body": forms.Textarea(attrs={"rows": 2}),
        }


class EmploymentForm(forms.Form):
    organization = forms.CharField(label=_("Organization"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    started_on = forms.DateField(label=_("From"), required=False, widget=DATE)
    ended_on = forms.DateField(
        label=_("To"), required=False, widget=DATE, help_text=_("Leave empty while they still work there.")
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    note = forms.CharField(label=_("Why"), required=False, max_length=500)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Link"), choices=PersonLink.Kind.choices)
    to_person = forms.CharField(
        label=_("Person"), max_length=200, help_text=_("The full name of someone already in Kenal.")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, workspace=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.person = person

    def clean_to_person(self):
        return person_by_name(
            workspace=self.workspace,
            name=self.cleaned_data["to_person"],
            exclude=getattr(self.person, "pk", None),
        )


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "industry", "website", "glossary", "notes"]
        widgets = {"glossary": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        # organization_save writes the organization; the form only checks what was typed.
        pass


class VCardUploadForm(forms.Form):
    file = forms.FileField(label=_("vCard file (.vcf)"))


CONTEXT_CHOICES = Context.choices


def team_members(workspace) -> list:
    """The workspace's members as users; a team shows owners and handovers, a one-person workspace doesn't."""
    return list(members_queryset(workspace)) if workspace is not None else []


def members_queryset(workspace):
    from kenal.accounts.models import User

    return User.objects.filter(memberships__workspace=workspace).order_by("first_name", "email")


class HandoverForm(forms.Form):
    to = forms.ChoiceField(label=_("Hand over to"))
    note = forms.CharField(
        label=_("Note for them"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What they should know: the state of things, what was promised."),
    )
    include_promises = forms.BooleanField(
        label=_("Their open promises and engagements go too"), required=False, initial=True
    )

    def __init__(self, *args, members, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(str(m.pk), str(m)) for m in members if m.pk != person.owner_id]
