"""Forms for promises: the quick add, the due change and the review of a suggestion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kenal.commitments.models import Commitment


class DueFields(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_time = forms.TimeField(
        label=_("Time (leave empty for the whole day)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("due_time") and not data.get("due_date"):
            self.add_error("due_date", _("Pick the day too."))
        return data


class PersonField(forms.CharField):
    """A person typed by full name, resolved inside the workspace: no select with every contact in it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("With whom (name)"))
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.workspace = None

    def clean(self, value):
        from kenal.people.selectors import person_by_name

        return person_by_name(workspace=self.workspace, name=super().clean(value))


class CommitmentForm(DueFields):
    person = PersonField()
    what = forms.CharField(
        label=_("What is promised"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Send the press release draft")}),
    )
    debtor = forms.ChoiceField(label=_("Who owes it"))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["person", "what", "debtor", "due_date", "due_time", "notes"]

    def __init__(self, *args, workspace, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].workspace = workspace
        from kenal.commitments.selectors import teammates

        choices = [("me", _("I do")), ("contact", _("They do"))]
        choices += [
            (f"user:{m.user_id}", str(m.user)) for m in teammates(workspace=workspace) if m.user_id != user.pk
        ]
        self.fields["debtor"].choices = choices
        self.teammates = {f"user:{m.user_id}": m.user for m in teammates(workspace=workspace)}

    def debtor_args(self, user) -> dict:
        value = self.cleaned_data["debtor"]
        if value == "contact":
            return {"debtor_kind": Commitment.Debtor.CONTACT}
        if value.startswith("user:"):
            return {"debtor_kind": Commitment.Debtor.TEAMMATE, "debtor_user": self.teammates[value]}
        return {"debtor_kind": Commitment.Debtor.ME}


class PersonQuickAddForm(DueFields):
    """The one-line add on a person page: what, and when."""

    what = forms.CharField(label=_("What is promised"), max_length=500)
    debtor = forms.ChoiceField(label=_("Who owes it"), choices=[("me", _("I do")), ("contact", _("They do"))])


class DueChangeForm(DueFields):
    reason = forms.CharField(label=_("Why it moved"), max_length=300, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Commitment.Status.choices)


class SuggestionForm(DueFields):
    what = forms.CharField(label=_("What is promised"), max_length=500)
    person = PersonField()

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].workspace = workspace


class SuggestionPersonForm(forms.Form):
    """Who an accepted promise is with, when the suggestion names nobody: a sender of the chat, or a person."""

    # Not a ChoiceField: a person found by the search is a valid answer too; clean_choice checks it.
    choice = forms.CharField(label=_("Who is this promise with?"), widget=forms.RadioSelect)
    q = forms.CharField(label=_("Someone else: search by name"), required=False, max_length=100)

    def __init__(self, *args, workspace, senders, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["choice"].widget.choices = senders
        self.fields["choice"].error_messages["required"] = _("Choose who the promise is with.")

    def clean_choice(self) -> dict:
        """The accept arguments the choice means: {"sender": name} or {"person": Person}."""
        from kenal.people.models import Person

        kind, _sep, value = self.cleaned_data["choice"].partition(":")
        if kind == "sender" and value.strip():
            return {"sender": value}
        person = None
        if kind == "person" and value.isdigit():
            person = Person.objects.filter(workspace=self.workspace, pk=int(value)).first()
        if person is None:
            raise forms.ValidationError(_("Choose who the promise is with."))
        return {"person": person}
