"""Pages for the user's data: erase a person for good (export, duplicates and merges follow)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kenal.people import selectors as people_selectors
from kenal.portability import selectors, services


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
