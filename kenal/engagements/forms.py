"""Forms for engagements and prospects; the client is named by text and resolved inside the workspace."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kenal.accounts.scoping import scoped
from kenal.engagements.models import ChangeRequest, ClientRequest, Engagement, Opportunity
from kenal.engagements.vetting import NO, PARTLY, YES
from kenal.people.forms import members_queryset, team_members
from kenal.people.models import Organization
from kenal.people.selectors import person_by_name

DATE = forms.DateInput(attrs={"type": "date"})
MONEY = forms.NumberInput(attrs={"min": "0", "step": "any", "inputmode": "decimal"})


class ClientFieldsMixin:
    """Resolve "organization" and "person" typed as names into rows of the workspace."""

    def clean_client(self, workspace):
        data = self.cleaned_data
        org_name = data.get("organization_name", "").strip()
        person_name = data.get("person_name", "").strip()
        data["organization"] = None
        data["person"] = None
        if person_name:
            try:
                data["person"] = person_by_name(workspace=workspace, name=person_name)
            except ValidationError as error:
                self.add_error("person_name", error)
        if org_name:
            data["organization"] = scoped(Organization, workspace).filter(name__iexact=org_name).first()
            data["new_organization_name"] = org_name if data["organization"] is None else ""
        if not org_name and not person_name:
            raise forms.ValidationError(_("Name the client: an organization, a person, or both."))
        return data


class EngagementForm(ClientFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    organization_name = forms.CharField(label=_("Client organization"), max_length=200, required=False)
    person_name = forms.CharField(label=_("Client contact (full name)"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Engagement.Status.choices, initial="active")
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    fee = forms.DecimalField(
        label=_("Fee"), min_value=0, max_digits=16, decimal_places=2, required=False, widget=MONEY
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="IDR")
    mou = forms.FileField(label=_("MoU document"), required=False)

    def __init__(self, *args, workspace, user=None, **kwargs):
        self.workspace = workspace
        super().__init__(*args, **kwargs)
        # A team chooses who leads the work; alone, it is always the one member.
        if len(team_members(workspace)) > 1:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Led by"),
                queryset=members_queryset(workspace),
                required=False,
                empty_label=None,
                help_text=_("The member who leads this engagement."),
            )
            if user is not None:
                self.initial.setdefault("owner", user.pk)

    def clean(self):
        super().clean()
        return self.clean_client(self.workspace)


class ScopeItemForm(forms.Form):
    deliverable = forms.CharField(label=_("Deliverable"), max_length=300)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=100000, initial=1)
    revisions_included = forms.IntegerField(
        label=_("Revision rounds included"), min_value=0, max_value=1000, initial=2
    )
    mou_clause = forms.CharField(
        label=_("MoU clause"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliverForm(forms.Form):
    delivered = forms.IntegerField(label=_("Delivered"), min_value=0, max_value=100000)


class ClientRequestForm(forms.Form):
    text = forms.CharField(label=_("What the client asked"), widget=forms.Textarea(attrs={"rows": 3}))
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=ClientRequest.Verdict.choices,
        initial="in_scope",
        widget=forms.RadioSelect,
    )
    scope_item = forms.TypedChoiceField(label=_("Scope item"), coerce=int, required=False, empty_value=None)
    is_revision = forms.BooleanField(label=_("Counts as a revision"), required=False, initial=True)
    change_price = forms.DecimalField(
        label=_("Price of the change request"),
        min_value=0,
        max_digits=16,
        decimal_places=2,
        required=False,
        widget=MONEY,
    )
    requested_on = forms.DateField(label=_("Asked on"), required=False, widget=DATE)
    message = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, scope_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope_item"].choices = [("", "—")] + [
            (item.pk, item.deliverable) for item in scope_items
        ]
        self.items = {item.pk: item for item in scope_items}

    def clean(self):
        data = super().clean()
        data["scope_item_obj"] = self.items.get(data.get("scope_item"))
        if data.get("verdict") == ClientRequest.Verdict.IN_SCOPE and data["scope_item_obj"] is None:
            self.add_error("scope_item", _("Choose the scope item this request falls under."))
        return data


class ChangeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChangeRequest.Status.choices)


class MilestoneForm(forms.Form):
    label = forms.CharField(label=_("Milestone"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=16, decimal_places=2, widget=MONEY)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)


class MouForm(forms.Form):
    mou = forms.FileField(label=_("MoU document"))


class EndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How it ended"), choices=[("ended", _("ended")), ("cancelled", _("cancelled"))]
    )
    ends_on = forms.DateField(label=_("Ended on"), required=False, widget=DATE)
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OpportunityForm(ClientFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    organization_name = forms.CharField(label=_("Organization"), max_length=200, required=False)
    person_name = forms.CharField(label=_("Contact (full name)"), max_length=200, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Opportunity.Source.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=Opportunity.Stage.choices, initial="lead")
    value = forms.DecimalField(
        label=_("Value"), min_value=0, max_digits=16, decimal_places=2, required=False, widget=MONEY
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="IDR")
    expected_close = forms.DateField(label=_("Expected close"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, workspace, **kwargs):
        self.workspace = workspace
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        return self.clean_client(self.workspace)


ANSWER_CHOICES = [(YES, _("yes")), (PARTLY, _("partly")), (NO, _("no"))]


class VettingForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.key] = forms.ChoiceField(
                label=gettext(question.text),
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("weighs %(weight)s") % {"weight": question.weight},
            )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Opportunity.Stage.choices)
    decline_reason = forms.CharField(
        label=_("Why declined"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=50, required=False)
    text = forms.CharField(label=_("Question"), max_length=300)
    weight = forms.IntegerField(label=_("Weight (negative for red flags)"), min_value=-100, max_value=100)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, initial=10)
