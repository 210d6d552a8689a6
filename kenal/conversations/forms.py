"""Conversations: forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kenal.conversations.models import Source

MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class ImportForm(forms.Form):
    source = forms.ChoiceField(label=_("Where the export comes from"), choices=Source.choices)
    file = forms.FileField(
        label=_("Export file"),
        help_text=_("WhatsApp .txt or .zip, an mbox or .eml file, or Telegram's result.json."),
    )
    me = forms.CharField(
        label=_("Your name in this chat"),
        required=False,
        max_length=200,
        help_text=_("So Kenal knows which messages are yours. Also set in your settings."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is larger than 500 MB; import it on the server with the kenal import command.")
            )
        return upload
