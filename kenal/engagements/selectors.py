"""Reads about engagements and prospects, always inside one workspace."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kenal.accounts.scoping import get_scoped_or_404, scoped
from kenal.commitments.models import Commitment
from kenal.conversations.models import Message
from kenal.engagements import vetting
from kenal.engagements.models import (
    ChangeRequest,
    ClientRequest,
    Engagement,
    Opportunity,
    PaymentMilestone,
    ScopeItem,
    VettingQuestion,
)
from kenal.lib import formatting
from kenal.lib.similarity import best_match, similarity

LESSON_SIMILARITY = 0.35


def engagement_list(
    *,
    workspace,
    query: str = "",
    status: str = "",
    person_id: int | None = None,
    organization_id: int | None = None,
) -> QuerySet:
    engagements = scoped(Engagement, workspace).select_related("organization", "person", "owner")
    if query:
        engagements = engagements.filter(
            Q(title__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(person__full_name__icontains=query)
        )
    if status:
        engagements = engagements.filter(status=status)
    if person_id:
        engagements = engagements.filter(person_id=person_id)
    if organization_id:
        engagements = engagements.filter(organization_id=organization_id)
    return engagements.order_by("-starts_on", "-pk")


def engagement_get(*, workspace, engagement_id) -> Engagement:
    queryset = Engagement.objects.select_related("organization", "person", "mou", "owner")
    return get_scoped_or_404(queryset, workspace, pk=engagement_id)


def scope_items(*, engagement: Engagement) -> list[ScopeItem]:
    """Scope items with their revisions used, counted in SQL."""
    return list(
        engagement.scope_items.annotate(
            revisions_used=Count(
                "requests",
                filter=Q(requests__is_revision=True, requests__verdict=ClientRequest.Verdict.IN_SCOPE),
            )
        ).order_by("pk")
    )


def change_request_totals(*, engagement: Engagement) -> dict:
    rows = engagement.change_requests.values("status").annotate(total=Sum("price"), count=Count("id"))
    totals = {status: {"total": 0, "count": 0} for status in ChangeRequest.Status.values}
    for row in rows:
        totals[row["status"]] = {"total": row["total"] or 0, "count": row["count"]}
    return totals


def engagement_page(*, engagement: Engagement, user) -> dict:
    """Everything the engagement page shows, in a fixed number of queries."""
    items = scope_items(engagement=engagement)
    requests = list(engagement.requests.select_related("scope_item", "change_request")[:50])
    return {
        "scope_items": items,
        "requests": requests,
        "request_count": engagement.requests.count(),
        "change_requests": list(engagement.change_requests.all()[:50]),
        "change_totals": change_request_totals(engagement=engagement),
        "milestones": list(engagement.milestones.all()),
        "promises": linked_promises(engagement=engagement),
        "linked_messages": linked_messages(engagement=engagement, requests=requests),
    }


def linked_promises(*, engagement: Engagement, limit: int = 10) -> list[Commitment]:
    """The open promises made to or by the client contact, soonest due first."""
    if engagement.person_id is None:
        return []
    return list(
        scoped(Commitment, engagement.workspace)
        .filter(Q(debtor_person_id=engagement.person_id) | Q(creditor_person_id=engagement.person_id))
        .filter(status=Commitment.Status.OPEN)
        .order_by(F("due_at").asc(nulls_last=True), "pk")[:limit]
    )


def linked_messages(*, engagement: Engagement, requests: list[ClientRequest]) -> list[Message]:
    """The messages client requests were logged from."""
    ids = [request.message_id for request in requests if request.message_id]
    if not ids:
        return []
    return list(scoped(Message, engagement.workspace).filter(pk__in=ids)[:20])


def message_text(*, workspace, message_id) -> str:
    """The text of a message of this workspace, to prefill a client request; "" when there is no such message."""
    try:
        pk = int(message_id)
    except (TypeError, ValueError):
        return ""
    if not 0 < pk < 2**63:
        return ""
    message = scoped(Message, workspace).filter(pk=pk).only("text").first()
    return message.text if message is not None else ""


@dataclass
class RequestHelp:
    suggestion: ScopeItem | None
    score: float
    warning: str  # the over-allowance warning for the next revision of the suggested/chosen item, or ""


def request_help(*, engagement: Engagement, text: str, scope_item: ScopeItem | None = None) -> RequestHelp:
    """Suggest the scope item the request is about, and warn when one more revision goes past the allowance."""
    items = scope_items(engagement=engagement)
    match = (
        best_match(text, [(item.pk, f"{item.deliverable} {item.mou_clause}") for item in items])
        if text
        else None
    )
    suggestion = next((item for item in items if match and item.pk == match[0]), None)
    target = scope_item or suggestion
    warning = ""
    if target is not None:
        used = next((item.revisions_used for item in items if item.pk == target.pk), 0)
        warning = revision_warning(number=used + 1, included=target.revisions_included)
    return RequestHelp(suggestion=suggestion, score=match[1] if match else 0.0, warning=warning)


def revision_warning(*, number: int, included: int) -> str:
    """ "revisi ke-4 dari 3 yang termasuk" once the revision goes past what the MoU includes."""
    if number <= included:
        return ""
    return _("revision %(number)s of %(included)s included") % {"number": number, "included": included}


def scope_item_get(*, workspace, engagement: Engagement, scope_item_id) -> ScopeItem:
    return get_scoped_or_404(ScopeItem.objects.filter(engagement=engagement), workspace, pk=scope_item_id)


def change_request_get(*, workspace, change_request_id) -> ChangeRequest:
    return get_scoped_or_404(
        ChangeRequest.objects.select_related("engagement"), workspace, pk=change_request_id
    )


def milestone_get(*, workspace, milestone_id) -> PaymentMilestone:
    return get_scoped_or_404(
        PaymentMilestone.objects.select_related("engagement"), workspace, pk=milestone_id
    )


# Prospects


def opportunity_list(*, workspace, query: str = "", stage: str = "", source: str = "") -> QuerySet:
    opportunities = scoped(Opportunity, workspace).select_related("person", "organization")
    if query:
        opportunities = opportunities.filter(
            Q(title__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(person__full_name__icontains=query)
        )
    if stage:
        opportunities = opportunities.filter(stage=stage)
    if source:
        opportunities = opportunities.filter(source=source)
    return opportunities.order_by("expected_close", "-pk")


def opportunity_get(*, workspace, opportunity_id) -> Opportunity:
    return get_scoped_or_404(
        Opportunity.objects.select_related("person", "organization"), workspace, pk=opportunity_id
    )


def pipeline(*, workspace, per_stage: int = 20) -> list[dict]:
    """Opportunities grouped by stage, with counts and values summed in SQL."""
    totals = {
        (row["stage"], row["currency"]): row
        for row in scoped(Opportunity, workspace)
        .values("stage", "currency")
        .annotate(count=Count("id"), total=Sum("value"))
    }
    stages = []
    for stage, label in Opportunity.Stage.choices:
        rows = [row for (key, _currency), row in totals.items() if key == stage]
        stages.append(
            {
                "stage": stage,
                "label": label,
                "count": sum(row["count"] for row in rows),
                "totals": [(row["currency"], row["total"] or 0) for row in rows],
                "opportunities": [],
            }
        )
    # One query per stage column, each capped: constant whatever the pipeline size.
    for column in stages:
        if column["count"]:
            column["opportunities"] = list(
                scoped(Opportunity, workspace)
                .filter(stage=column["stage"])
                .select_related("person", "organization")
                .order_by("expected_close", "-pk")[:per_stage]
            )
    return stages


def vetting_questions(*, workspace) -> list[VettingQuestion]:
    from kenal.engagements.services import vetting_questions_ensure

    return vetting_questions_ensure(workspace=workspace)


def opportunity_fit(*, opportunity: Opportunity, questions: list[VettingQuestion]) -> vetting.Fit:
    # The default questions are stored in English and shown in the user's language.
    return vetting.fit_score(
        [(q.key, _(q.text), q.weight) for q in questions], opportunity.vetting_answers or {}
    )


def lessons_for(
    *,
    workspace,
    person_id=None,
    organization_id=None,
    title: str = "",
    organization_name: str = "",
    exclude_engagement_id=None,
    limit: int = 5,
) -> list[Engagement]:
    """Lessons from ended engagements with the same client, or with a similar title or organization."""
    ended = scoped(Engagement, workspace).exclude(lessons_learned="").select_related("organization", "person")
    if exclude_engagement_id:
        ended = ended.exclude(pk=exclude_engagement_id)
    same = Q(pk__in=[])
    if person_id:
        same |= Q(person_id=person_id)
    if organization_id:
        same |= Q(organization_id=organization_id)
    found = list(ended.filter(same).order_by("-ends_on")[:limit])
    if len(found) < limit and (title or organization_name):
        # Similar prospects: compare against the most recent lessons only, so the work stays bounded.
        probe = f"{title} {organization_name}"
        recent = ended.exclude(pk__in=[e.pk for e in found]).order_by("-ends_on", "-pk")[:200]
        scored = [
            (similarity(probe, f"{e.title} {e.organization.name if e.organization else ''}"), e)
            for e in recent
        ]
        scored = [pair for pair in scored if pair[0] >= LESSON_SIMILARITY]
        scored.sort(key=lambda pair: -pair[0])
        found.extend(e for _score, e in scored[: limit - len(found)])
    return found


def person_engagements(*, workspace, person, limit: int = 10) -> list[Engagement]:
    return list(engagement_list(workspace=workspace, person_id=person.pk)[:limit])


def organization_engagements(*, workspace, organization, limit: int = 10) -> list[Engagement]:
    return list(engagement_list(workspace=workspace, organization_id=organization.pk)[:limit])


def agenda_engagement_dates(*, workspace, user, start: date, end: date, today: date) -> list:
    """Engagement starts and ends, and payment milestones due, between start and end (inclusive)."""
    from kenal.lib.agenda import AgendaItem, AgendaKind

    items = []
    window = Q(starts_on__range=(start, end)) | Q(ends_on__range=(start, end))
    engagements = scoped(Engagement, workspace).filter(window).exclude(status=Engagement.Status.CANCELLED)
    for engagement in engagements.select_related("person", "organization")[:200]:
        client = engagement.client_name
        for day, what, label in (
            (engagement.starts_on, "start", _("Engagement starts")),
            (engagement.ends_on, "end", _("Engagement ends")),
        ):
            if day and start <= day <= end:
                items.append(
                    AgendaItem(
                        kind=AgendaKind.ENGAGEMENT,
                        date=day,
                        title=f"{label}: {engagement.title}",
                        key=f"engagement:{engagement.pk}:{what}",
                        person_id=engagement.person_id,
                        person=engagement.person.full_name if engagement.person else "",
                        url=engagement.get_absolute_url(),
                        detail=client,
                    )
                )
    # Unpaid milestones due in the window, and those already past due (overdue until paid).
    milestones = (
        scoped(PaymentMilestone, workspace)
        .filter(paid_on__isnull=True, due_on__isnull=False)
        .filter(Q(due_on__range=(start, end)) | Q(due_on__lt=today, due_on__lte=end))
        .select_related("engagement__person", "engagement__organization")
        .order_by("due_on")[:200]
    )
    for milestone in milestones:
        engagement = milestone.engagement
        items.append(
            AgendaItem(
                kind=AgendaKind.ENGAGEMENT,
                date=milestone.due_on,
                title=_("Payment due: %(milestone)s (%(engagement)s)")
                % {"milestone": milestone.label, "engagement": engagement.title},
                key=f"milestone:{milestone.pk}",
                person_id=engagement.person_id,
                person=engagement.person.full_name if engagement.person else "",
                overdue=milestone.due_on < today,
                url=engagement.get_absolute_url(),
                detail=formatting.money(milestone.amount, engagement.currency, get_language()),
            )
        )
    items.sort(key=lambda item: (item.date, item.key))
    return items


def value_by_person(*, workspace, people_ids: list[int]) -> dict[int, Decimal]:
    """What each client is worth: the fees of the engagements they are the client person of, summed in SQL."""
    rows = (
        scoped(Engagement, workspace)
        .filter(person_id__in=people_ids)
        .values("person_id")
        .annotate(total=Sum("fee"))
        .order_by()
    )
    return {row["person_id"]: row["total"] for row in rows}
