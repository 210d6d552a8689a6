"""The share sheet: files and text shared to the installed app (the manifest's share_target)."""

from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kenal.conversations.forms import MAX_UPLOAD_BYTES
from kenal.conversations.views import start_import
from kenal.people.forms import VCardUploadForm
from kenal.people.vcard_views import import_upload

# What a shared file is, by its name: WhatsApp's "Export chat" shares a .zip (with media) or a .txt.
CHAT_SOURCES = {
    ".zip": "whatsapp",
    ".txt": "whatsapp",
    ".eml": "email",
    ".mbox": "email",
    ".json": "telegram",
}
CONTACTS = (".vcf", ".vcard")


def service_worker_view(request):
    """The service worker, a plain file in kenal/static/, served at the root so it may control every page."""
    response = FileResponse(open(finders.find("kenal/sw.js"), "rb"), content_type="text/javascript")  # noqa: SIM115
    response["Cache-Control"] = "no-cache"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def share_view(request):
    """Import what the phone's share sheet sends: chats start an import, a vCard imports people, text opens
    the quick add. The share sheet can't carry a CSRF token, so cross-site posts are refused by their
    Sec-Fetch-Site header (and the session cookie is SameSite=Lax)."""
    if request.method == "GET":
        return redirect("conversations:import")
    if request.headers.get("Sec-Fetch-Site", "none") not in ("none", "same-origin"):
        return HttpResponseForbidden(_("Share to Kenal from your phone's share sheet or from Kenal itself."))
    files = request.FILES.getlist("files")
    if not files:
        text = " ".join(request.POST.get(name, "").strip() for name in ("title", "text", "url")).strip()
        if not text:
            messages.error(request, _("Nothing was shared. Share a chat export, a contact or a message."))
            return redirect("conversations:import")
        return render(request, "web/share_text.html", {"text": text[:1000]})
    runs, report = [], None
    for upload in files:
        suffix = Path(upload.name).suffix.lower()
        if upload.size > MAX_UPLOAD_BYTES:
            messages.error(
                request, _("%(name)s is larger than 500 MB; import it on the server.") % {"name": upload.name}
            )
        elif suffix in CONTACTS:
            report = import_upload(request, upload)
        elif suffix in CHAT_SOURCES:
            runs.append(start_import(request, upload=upload, source=CHAT_SOURCES[suffix]))
        else:
            messages.error(
                request,
                _(
                    "%(name)s is not a chat export or a contact file Kenal can read (.zip, .txt, .eml, .json, .vcf)."
                )
                % {"name": upload.name},
            )
    if report is not None:
        return render(request, "people/import_vcard.html", {"form": VCardUploadForm(), "report": report})
    if len(runs) == 1:
        return redirect("conversations:run", runs[0].pk)
    if runs:
        messages.success(request, _("%(count)s chats are being imported.") % {"count": len(runs)})
    return redirect("conversations:import")
