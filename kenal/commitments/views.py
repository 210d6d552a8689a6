"""Promises: pages that load, validate, call one service and redirect (or return the htmx partial)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts.http import redirect_back, service_errors
from kenal.commitments import forms, selectors, services
from kenal.commitments.dues import due_from_parts, due_label
from kenal.commitments.models import Commitment, Suggestion
from kenal.people.selectors import person_get

PAGE_SIZE = 25
SHOWS = ("mine", "owed", "team", "all")


def index_view(request):
    """My open promises by due date (overdue first), or the ones owed to me, or the team's."""
    params = request.GET
    show = params.get("show") if params.get("show") in SHOWS else "mine"
    promises = selectors.commitment_list(
        workspace=request.workspace,
        user=request.user,
        direction="" if show == "all" else show,
        status=params.get("status", ""),
        overdue=params.get("overdue") == "1",
        query=params.get("q", "").strip(),
    )
    page = Paginator(promises, PAGE_SIZE).get_page(params.get("page"))
    rates = selectors.kept_rate(workspace=request.workspace, debtor_user=request.user)
    context = {
        "page_obj": page,
        "rows": _rows(page.object_list, request),
        "show": show,
        "shows": [
            ("mine", _("I owe")),
            ("owed", _("Owed to me")),
            ("team", _("The team owes")),
            ("all", _("All")),
        ],
        "statuses": Commitment.Status.choices,
        "pending": selectors.pending_suggestion_count(workspace=request.workspace),
        "rates": rates,
        "kept": selectors.kept_total(rates),
        "filtered": any(params.get(key) for key in ("q", "status", "overdue")),
    }
    template = "commitments/_results.html" if request.headers.get("HX-Request") else "commitments/index.html"
    return render(request, template, context)


def _rows(promises, request) -> list[dict]:
    """What a row shows: the promise, its due in words, and whether it is late."""
    zone, now = request.workspace.tz, timezone.now()
    return [
        {
            "promise": p,
            "due": due_label(p.due_at, p.due_precision, zone),
            "overdue": p.status in selectors.LIVE and p.due_at is not None and p.due_at < now,
        }
        for p in promises
    ]


def detail_view(request, commitment_id: int):
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    return render(request, "commitments/detail.html", _detail_context(request, promise))


def _detail_context(request, promise, due_form=None) -> dict:
    zone = request.workspace.tz
    local = promise.due_at.astimezone(zone) if promise.due_at else None
    initial = {
        "due_date": local.date() if local else None,
        "due_time": local.time() if local and promise.due_precision == "minute" else None,
    }
    return {
        "promise": promise,
        "row": _rows([promise], request)[0],
        "history": [
            (
                change,
                due_label(change.old_due_at, change.old_precision, zone),
                due_label(change.new_due_at, change.new_precision, zone),
            )
            for change in selectors.due_history(commitment=promise)
        ],
        "due_form": due_form or forms.DueChangeForm(initial=initial),
        "statuses": Commitment.Status.choices,
        "reply": selectors.suggested_reply(commitment=promise),
    }


@require_POST
def status_view(request, commitment_id: int):
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose open, done, broken or renegotiated."))
        return redirect(promise)
    services.commitment_set_status(commitment=promise, user=request.user, status=form.cleaned_data["status"])
    messages.success(request, _("Promise marked %(status)s.") % {"status": promise.get_status_display()})
    return redirect_back(request, request.POST.get("next"), promise)


@require_POST
def due_view(request, commitment_id: int):
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    form = forms.DueChangeForm(request.POST)
    if not form.is_valid():
        return render(request, "commitments/detail.html", _detail_context(request, promise, form), status=400)
    due_at, precision = due_from_parts(
        form.cleaned_data["due_date"], form.cleaned_data["due_time"], request.workspace.tz
    )
    services.commitment_change_due(
        commitment=promise,
        user=request.user,
        due_at=due_at,
        due_precision=precision,
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("New due date saved; the old one is kept in the history."))
    return redirect(promise)


@require_POST
def notes_view(request, commitment_id: int):
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    services.commitment_update(
        commitment=promise, user=request.user, notes=request.POST.get("notes", "")[:5000]
    )
    messages.success(request, _("Saved."))
    return redirect(promise)


def create_view(request):
    """The full form; `?person=ID` or `?message=ID` fills it in (quick add from a person or a message)."""
    proposal = _proposal(
        request, request.POST.get("message") or request.GET.get("message"), request.GET.get("person")
    )
    form = forms.CommitmentForm(
        request.POST or None, workspace=request.workspace, user=request.user, initial=proposal["initial"]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        due_at, precision = due_from_parts(data["due_date"], data["due_time"], request.workspace.tz)
        with service_errors(form) as outcome:
            promise = services.commitment_create(
                workspace=request.workspace,
                user=request.user,
                person=data["person"],
                what=data["what"],
                due_at=due_at,
                due_precision=precision,
                notes=data["notes"],
                source_message=proposal["message"],
                **form.debtor_args(request.user),
            )
        if outcome.ok:
            messages.success(request, _("Promise added."))
            return redirect(promise)
    return render(request, "commitments/form.html", {"form": form, **proposal})


def _proposal(request, message_id, person_id) -> dict:
    if message_id:
        proposal = selectors.message_proposal(workspace=request.workspace, message_id=message_id)
        local = proposal["due_at"].astimezone(request.workspace.tz) if proposal["due_at"] else None
        person = proposal["person"]
        initial = {
            "person": person.full_name if person else "",
            "what": proposal["what"],
            "debtor": proposal["debtor"],
            "due_date": local.date() if local else None,
            "due_time": local.time() if local and proposal["due_precision"] == "minute" else None,
        }
        return {"message": proposal["message"], "reply": proposal["reply"], "initial": initial}
    initial = {"debtor": "me", "what": request.GET.get("what", "")[:500]}  # "what": text shared to Kenal
    if person_id:
        initial["person"] = person_get(workspace=request.workspace, person_id=person_id).full_name
    return {"message": None, "reply": "", "initial": initial}


@require_POST
def person_add_view(request, person_id: int):
    """The quick add on a person page: what and when, back to the person."""
    person = person_get(workspace=request.workspace, person_id=person_id)
    form = forms.PersonQuickAddForm(request.POST, prefix="promise")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(person)
    due_at, precision = due_from_parts(
        form.cleaned_data["due_date"], form.cleaned_data["due_time"], request.workspace.tz
    )
    with service_errors(request=request) as outcome:
        services.commitment_create(
            workspace=request.workspace,
            user=request.user,
            person=person,
            what=form.cleaned_data["what"],
            due_at=due_at,
            due_precision=precision,
            debtor_kind=form.cleaned_data["debtor"],
        )
    if outcome.ok:
        messages.success(request, _("Promise added."))
    return redirect(person)


def review_view(request):
    """The review inbox: promises found in messages, to accept, edit or dismiss."""
    state = request.GET.get("state") if request.GET.get("state") in Suggestion.State.values else "pending"
    page = Paginator(selectors.suggestion_list(workspace=request.workspace, state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "cards": [_card(request, s) for s in page.object_list],
        "state": state,
        "states": Suggestion.State.choices,
    }
    return render(request, "commitments/review.html", context)


def _card(request, suggestion, form=None, asking=None, error: str = "") -> dict:
    zone = request.workspace.tz
    local = suggestion.due_at.astimezone(zone) if suggestion.due_at else None
    initial = {
        "what": suggestion.what,
        "person": suggestion.person.full_name if suggestion.person else "",
        "due_date": local.date() if local else None,
        "due_time": local.time() if local and suggestion.due_precision == "minute" else None,
    }
    return {
        "suggestion": suggestion,
        "due": due_label(suggestion.due_at, suggestion.due_precision, zone),
        "form": form
        or forms.SuggestionForm(workspace=request.workspace, initial=initial, prefix=f"s{suggestion.pk}"),
        "editing": form is not None,
        "asking": asking,
        "error": error,
    }


def _asking_form(request, suggestion, data=None) -> forms.SuggestionPersonForm:
    return forms.SuggestionPersonForm(
        data,
        workspace=request.workspace,
        senders=selectors.suggestion_senders(suggestion=suggestion),
        prefix=f"p{suggestion.pk}",
    )


def _render_card(request, suggestion, form=None, status=200):
    return render(
        request, "commitments/_suggestion.html", {"card": _card(request, suggestion, form)}, status=status
    )


@require_POST
def accept_view(request, suggestion_id: int):
    """Accept as found, with the reviewer's edits, or with the person asked for when none is known."""
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    edits, form, asking = {}, None, None
    if request.POST.get("edited"):
        form = forms.SuggestionForm(request.POST, workspace=request.workspace, prefix=f"s{suggestion.pk}")
        if not form.is_valid():
            return _htmx_or_page(request, suggestion, form=form)
        due_at, precision = due_from_parts(
            form.cleaned_data["due_date"], form.cleaned_data["due_time"], request.workspace.tz
        )
        edits = {
            "what": form.cleaned_data["what"],
            "person": form.cleaned_data["person"],
            "due_at": due_at,
            "due_precision": precision,
        }
    elif request.POST.get("asked"):
        asking = _asking_form(request, suggestion, request.POST)
        if not asking.is_valid():
            return _htmx_or_page(request, suggestion, asking=asking)
        edits = asking.cleaned_data["choice"]
    elif suggestion.person is None and suggestion.state == Suggestion.State.PENDING:
        # Nobody is known yet: the card asks who, in its place.
        return _htmx_or_page(request, suggestion, asking=_asking_form(request, suggestion), status=200)
    try:
        services.suggestion_accept(suggestion=suggestion, user=request.user, **edits)
    except ValidationError as error:
        # Shown in the card, never swallowed: the card's htmx swaps a 400 too (data-show-refusals).
        suggestion.refresh_from_db()
        return _htmx_or_page(request, suggestion, form=form, asking=asking, error=" ".join(error.messages))
    return _htmx_or_review(request, suggestion, _("Added to your promises."))


def suggestion_people_view(request, suggestion_id: int):
    """The people a name search finds, offered as the person a suggestion's promise is with (htmx)."""
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    query = request.GET.get(f"p{suggestion.pk}-q", "")
    found = selectors.suggestion_people_search(workspace=request.workspace, query=query)
    context = {"suggestion": suggestion, "found": found, "query": query, "name": f"p{suggestion.pk}-choice"}
    return render(request, "commitments/_suggestion_people.html", context)


@require_POST
def dismiss_view(request, suggestion_id: int):
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    services.suggestion_dismiss(suggestion=suggestion, user=request.user)
    return _htmx_or_review(request, suggestion, _("Dismissed. It won't be suggested again."))


def edit_suggestion_view(request, suggestion_id: int):
    """The edit form of one suggestion (the card's partial for htmx, a page otherwise)."""
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    card = _card(request, suggestion)
    card["editing"] = True
    template = (
        "commitments/_suggestion.html" if request.headers.get("HX-Request") else "commitments/suggestion.html"
    )
    return render(request, template, {"card": card})


def _htmx_or_page(request, suggestion, form=None, asking=None, error: str = "", status: int = 400):
    """The card again, with what to fix: alone for htmx, in its own page otherwise."""
    card = _card(request, suggestion, form, asking=asking, error=error)
    template = (
        "commitments/_suggestion.html" if request.headers.get("HX-Request") else "commitments/suggestion.html"
    )
    return render(request, template, {"card": card}, status=status)


def _htmx_or_review(request, suggestion, note: str):
    if request.headers.get("HX-Request"):
        suggestion.refresh_from_db()
        return _render_card(request, suggestion)
    messages.success(request, note)
    return redirect("commitments:review")


def person_page_block(*, request, person) -> str:
    """On the person page: open promises both ways, the kept-on-time rate, and the quick add."""
    if request.workspace is None or person.workspace_id != request.workspace.pk:
        return ""
    promises = selectors.person_promises(person=person)
    rates = selectors.kept_rate(workspace=request.workspace, person=person)
    context = {
        "person": person,
        "rows": _rows(promises, request),
        "kept": selectors.kept_total(rates),
        "rates": rates,
        "form": forms.PersonQuickAddForm(prefix="promise"),
    }
    return render_to_string("commitments/_person_block.html", context, request=request)


def organization_page_block(*, request, organization) -> str:
    """On the organization page: open and broken promises, including those of people who have left the team."""
    if request.workspace is None or organization.workspace_id != request.workspace.pk:
        return ""
    promises = selectors.organization_promises(organization=organization)
    rates = selectors.kept_rate(workspace=request.workspace, organization=organization)
    if not promises and not rates:
        return ""
    context = {
        "organization": organization,
        "rows": _rows(promises, request),
        "rates": rates,
        "kept": selectors.kept_total(rates),
    }
    return render_to_string("commitments/_organization_block.html", context, request=request)
