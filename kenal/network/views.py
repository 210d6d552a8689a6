"""Network pages: who knows whom, referrals, favours and gifts."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenal.accounts.batch import fetch_at_once
from kenal.accounts.http import redirect_back, service_errors
from kenal.network import forms, selectors, services
from kenal.network.models import Favour, Gift
from kenal.people.models import Fact

PAGE_SIZE = 25


def index_view(request):
    context = {
        "graph": selectors.network_graph(workspace=request.workspace),
        "top_referrers": selectors.top_referrers(workspace=request.workspace),
        "balances": selectors.favour_balances(workspace=request.workspace, limit=10),
    }
    return render(request, "network/index.html", context)


def _list(request, queryset, template, extra):
    status = extra.pop("status", 200)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "rows": page.object_list,
        "filtered": any(request.GET.get(key) for key in ("q", "direction", "status")),
        **extra,
    }
    return render(request, template, context, status=status)


def _save(request, form, save):
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            row = save(form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Saved."))
            return row
    return None


def referral_list_view(request):
    form = forms.ReferralForm(request.POST or None, workspace=request.workspace)
    saved = _save(
        request,
        form,
        lambda data: services.referral_create(workspace=request.workspace, user=request.user, **data),
    )
    if saved:
        return redirect("network:referrals")
    queryset = selectors.referral_list(workspace=request.workspace, query=request.GET.get("q", ""))
    return _list(
        request, queryset, "network/referrals.html", {"form": form, "status": 400 if form.is_bound else 200}
    )


def favour_list_view(request):
    initial = {"person": request.GET.get("person", "")}
    form = forms.FavourForm(request.POST or None, workspace=request.workspace, initial=initial)
    saved = _save(
        request,
        form,
        lambda data: services.favour_record(workspace=request.workspace, user=request.user, **data),
    )
    if saved:
        return redirect("network:favours")
    queryset = selectors.favour_list(
        workspace=request.workspace,
        query=request.GET.get("q", ""),
        direction=request.GET.get("direction", ""),
    )
    return _list(
        request,
        queryset,
        "network/favours.html",
        {
            "form": form,
            "directions": Favour.Direction.choices,
            "balances": selectors.favour_balances(workspace=request.workspace),
            "status": 400 if form.is_bound else 200,
        },
    )


def gift_list_view(request):
    initial = {"person": request.GET.get("person", ""), "title": request.GET.get("title", "")}
    form = forms.GiftForm(request.POST or None, workspace=request.workspace, initial=initial)
    saved = _save(request, form, lambda data: services.gift_record(workspace=request.workspace, **data))
    if saved:
        return redirect_back(request, request.POST.get("next"), "network:gifts")
    queryset = selectors.gift_list(
        workspace=request.workspace, query=request.GET.get("q", ""), status=request.GET.get("status", "")
    )
    return _list(
        request,
        queryset,
        "network/gifts.html",
        {"form": form, "statuses": Gift.Status.choices, "status": 400 if form.is_bound else 200},
    )


@require_POST
def gift_update_view(request, gift_id: int):
    gift = selectors.gift_get(workspace=request.workspace, gift_id=gift_id)
    form = forms.GiftUpdateForm(request.POST)
    if form.is_valid():
        services.gift_update(gift=gift, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("network:gifts")


def person_page_block(*, request, person) -> str:
    # What the block lists, and what gift ideas read, in one query beside the favour counts.
    rows = fetch_at_once(
        {
            "facts": Fact.objects.filter(person=person)[:100],
            "given": Gift.objects.filter(person=person).order_by("-on_date", "-pk")[:500],
            "gifts": selectors.gift_list(workspace=request.workspace, person_id=person.pk)[:5],
            "favours": selectors.favour_list(workspace=request.workspace, person_id=person.pk)[:5],
        }
    )
    facts = [(fact.category, fact.value) for fact in rows["facts"]]
    already = [gift.title for gift in rows["given"]]
    context = {
        "person": person,
        "balance": selectors.favour_balance(person=person),
        "ideas": selectors.gift_ideas(person=person, facts=facts, already=already),
        "gifts": rows["gifts"],
        "favours": rows["favours"],
    }
    return render_to_string("network/_person_block.html", context, request=request)


def engagement_facts(*, request, engagement) -> str:
    """The introductions this work came through, for the engagement page's summary."""
    referrals = selectors.referrals_for_engagement(workspace=request.workspace, engagement=engagement)
    return render_to_string("network/_engagement_facts.html", {"referrals": referrals}, request=request)
