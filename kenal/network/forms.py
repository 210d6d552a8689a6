"""Network forms; people are named by their full name and found inside the workspace."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kenal.network.models import Favour, Gift
from kenal.people.selectors import person_by_name

DATE = forms.DateInput(attrs={"type": "date"})


class PersonNameField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)


class WorkspaceForm(forms.Form):
    person_fields: tuple[str, ...] = ()

    def __init__(self, *args, workspace, **kwargs):
        self.workspace = workspace
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        for name in self.person_fields:
            value = (data.get(name) or "").strip()
            if not value:
                continue
            try:
                data[name] = person_by_name(workspace=self.workspace, name=value)
            except ValidationError as error:
                self.add_error(name, error)
                data[name] = None
        return data


class ReferralForm(WorkspaceForm):
    person_fields = ("introducer", "introduced")
    introducer = PersonNameField(label=_("Who introduced (full name)"))
    introduced = PersonNameField(label=_("Whom they introduced (full name)"))
    introduced_on = forms.DateField(label=_("When"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class FavourForm(WorkspaceForm):
    person_fields = ("person",)
    person = PersonNameField(label=_("Person (full name)"))
    direction = forms.ChoiceField(label=_("Who helped"), choices=Favour.Direction.choices)
    description = forms.CharField(label=_("What"), max_length=500)
    happened_on = forms.DateField(label=_("When"), required=False, widget=DATE)


class GiftForm(WorkspaceForm):
    person_fields = ("person",)
    person = PersonNameField(label=_("Person (full name)"))
    title = forms.CharField(label=_("Gift"), max_length=300)
    status = forms.ChoiceField(label=_("Status"), choices=Gift.Status.choices)
    occasion = forms.CharField(label=_("Occasion"), max_length=200, required=False)
    cost = forms.DecimalField(
        label=_("Cost"),
        min_value=0,
        max_digits=16,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"min": "0", "step": "any", "inputmode": "decimal"}),
    )
    on_date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    reaction = forms.CharField(
        label=_("Their reaction"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GiftUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Gift.Status.choices)
    reaction = forms.CharField(
        label=_("Their reaction"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
