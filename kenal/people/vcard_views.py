"""The contacts upload page and the vCard download."""

import io
import tempfile
from pathlib import Path

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kenal.lib.vcard import write_vcard
from kenal.people.forms import VCardUploadForm
from kenal.people.vcard import vcard_export_cards, vcard_import


def import_view(request):
    form = VCardUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_upload(request, form.cleaned_data["file"])
    return render(request, "people/import_vcard.html", {"form": form, "report": report})


def import_upload(request, upload):
    """Import an uploaded vCard file into the user's workspace (the upload page and the share sheet)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return vcard_import(workspace=request.workspace, user=request.user, path=path)


def export_view(request):
    def chunks():
        for card in vcard_export_cards(workspace=request.workspace):
            buffer = io.StringIO()
            write_vcard([card], buffer)
            yield buffer.getvalue()

    response = StreamingHttpResponse(chunks(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_("kenal-contacts.vcf")}"'
    return response
