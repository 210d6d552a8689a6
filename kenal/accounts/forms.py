from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from kenal.accounts.models import Membership, User


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


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role in the workspace"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )


class InvitationSignupForm(forms.Form):
    """A visitor invited without an account picks their name and password."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("The password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                validate_password(first, User(email=self.email, first_name=data.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6 digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
