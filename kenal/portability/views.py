"""Pages for the user's data: the whole archive, one person's data, and erasing a person for good."""

import json
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.people import selectors as people_selectors
from kenal.portability import selectors, services
from kenal.portability.exporting import archive_write, person_export


def person_page_block(*, request, person) -> str:
    """The person page's "their data" block: download it all, or erase it for good."""
    context = {
        "person": person,
        "can_manage": selectors.can_manage_data(user=request.user, workspace=request.workspace),
    }
    return render_to_string("portability/_person_block.html", context, request=request)


def person_erase_view(request, person_id: int):
    person = people_selectors.person_get(workspace=request.workspace, person_id=person_id)
    if not selectors.can_manage_data(user=request.user, workspace=request.workspace):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("confirm_name", "").strip().casefold() != person.full_name.strip().casefold():
            messages.error(request, _("Type their full name exactly to confirm the erasure."))
        else:
            services.person_erase(person=person, user=request.user)
            messages.success(request, _("Erased for good: nothing about this person is left in Kenal."))
            return redirect("people:list")
    return render(request, "portability/person_erase.html", {"person": person})


def data_view(request):
    context = {"can_manage": selectors.can_manage_data(user=request.user, workspace=request.workspace)}
    return render(request, "portability/index.html", context)


def archive_download_view(request):
    """The whole workspace as a zip, written to a temporary file first so memory stays flat whatever its size."""
    if not selectors.can_manage_data(user=request.user, workspace=request.workspace):
        raise PermissionDenied
    spool = tempfile.TemporaryFile(prefix="kenal-export-")
    archive_write(workspace=request.workspace, user=request.user, out=spool)
    spool.seek(0)
    name = f"kenal-export-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")


def person_export_view(request, person_id: int):
    person = people_selectors.person_get(workspace=request.workspace, person_id=person_id)
    document = person_export(person=person, user=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kenal-person-{person.pk}.json"'
    return response
