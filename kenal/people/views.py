"""People, organizations and circles: pages that load, validate, call one service and redirect."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts.http import int_param, service_errors
from kenal.accounts.scoping import get_scoped_or_404
from kenal.lib import quickadd
from kenal.lib.roles import may_request
from kenal.people import forms, selectors, services
from kenal.people.models import Circle, Organization, Stage

PAGE_SIZE = 25


def person_list_view(request):
    params = request.GET
    people = selectors.person_list(
        workspace=request.workspace,
        query=params.get("q", ""),
        stage=params.get("stage", ""),
        circle=int_param(params.get("circle")),
        tag=params.get("tag", ""),
        organization=int_param(params.get("organization")),
        sort=params.get("sort", "name"),
        owner=params.get("owner", ""),
        user=request.user,
    )
    page = Paginator(people, PAGE_SIZE).get_page(params.get("page"))
    members = forms.team_members(request.workspace)
    context = {
        "page_obj": page,
        "people": page.object_list,
        "stages": Stage.choices,
        "circles": selectors.circle_list(workspace=request.workspace),
        "quick_form": forms.QuickAddForm(),
        "filtered": any(params.get(key) for key in ("q", "stage", "circle", "tag", "organization", "owner")),
        "members": members if len(members) > 1 else [],
    }
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


def person_detail_view(request, person_id: int):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    profile = selectors.person_profile(person=person, user=request.user)
    if profile["unseen_handover"]:
        services.handover_seen(person=person, user=request.user)
    if profile["sensitive"] and not profile["sensitive_viewed_lately"]:
        services.sensitive_viewed(person=person, user=request.user)
    members = profile["members"]
    context = {
        "person": person,
        "profile": profile,
        "timeline": selectors.timeline(person=person, user=request.user),
        "forms": _quick_forms(request, person),
        "handover_form": (
            forms.HandoverForm(members=members, person=person)
            if len(members) > 1 and may_request(request.role, "POST")
            else None
        ),
    }
    context["extra_blocks"] = [
        hook(request=request, person=person) for hook in selectors.person_page_extensions()
    ]
    return render(request, "people/detail.html", context)


def _quick_forms(request, person):
    """The add forms of the person page, as (kind, label, form)."""
    now = timezone.localtime()
    return [
        ("family", _("Family member"), forms.FamilyForm()),
        ("fact", _("Interest or favourite"), forms.FactForm()),
        ("life_event", _("Life event"), forms.LifeEventForm(initial={"happened_on": now.date()})),
        ("note", _("Note"), forms.NoteForm()),
        ("contact", _("Phone, email or handle"), forms.ContactForm()),
        (
            "activity",
            _("Meeting, call or visit"),
            forms.ActivityForm(initial={"happened_at": now.strftime("%Y-%m-%dT%H:%M")}),
        ),
        ("employment", _("Job"), forms.EmploymentForm()),
        ("stage", _("Stage"), forms.StageForm(initial={"stage": person.stage})),
        ("link", _("Link to someone"), forms.LinkForm(workspace=request.workspace, person=person)),
    ]


@require_POST
def person_handover_view(request, person_id: int):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    members = forms.team_members(request.workspace)
    form = forms.HandoverForm(request.POST, members=members, person=person)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            handover = services.person_handover(
                person=person,
                to_user=next(m for m in members if str(m.pk) == form.cleaned_data["to"]),
                by=request.user,
                note=form.cleaned_data["note"],
                include_promises=form.cleaned_data["include_promises"],
            )
        if outcome.ok:
            messages.success(request, _("%(name)s now looks after this person.") % {"name": handover.to_name})
    else:
        messages.error(request, _("Choose a member of this workspace to hand over to."))
    return redirect(person)


def person_create_view(request):
    form = forms.PersonForm(request.POST or None, request.FILES or None, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            person = services.person_save(
                workspace=request.workspace, user=request.user, **_person_data(form)
            )
        if outcome.ok:
            messages.success(request, _("%(name)s added.") % {"name": person.full_name})
            return redirect(person)
    return render(request, "people/form.html", {"form": form})


def person_edit_view(request, person_id: int):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    form = forms.PersonForm(
        request.POST or None, request.FILES or None, instance=person, workspace=request.workspace
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.person_save(
                workspace=request.workspace, user=request.user, person=person, **_person_data(form)
            )
        if outcome.ok:
            messages.success(request, _("Saved."))
            return redirect(person)
    return render(request, "people/form.html", {"form": form, "person": person})


def _person_data(form) -> dict:
    split = lambda text: [part.strip() for part in text.split(",") if part.strip()]  # noqa: E731
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    if "owner" in form.fields:
        data["owner"] = form.cleaned_data["owner"]
    return {
        **data,
        "birthday": form.cleaned_data["birthday"],
        "introduced_by": form.cleaned_data["introduced_by_name"],
        "phones": split(form.cleaned_data["phones"]),
        "emails": split(form.cleaned_data["emails"]),
        "circles": split(form.cleaned_data["circles_text"]),
        "tags": split(form.cleaned_data["tags_text"]),
        "photo": form.cleaned_data.get("photo"),
    }


@require_POST
def person_delete_view(request, person_id: int):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    services.person_delete(person=person, user=request.user)
    messages.success(
        request,
        _("%(name)s deleted. You can restore them for 30 days from “Recently deleted”.")
        % {"name": person.full_name},
    )
    return redirect("people:list")


def deleted_list_view(request):
    people = selectors.deleted_people(workspace=request.workspace)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/deleted.html", {"page_obj": page, "deleted": page.object_list})


@require_POST
def person_restore_view(request, person_id: int):
    deleted = selectors.deleted_person_get(workspace=request.workspace, person_id=person_id)
    with service_errors(request=request) as outcome:
        person = services.person_restore(deleted=deleted, user=request.user)
    if outcome.ok:
        messages.success(request, _("%(name)s is back.") % {"name": person.full_name})
        return redirect(person)
    return redirect("people:deleted")


@require_POST
def quick_add_view(request, person_id: int | None = None):
    """One typed line adds a person, or facts to the person whose page it was typed on."""
    person = selectors.person_get(workspace=request.workspace, person_id=person_id) if person_id else None
    form = forms.QuickAddForm(request.POST)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            person = services.quick_add_apply(
                workspace=request.workspace,
                user=request.user,
                parsed=quickadd.parse(form.cleaned_data["line"]),
                person=person,
            )
        if outcome.ok:
            messages.success(request, _("Added to %(name)s.") % {"name": person.full_name})
            return redirect(person)
    else:
        messages.error(
            request, _("Type a line first, for example: Bu Yuna – anak: Raka, SD Tunas, lahir 2016")
        )
    return redirect(person or "people:list")


ADDERS = {
    "family": forms.FamilyForm,
    "fact": forms.FactForm,
    "life_event": forms.LifeEventForm,
    "note": forms.NoteForm,
    "activity": forms.ActivityForm,
    "contact": forms.ContactForm,
    "employment": forms.EmploymentForm,
    "stage": forms.StageForm,
    "link": forms.LinkForm,
}


@require_POST
def person_add_view(request, person_id: int, what: str):
    """The quick-add forms on the person page: validate, call the service, back to the person."""
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    form_class = ADDERS.get(what)
    if form_class is None:
        raise Http404
    kwargs = {"workspace": request.workspace, "person": person} if what in ("link", "activity") else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        context = {"person": person, "form": form, "what": what}
        return render(request, "people/add_error.html", context, status=400)
    with service_errors(request=request) as outcome:
        _apply(request, person, what, form.cleaned_data)
    if outcome.ok:
        messages.success(request, _("Saved."))
    return redirect(person)


def _apply(request, person, what: str, data: dict) -> None:
    if what == "family":
        services.family_member_add(person=person, **data)
    elif what == "fact":
        services.fact_add(person=person, **data)
    elif what == "life_event":
        services.life_event_add(person=person, **data)
    elif what == "note":
        services.note_add(person=person, author=request.user, **data)
    elif what == "activity":
        others = data.pop("others")
        services.activity_add(
            workspace=request.workspace, user=request.user, people=[person, *others], **data
        )
    elif what == "contact":
        services.contact_point_add(person=person, **data)
    elif what == "employment":
        organization = services.organization_get_or_create(
            workspace=request.workspace, user=request.user, name=data.pop("organization")
        )
        services.employment_add(person=person, organization=organization, **data)
    elif what == "stage":
        services.person_stage_change(person=person, stage=data["stage"], note=data["note"], user=request.user)
    elif what == "link":
        services.person_link_add(
            from_person=person, to_person=data["to_person"], kind=data["kind"], note=data["note"]
        )


def organization_list_view(request):
    organizations = selectors.organization_list(workspace=request.workspace, query=request.GET.get("q", ""))
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "people/organization_list.html", {"page_obj": page, "organizations": page.object_list}
    )


def organization_detail_view(request, organization_id: int):
    organization = get_scoped_or_404(Organization, request.workspace, pk=organization_id)
    employments = selectors.organization_people(organization=organization)
    context = {
        "organization": organization,
        "current": [e for e in employments if e.ended_on is None],
        "former": [e for e in employments if e.ended_on is not None],
    }
    context["extra_blocks"] = [
        hook(request=request, organization=organization) for hook in selectors.organization_page_extensions()
    ]
    return render(request, "people/organization_detail.html", context)


def organization_form_view(request, organization_id: int | None = None):
    organization = (
        get_scoped_or_404(Organization, request.workspace, pk=organization_id) if organization_id else None
    )
    form = forms.OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            organization = services.organization_save(
                workspace=request.workspace, user=request.user, organization=organization, **form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("Saved."))
            return redirect(organization)
    return render(request, "people/organization_form.html", {"form": form, "organization": organization})


def circle_list_view(request):
    return render(
        request, "people/circle_list.html", {"circles": selectors.circle_list(workspace=request.workspace)}
    )


def circle_detail_view(request, circle_id: int):
    circle = get_scoped_or_404(Circle, request.workspace, pk=circle_id)
    people = selectors.person_list(workspace=request.workspace, circle=circle.pk)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "people/circle_detail.html", {"circle": circle, "page_obj": page, "people": page.object_list}
    )
