from django import forms
from django.utils.translation import gettext_lazy as _

from kenal.capture.models import Security


class MailboxForm(forms.Form):
    host = forms.CharField(label=_("Mail server (IMAP host)"), max_length=255)
    security = forms.ChoiceField(label=_("Security"), choices=Security.choices, initial=Security.SSL)
    port = forms.IntegerField(
        label=_("Port"),
        required=False,
        min_value=1,
        max_value=65535,
        help_text=_("Empty: 993 for SSL/TLS, 143 otherwise."),
    )
    username = forms.CharField(label=_("Username"), max_length=255)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        help_text=_(
            "Stored encrypted and never shown again. Use an app password if your provider offers one."
        ),
    )
    folders = forms.CharField(
        label=_("Folders"),
        initial="INBOX\nSent",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line. Mail in the Sent folder counts as yours."),
    )

    def clean_folders(self):
        return [line.strip() for line in self.cleaned_data["folders"].splitlines() if line.strip()][:20]


class WhatsAppForm(forms.Form):
    phone_number_id = forms.CharField(label=_("Phone number ID"), max_length=64)
    verify_token = forms.CharField(
        label=_("Verify token"), max_length=200, help_text=_("Any phrase; give Meta the same one.")
    )
    app_secret = forms.CharField(label=_("App secret"), widget=forms.PasswordInput, max_length=200)
