"""Work over REST: engagements (with scope, requests and change requests) and opportunities (with vetting).

Two routers: `router` is mounted at /api/engagements, `opportunities_router` at /api/opportunities.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error, UserOut, user_out
from kenal.accounts.pagination import LazyPage
from kenal.accounts.scoping import get_scoped_or_refuse
from kenal.accounts.selectors import member_or_refuse
from kenal.engagements import selectors, services
from kenal.engagements.models import ClientRequest, Opportunity
from kenal.people.models import Organization, Person

router = Router(tags=["engagements"])
opportunities_router = Router(tags=["opportunities"])


class ScopeItemOut(Schema):
    id: int
    deliverable: str
    quantity: int
    delivered: int
    revisions_included: int
    revisions_used: int
    mou_clause: str


class ClientRequestOut(Schema):
    id: int
    text: str
    verdict: str
    scope_item_id: int | None
    is_revision: bool
    revision_number: int | None
    over_allowance: bool
    requested_on: date


class ChangeRequestOut(Schema):
    id: int
    title: str
    price: Decimal
    currency: str
    status: str
    client_request_id: int | None


class MilestoneOut(Schema):
    id: int
    label: str
    amount: Decimal
    due_on: date | None
    paid_on: date | None


class EngagementOut(Schema):
    id: int
    title: str
    status: str
    organization_id: int | None
    organization: str | None
    person_id: int | None
    person: str | None
    starts_on: date | None
    ends_on: date | None
    fee: Decimal
    currency: str
    mou_url: str | None
    owner: UserOut | None = Field(description="The member who leads the engagement, or null")
    url: str


class EngagementDetailOut(EngagementOut):
    lessons_learned: str
    scope_items: list[ScopeItemOut]
    client_requests: list[ClientRequestOut]
    change_requests: list[ChangeRequestOut]
    change_requests_accepted_total: Decimal
    milestones: list[MilestoneOut]


class EngagementIn(Schema):
    title: str
    organization_id: int | None = None
    person_id: int | None = None
    status: str = "active"
    starts_on: date | None = None
    ends_on: date | None = None
    fee: Decimal = Decimal("0")
    currency: str = ""
    owner: str | int | None = Field(
        None, description="The member who leads it: an email or user id. Left out, the member creating it."
    )


class ScopeItemIn(Schema):
    deliverable: str
    quantity: int = 1
    revisions_included: int = 0
    mou_clause: str = ""


class ClientRequestIn(Schema):
    text: str
    verdict: ClientRequest.Verdict
    scope_item_id: int | None = None
    is_revision: bool = False
    requested_on: date | None = None
    change_price: Decimal | None = None
    message_id: int | None = None


class ClientRequestLogged(ClientRequestOut):
    warning: str
    change_request: ChangeRequestOut | None


def _engagement_out(engagement) -> dict:
    return {
        "id": engagement.pk,
        "title": engagement.title,
        "status": engagement.status,
        "organization_id": engagement.organization_id,
        "organization": engagement.organization.name if engagement.organization else None,
        "person_id": engagement.person_id,
        "person": engagement.person.full_name if engagement.person else None,
        "starts_on": engagement.starts_on,
        "ends_on": engagement.ends_on,
        "fee": engagement.fee,
        "currency": engagement.currency,
        "mou_url": engagement.mou.get_absolute_url() if engagement.mou_id else None,
        "owner": user_out(engagement.owner),
        "url": engagement.get_absolute_url(),
    }


def _request_out(item) -> dict:
    return {
        "id": item.pk,
        "text": item.text,
        "verdict": item.verdict,
        "scope_item_id": item.scope_item_id,
        "is_revision": item.is_revision,
        "revision_number": item.revision_number,
        "over_allowance": item.over_allowance,
        "requested_on": item.requested_on,
    }


def _detail(engagement, user) -> dict:
    page = selectors.engagement_page(engagement=engagement, user=user)
    return {
        **_engagement_out(engagement),
        "lessons_learned": engagement.lessons_learned,
        "scope_items": page["scope_items"],
        "client_requests": [_request_out(item) for item in page["requests"]],
        "change_requests": page["change_requests"],
        "change_requests_accepted_total": page["change_totals"]["accepted"]["total"],
        "milestones": page["milestones"],
    }


@router.get("", response=list[EngagementOut])
@paginate
def list_engagements(request, q: str = "", status: str = ""):
    return LazyPage(
        selectors.engagement_list(workspace=request.workspace, query=q, status=status), _engagement_out
    )


@router.post("", response={201: EngagementDetailOut, 400: Error})
def create_engagement(request, payload: EngagementIn):
    engagement = services.engagement_create(
        workspace=request.workspace,
        user=request.user,
        title=payload.title,
        organization=get_scoped_or_refuse(Organization, request.workspace, payload.organization_id),
        person=get_scoped_or_refuse(Person, request.workspace, payload.person_id),
        status=payload.status,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        fee=payload.fee,
        currency=payload.currency,
        owner=member_or_refuse(
            request.workspace,
            payload.owner,
            field="owner",
            message=_("The lead must be a member of this workspace."),
            blank_ok=True,
        ),
    )
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement.pk)
    return Status(201, _detail(engagement, request.user))


# Opportunities: their own router, literal paths (/pipeline) before /{id}.


class OpportunityOut(Schema):
    id: int
    title: str
    source: str
    stage: str
    value: Decimal
    currency: str
    expected_close: date | None
    person_id: int | None
    organization_id: int | None
    fit_score: int | None
    decline_reason: str
    url: str


class ReasonOut(Schema):
    key: str
    question: str
    answer: str
    points: float


class LessonOut(Schema):
    engagement_id: int
    title: str
    lessons_learned: str


class OpportunityDetailOut(OpportunityOut):
    vetting_answers: dict[str, str]
    reasons: list[ReasonOut]
    lessons: list[LessonOut]


class OpportunityIn(Schema):
    title: str
    person_id: int | None = None
    organization_id: int | None = None
    source: Opportunity.Source = Opportunity.Source.OTHER
    stage: Opportunity.Stage = Opportunity.Stage.LEAD
    value: Decimal = Decimal("0")
    currency: str = ""
    expected_close: date | None = None
    notes: str = ""


class VettingIn(Schema):
    answers: dict[str, str]


class StageIn(Schema):
    stage: Opportunity.Stage
    decline_reason: str = ""


class StageTotalOut(Schema):
    stage: str
    count: int
    totals: dict[str, Decimal]


def _opportunity_out(opportunity) -> dict:
    return {
        "id": opportunity.pk,
        "title": opportunity.title,
        "source": opportunity.source,
        "stage": opportunity.stage,
        "value": opportunity.value,
        "currency": opportunity.currency,
        "expected_close": opportunity.expected_close,
        "person_id": opportunity.person_id,
        "organization_id": opportunity.organization_id,
        "fit_score": opportunity.fit_score,
        "decline_reason": opportunity.decline_reason,
        "url": opportunity.get_absolute_url(),
    }


def _opportunity_detail(request, opportunity) -> dict:
    questions = selectors.vetting_questions(workspace=request.workspace)
    fit = selectors.opportunity_fit(opportunity=opportunity, questions=questions)
    lessons = selectors.lessons_for(
        workspace=request.workspace,
        person_id=opportunity.person_id,
        organization_id=opportunity.organization_id,
        title=opportunity.title,
        organization_name=opportunity.organization.name if opportunity.organization else "",
    )
    return {
        **_opportunity_out(opportunity),
        "vetting_answers": opportunity.vetting_answers or {},
        "reasons": [reason.__dict__ for reason in fit.reasons],
        "lessons": [
            {"engagement_id": e.pk, "title": e.title, "lessons_learned": e.lessons_learned} for e in lessons
        ],
    }


@opportunities_router.get("", response=list[OpportunityOut])
@paginate
def list_opportunities(request, q: str = "", stage: str = "", source: str = ""):
    return LazyPage(
        selectors.opportunity_list(workspace=request.workspace, query=q, stage=stage, source=source),
        _opportunity_out,
    )


@opportunities_router.get("/pipeline", response=list[StageTotalOut])
def opportunity_pipeline(request):
    return [
        {"stage": column["stage"], "count": column["count"], "totals": dict(column["totals"])}
        for column in selectors.pipeline(workspace=request.workspace, per_stage=0)
    ]


@opportunities_router.post("", response={201: OpportunityDetailOut, 400: Error})
def create_opportunity(request, payload: OpportunityIn):
    opportunity = services.opportunity_create(
        workspace=request.workspace,
        user=request.user,
        title=payload.title,
        person=get_scoped_or_refuse(Person, request.workspace, payload.person_id),
        organization=get_scoped_or_refuse(Organization, request.workspace, payload.organization_id),
        source=payload.source,
        stage=payload.stage,
        value=payload.value,
        currency=payload.currency,
        expected_close=payload.expected_close,
        notes=payload.notes,
    )
    return Status(201, _opportunity_detail(request, opportunity))


@opportunities_router.get("/{int:opportunity_id}", response={200: OpportunityDetailOut, 404: Error})
def get_opportunity(request, opportunity_id: int):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    return _opportunity_detail(request, opportunity)


@opportunities_router.post("/{int:opportunity_id}/vetting", response={200: OpportunityDetailOut, 404: Error})
def vet_opportunity(request, opportunity_id: int, payload: VettingIn):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    services.opportunity_vet(opportunity=opportunity, answers=payload.answers, user=request.user)
    return _opportunity_detail(request, opportunity)


@opportunities_router.post(
    "/{int:opportunity_id}/stage", response={200: OpportunityDetailOut, 400: Error, 404: Error}
)
def set_opportunity_stage(request, opportunity_id: int, payload: StageIn):
    opportunity = selectors.opportunity_get(workspace=request.workspace, opportunity_id=opportunity_id)
    services.opportunity_set_stage(
        opportunity=opportunity,
        stage=payload.stage,
        decline_reason=payload.decline_reason,
        user=request.user,
    )
    return _opportunity_detail(request, opportunity)


@router.get("/{int:engagement_id}", response={200: EngagementDetailOut, 404: Error})
def get_engagement(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    return _detail(engagement, request.user)


@router.get("/{int:engagement_id}/scope-items", response={200: list[ScopeItemOut], 404: Error})
def list_scope_items(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    return selectors.scope_items(engagement=engagement)


@router.post("/{int:engagement_id}/scope-items", response={201: ScopeItemOut, 400: Error, 404: Error})
def add_scope_item(request, engagement_id: int, payload: ScopeItemIn):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    item = services.scope_item_add(engagement=engagement, **payload.dict())
    item.revisions_used = 0
    return Status(201, item)


@router.get("/{int:engagement_id}/requests", response={200: list[ClientRequestOut], 404: Error})
def list_client_requests(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    return [_request_out(item) for item in engagement.requests.select_related("scope_item")[:200]]


@router.post("/{int:engagement_id}/requests", response={201: ClientRequestLogged, 400: Error, 404: Error})
def log_client_request(request, engagement_id: int, payload: ClientRequestIn):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    item = None
    if payload.scope_item_id is not None:
        item = engagement.scope_items.filter(pk=payload.scope_item_id).first()
        if item is None:
            raise HttpError(400, "scope item not found in this engagement")
    with transaction.atomic():
        logged = services.client_request_log(
            engagement=engagement,
            user=request.user,
            text=payload.text,
            verdict=payload.verdict,
            scope_item=item,
            is_revision=payload.is_revision,
            requested_on=payload.requested_on,
            change_price=payload.change_price,
            message_id=payload.message_id,
        )
    warning = ""
    if logged.is_revision:
        warning = selectors.revision_warning(
            number=logged.revision_number, included=logged.scope_item.revisions_included
        )
    change = getattr(logged, "change_request", None) if logged.verdict == "out_of_scope" else None
    return Status(201, {**_request_out(logged), "warning": warning, "change_request": change})


@router.get("/{int:engagement_id}/change-requests", response={200: list[ChangeRequestOut], 404: Error})
def list_change_requests(request, engagement_id: int):
    engagement = selectors.engagement_get(workspace=request.workspace, engagement_id=engagement_id)
    return list(engagement.change_requests.all()[:200])
