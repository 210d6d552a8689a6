from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import User


class SettingsForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Follow my browser")), *settings.LANGUAGES], required=False
    )

    class Meta:
        model = User
        fields = ["language", "me_names", "me_phones"]
        widgets = {
            "me_names": forms.Textarea(attrs={"rows": 2}),
            "me_phones": forms.Textarea(attrs={"rows": 2}),
        }


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6 digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
