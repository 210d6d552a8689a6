"""Pages for the user's data: the whole archive, one person's data, erasure, duplicates and merges."""

import json
import tempfile

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts.http import service_errors
from kenal.accounts.scoping import get_scoped_or_404
from kenal.people import selectors as people_selectors
from kenal.people import services as people_services
from kenal.people.models import LegalBasis, Person
from kenal.portability import selectors, services
from kenal.portability.account import account_delete, account_deletion_blockers
from kenal.portability.exporting import archive_write, person_export
from kenal.portability.models import PersonMerge


def person_page_block(*, request, person) -> str:
    """The person page's "their data" block: download it all, or erase it for good."""
    context = {
        "person": person,
        # The request's workspace is always one of the user's: their own personal one needs no query.
        "can_manage": request.workspace.is_personal
        or selectors.can_manage_data(user=request.user, workspace=request.workspace),
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
    context = {
        "can_manage": selectors.can_manage_data(user=request.user, workspace=request.workspace),
        "legal_bases": LegalBasis.choices,
        "default_legal_basis": people_services.default_legal_basis(workspace=request.workspace),
    }
    return render(request, "portability/index.html", context)


@require_POST
def legal_basis_view(request):
    """The workspace's legal-basis default for people that imports and the quick add create."""
    if not selectors.can_manage_data(user=request.user, workspace=request.workspace):
        raise PermissionDenied
    with service_errors(request=request) as outcome:
        people_services.workspace_legal_basis_set(
            workspace=request.workspace, legal_basis=request.POST.get("legal_basis", ""), user=request.user
        )
    if outcome.ok:
        messages.success(request, _("Saved: people you add from now on are kept on this basis."))
    return redirect("portability:index")


def account_delete_view(request):
    """Delete one's own account, confirmed with the password; the team workspaces they leave keep their work."""
    blockers = account_deletion_blockers(user=request.user)
    if request.method == "POST":
        if not request.user.check_password(request.POST.get("password", "")):
            messages.error(request, _("That is not your password; nothing was deleted."))
        else:
            with service_errors(request=request) as outcome:
                account_delete(user=request.user)
            if outcome.ok:
                logout(request)
                messages.success(request, _("Your account and your personal workspace are deleted."))
                return redirect("accounts:login")
    return render(request, "portability/account_delete.html", {"blockers": blockers})


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


def duplicates_view(request):
    pairs = selectors.duplicate_pairs(workspace=request.workspace)
    merges = [m for m in selectors.merges_of(workspace=request.workspace)[:10] if m.undoable]
    return render(request, "portability/duplicates.html", {"pairs": pairs, "merges": merges})


def merge_view(request, keep_id: int, other_id: int):
    """Side by side: the user picks which value wins for each field where the two differ."""
    keep = people_selectors.person_get(workspace=request.workspace, person_id=keep_id)
    other = people_selectors.person_get(workspace=request.workspace, person_id=other_id)
    # Each differing field: (name, label, kept value, other value, whether the other's wins unless changed).
    rows = [
        (
            name,
            Person._meta.get_field(name).verbose_name,
            _shown(keep, name),
            _shown(other, name),
            getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""),
        )
        for name in services.MERGE_FIELDS
        if getattr(keep, name) != getattr(other, name)
    ]
    if request.method == "POST":
        take = [row[0] for row in rows if request.POST.get(row[0]) == "other"]
        with service_errors(request=request) as outcome:
            merge = services.person_merge(keep=keep, other=other, user=request.user, take=take)
        if outcome.ok:
            messages.success(request, _("Merged. You can undo this for 30 days from the duplicates page."))
            return redirect(merge.kept)
    return render(request, "portability/merge.html", {"keep": keep, "other": other, "rows": rows})


def _shown(person, name):
    value = getattr(person, name)
    display = getattr(person, f"get_{name}_display", None)
    return display() if display and value else value


@require_POST
def merge_undo_view(request, merge_id: int):
    merge = get_scoped_or_404(PersonMerge, request.workspace, pk=merge_id)
    with service_errors(request=request) as outcome:
        other = services.person_merge_undo(merge=merge, user=request.user)
    if outcome.ok:
        messages.success(request, _("Undone: %(name)s is back.") % {"name": other.full_name})
        return redirect(other)
    return redirect("portability:duplicates")
