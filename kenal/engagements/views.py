"""Work pages: engagements held to the MoU, client requests, and the pipeline of prospects."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts.http import service_errors
from kenal.engagements import forms, selectors, services
from kenal.engagements.models import ClientRequest, Engagement, Opportunity
from kenal.lib import registry
from kenal.people.services import organization_get_or_create

PAGE_SIZE = 25


def _client(workspace, data, user=None):
    organization = data["organization"]
    if organization is None and data.get("new_organization_name"):
        organization = organization_get_or_create(
            workspace=workspace, user=user, name=data["new_organization_name"]
        )
    return organization, data["person"]


def index_view(request):
    params = request.GET
    engagements = selectors.engagement_list(
        workspace=request.workspace, query=params.get("q", ""), status=params.get("status", "")
    )
    page = Paginator(engagements, PAGE_SIZE).get_page(params.get("page"))
    context = {
        "page_obj": page,
        "engagements": page.object_list,
        "statuses": Engagement.Status.choices,
        "filtered": bool(params.get("q") or params.get("status")),
    }
    return render(request, "engagements/index.html", context)


def engagement_create_view(request):
    initial = {
        "person_name": request.GET.get("person", ""),
        "organization_name": request.GET.get("organization", ""),
    }
    form = forms.EngagementForm(
        request.POST or None,
        request.FILES or None,
        workspace=request.workspace,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            with transaction.atomic():
                organization, person = _client(request.workspace, data, request.user)
                engagement = services.engagement_create(
                    workspace=request.workspace,
                    user=request.user,
                    title=data["title"],
                    organization=organization,
                    person=person,
                    status=data["status"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    fee=data["fee"],
                    currency=data["currency"],
                    owner=data.get("owner"),
                )
                if data.get("mou"):
                    services.engagement_mou_attach(
                        engagement=engagement,
                        user=request.user,
                        name=data["mou"].name,
                        content=data["mou"].read(),
                    )
        if outcome.ok:
            messages.success(request, _("Engagement saved. Now add the scope from the MoU."))
            return redirect(engagement)
    return render(request, "engagements/engagement_form.html", {"form": form})


def engagement_detail_view(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    context = {
        "engagement": engagement,
        **selectors.engagement_page(engagement=engagement, user=request.user),
        # What other apps know about this work (the referral it came through), as <dt>/<dd> pairs.
        "more_facts": [
            hook(request=request, engagement=engagement) for hook in registry.hooks("engagement_facts")
        ],
        "scope_form": forms.ScopeItemForm(),
        "milestone_form": forms.MilestoneForm(),
        "mou_form": forms.MouForm(),
        "end_form": forms.EndForm(initial={"lessons_learned": engagement.lessons_learned}),
        "statuses": forms.ChangeStatusForm.base_fields["status"].choices,
    }
    return render(request, "engagements/engagement_detail.html", context)


def _back(engagement):
    return redirect(engagement)


def _fail(request, form):
    errors = [
        f"{form.fields[name].label if name in form.fields else ''} {' '.join(errs)}".strip()
        for name, errs in form.errors.items()
    ]
    messages.error(request, " ".join(errors) or _("Please check the form."))


@require_POST
def scope_item_add_view(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    form = forms.ScopeItemForm(request.POST)
    if form.is_valid():
        with service_errors(request=request):
            services.scope_item_add(engagement=engagement, **form.cleaned_data)
            messages.success(request, _("Scope item added."))
    else:
        _fail(request, form)
    return _back(engagement)


@require_POST
def scope_item_deliver_view(request, engagement_id: int, item_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    item = selectors.scope_item_get(workspace=request.workspace, engagement=engagement, scope_item_id=item_id)
    form = forms.DeliverForm(request.POST)
    if form.is_valid():
        services.scope_item_deliver(scope_item=item, delivered=form.cleaned_data["delivered"])
        messages.success(request, _("Saved."))
    else:
        _fail(request, form)
    return _back(engagement)


def client_request_view(request, engagement_id: int):
    """Log a client request; the same view renders the help panel (suggested item, clause, warning) for htmx."""
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    items = selectors.scope_items(engagement=engagement)
    message_id = request.GET.get("message") or request.POST.get("message")
    initial = {"text": request.GET.get("text", "")}
    if request.method == "GET" and message_id:
        initial = {
            "text": selectors.message_text(workspace=request.workspace, message_id=message_id),
            "message": message_id if str(message_id).isdigit() else None,
        }
    form = forms.ClientRequestForm(request.POST or None, scope_items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            logged = services.client_request_log(
                engagement=engagement,
                user=request.user,
                text=data["text"],
                verdict=data["verdict"],
                scope_item=data["scope_item_obj"],
                is_revision=data["is_revision"],
                requested_on=data["requested_on"],
                message_id=data["message"],
                change_price=data["change_price"],
            )
        if outcome.ok:
            _announce(request, logged)
            return _back(engagement)
    text = request.GET.get("text") or (form.data.get("text") if form.is_bound else initial.get("text", ""))
    chosen_id = request.GET.get("scope_item") or (form.data.get("scope_item") if form.is_bound else None)
    chosen = next((item for item in items if str(item.pk) == str(chosen_id)), None)
    help_ = selectors.request_help(engagement=engagement, text=text or "", scope_item=chosen)
    if not form.is_bound and help_.suggestion is not None:
        form.initial["scope_item"] = help_.suggestion.pk
    context = {
        "engagement": engagement,
        "form": form,
        "help": help_,
        "chosen": chosen or help_.suggestion,
        "items": items,
    }
    if request.headers.get("HX-Request"):
        return render(request, "engagements/_request_help.html", context)
    return render(request, "engagements/request_form.html", context, status=400 if form.is_bound else 200)


def _announce(request, logged: ClientRequest) -> None:
    if logged.verdict == ClientRequest.Verdict.OUT_OF_SCOPE:
        messages.success(request, _("Logged as out of scope: a change request was proposed."))
    elif logged.is_revision and logged.scope_item:
        warning = selectors.revision_warning(
            number=logged.revision_number, included=logged.scope_item.revisions_included
        )
        if warning:
            messages.warning(request, _("Careful: %(warning)s.") % {"warning": warning})
        else:
            messages.success(
                request,
                _("Logged: revision %(number)s of %(included)s included.")
                % {"number": logged.revision_number, "included": logged.scope_item.revisions_included},
            )
    else:
        messages.success(request, _("Request logged."))


@require_POST
def change_request_status_view(request, change_request_id: int):
    change_request = selectors.change_request_get(
        workspace=request.workspace, change_request_id=change_request_id
    )
    form = forms.ChangeStatusForm(request.POST)
    if form.is_valid():
        services.change_request_set_status(
            change_request=change_request, status=form.cleaned_data["status"], user=request.user
        )
        messages.success(request, _("Saved."))
    else:
        _fail(request, form)
    return _back(change_request.engagement)


@require_POST
def milestone_add_view(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    form = forms.MilestoneForm(request.POST)
    if form.is_valid():
        services.milestone_add(engagement=engagement, **form.cleaned_data)
        messages.success(request, _("Payment milestone added."))
    else:
        _fail(request, form)
    return _back(engagement)


@require_POST
def milestone_paid_view(request, milestone_id: int):
    milestone = selectors.milestone_get(workspace=request.workspace, milestone_id=milestone_id)
    services.milestone_mark_paid(milestone=milestone)
    messages.success(request, _("Marked as paid."))
    return _back(milestone.engagement)


@require_POST
def mou_upload_view(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    form = forms.MouForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["mou"]
        with service_errors(request=request):
            services.engagement_mou_attach(
                engagement=engagement, user=request.user, name=upload.name, content=upload.read()
            )
            messages.success(request, _("MoU stored."))
    else:
        _fail(request, form)
    return _back(engagement)


@require_POST
def engagement_end_view(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    form = forms.EndForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.engagement_end(
            engagement=engagement,
            user=request.user,
            lessons_learned=data["lessons_learned"],
            ended_on=data["ends_on"],
            status=data["status"],
        )
        messages.success(
            request, _("Engagement closed. Its lessons will show when you vet a similar client.")
        )
    else:
        _fail(request, form)
    return _back(engagement)


# Prospects


def pipeline_view(request):
    params = request.GET
    context = {
        "stages": selectors.pipeline(workspace=request.workspace),
        "sources": Opportunity.Source.choices,
    }
    if params.get("q") or params.get("source") or params.get("stage"):
        results = selectors.opportunity_list(
            workspace=request.workspace,
            query=params.get("q", ""),
            stage=params.get("stage", ""),
            source=params.get("source", ""),
        )
        page = Paginator(results, PAGE_SIZE).get_page(params.get("page"))
        context.update({"page_obj": page, "results": page.object_list, "filtered": True})
    context["stage_choices"] = Opportunity.Stage.choices
    return render(request, "engagements/pipeline.html", context)


def opportunity_create_view(request):
    initial = {"person_name": request.GET.get("person", "")}
    form = forms.OpportunityForm(request.POST or None, workspace=request.workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            with transaction.atomic():
                organization, person = _client(request.workspace, data, request.user)
                opportunity = services.opportunity_create(
                    workspace=request.workspace,
                    user=request.user,
                    title=data["title"],
                    person=person,
                    organization=organization,
                    source=data["source"],
                    stage=data["stage"],
                    value=data["value"],
                    currency=data["currency"],
                    expected_close=data["expected_close"],
                    notes=data["notes"],
                )
        if outcome.ok:
            messages.success(request, _("Opportunity saved. Vet it before you apply."))
            return redirect(opportunity)
    return render(request, "engagements/opportunity_form.html", {"form": form})


def opportunity_detail_view(request, opportunity_id: int, vetting_form=None):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    questions = selectors.vetting_questions(workspace=request.workspace)
    context = {
        "opportunity": opportunity,
        "fit": selectors.opportunity_fit(opportunity=opportunity, questions=questions),
        "vetting_form": vetting_form
        or forms.VettingForm(initial=opportunity.vetting_answers, questions=questions),
        "stage_form": forms.StageForm(
            initial={"stage": opportunity.stage, "decline_reason": opportunity.decline_reason}
        ),
        "lessons": selectors.lessons_for(
            workspace=request.workspace,
            person_id=opportunity.person_id,
            organization_id=opportunity.organization_id,
            title=opportunity.title,
            organization_name=opportunity.organization.name if opportunity.organization else "",
        ),
    }
    return render(request, "engagements/opportunity_detail.html", context)


@require_POST
def opportunity_vet_view(request, opportunity_id: int):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    questions = selectors.vetting_questions(workspace=request.workspace)
    form = forms.VettingForm(request.POST, questions=questions)
    if form.is_valid():
        fit = services.opportunity_vet(opportunity=opportunity, answers=form.cleaned_data, user=request.user)
        messages.success(request, _("Fit score: %(score)s of 100.") % {"score": fit.score})
        return redirect(opportunity)
    return opportunity_detail_view(request, opportunity_id, vetting_form=form)


@require_POST
def opportunity_stage_view(request, opportunity_id: int):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    form = forms.StageForm(request.POST)
    if form.is_valid():
        with service_errors(request=request):
            services.opportunity_set_stage(
                opportunity=opportunity,
                stage=form.cleaned_data["stage"],
                decline_reason=form.cleaned_data["decline_reason"],
                user=request.user,
            )
            messages.success(request, _("Saved."))
    else:
        _fail(request, form)
    return redirect(opportunity)


def vetting_questions_view(request):
    form = forms.QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.vetting_question_save(workspace=request.workspace, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Question saved."))
            return redirect("engagements:vetting_questions")
    questions = selectors.vetting_questions(workspace=request.workspace)
    return render(request, "engagements/vetting_questions.html", {"form": form, "questions": questions})


# Blocks on other apps' pages


def person_page_block(*, request, person) -> str:
    engagements = selectors.person_engagements(workspace=request.workspace, person=person)
    return render_to_string(
        "engagements/_block.html", {"engagements": engagements, "person": person}, request=request
    )


def organization_page_block(*, request, organization) -> str:
    engagements = selectors.organization_engagements(workspace=request.workspace, organization=organization)
    return render_to_string(
        "engagements/_block.html", {"engagements": engagements, "organization": organization}, request=request
    )
