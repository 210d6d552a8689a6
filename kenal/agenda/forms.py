from django import forms
from django.utils.translation import gettext_lazy as _

from kenal.agenda.models import AgendaSettings

# The furthest a snooze reaches, in days from today: the web form and the API share it.
SNOOZE_MAX_DAYS = 90


class AgendaSettingsForm(forms.ModelForm):
    lead_days = forms.IntegerField(
        label=_("Remind me this many days ahead"),
        min_value=0,
        max_value=60,
        help_text=_("Birthdays and important dates show up this many days early, e.g. 3 to buy a gift."),
    )
    digest_time = forms.TimeField(
        label=_("Daily email at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    alarm_minutes = forms.IntegerField(
        label=_("Calendar alarm, minutes before"),
        min_value=0,
        max_value=24 * 60,
        help_text=_("For promises with a clock time in the calendar feed; 0 for no alarm."),
    )

    class Meta:
        model = AgendaSettings
        fields = [
            "lead_days",
            "digest_enabled",
            "digest_time",
            "alarm_minutes",
            "cadence_client",
            "cadence_friend",
            "cadence_partner",
            "cadence_prospect",
            "cadence_former_client",
        ]


class MarkForm(forms.Form):
    key = forms.CharField(max_length=200)
    days = forms.IntegerField(min_value=1, max_value=SNOOZE_MAX_DAYS, required=False)
    next = forms.CharField(max_length=500, required=False)
