"""The network over REST: referrals, favours and gifts, inside the token's workspace.

One router each, mounted at /api/referrals, /api/favours and /api/gifts.
"""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error
from kenal.accounts.pagination import LazyPage
from kenal.accounts.scoping import get_scoped_or_refuse
from kenal.network import selectors, services
from kenal.network.models import Favour, Gift
from kenal.people.models import Person

referrals_router = Router(tags=["referrals"])
favours_router = Router(tags=["favours"])
gifts_router = Router(tags=["gifts"])


class ReferralOut(Schema):
    id: int
    introducer_id: int
    introducer: str
    introduced_id: int
    introduced: str
    introduced_on: date
    note: str
    engagements: int
    revenue: Decimal


class ReferralDetailOut(ReferralOut):
    engagement_ids: list[int]


class ReferralIn(Schema):
    introducer_id: int
    introduced_id: int
    introduced_on: date | None = None
    note: str = ""


class FavourOut(Schema):
    id: int
    person_id: int
    person: str
    direction: str
    description: str
    happened_on: date


class FavourIn(Schema):
    person_id: int
    direction: Favour.Direction
    description: str
    happened_on: date | None = None


class GiftOut(Schema):
    id: int
    person_id: int
    person: str
    status: str
    title: str
    occasion: str
    cost: Decimal | None
    currency: str
    on_date: date | None
    reaction: str


class GiftIn(Schema):
    person_id: int
    title: str
    status: Gift.Status = Gift.Status.IDEA
    occasion: str = ""
    cost: Decimal | None = None
    currency: str = ""
    on_date: date | None = None
    reaction: str = ""


class IdeaOut(Schema):
    title: str
    because: str


class BalanceOut(Schema):
    person_id: int
    name: str
    given: int
    received: int
    balance: int


def _referral_out(referral) -> dict:
    return {
        "id": referral.pk,
        "introducer_id": referral.introducer_id,
        "introducer": referral.introducer.full_name,
        "introduced_id": referral.introduced_id,
        "introduced": referral.introduced.full_name,
        "introduced_on": referral.introduced_on,
        "note": referral.note,
        "engagements": getattr(referral, "engagement_count", 0) or 0,
        "revenue": getattr(referral, "revenue", None) or Decimal("0"),
    }


def _favour_out(favour) -> dict:
    return {
        "id": favour.pk,
        "person_id": favour.person_id,
        "person": favour.person.full_name,
        "direction": favour.direction,
        "description": favour.description,
        "happened_on": favour.happened_on,
    }


def _gift_out(gift) -> dict:
    return {
        "id": gift.pk,
        "person_id": gift.person_id,
        "person": gift.person.full_name,
        "status": gift.status,
        "title": gift.title,
        "occasion": gift.occasion,
        "cost": gift.cost,
        "currency": gift.currency,
        "on_date": gift.on_date,
        "reaction": gift.reaction,
    }


@referrals_router.get("", response=list[ReferralOut])
@paginate
def list_referrals(request, q: str = ""):
    return LazyPage(selectors.referral_list(workspace=request.workspace, query=q), _referral_out)


@referrals_router.get("/top", response=list[dict])
def top_referrers(request):
    return selectors.top_referrers(workspace=request.workspace)


@referrals_router.get("/{int:referral_id}", response={200: ReferralDetailOut, 404: Error})
def get_referral(request, referral_id: int):
    referral = selectors.referral_get(workspace=request.workspace, referral_id=referral_id)
    return {
        **_referral_out(referral),
        "engagement_ids": list(referral.engagements.values_list("pk", flat=True)),
    }


@referrals_router.post("", response={201: ReferralDetailOut, 400: Error})
def create_referral(request, payload: ReferralIn):
    referral = services.referral_create(
        workspace=request.workspace,
        user=request.user,
        introducer=get_scoped_or_refuse(Person, request.workspace, payload.introducer_id),
        introduced=get_scoped_or_refuse(Person, request.workspace, payload.introduced_id),
        introduced_on=payload.introduced_on,
        note=payload.note,
    )
    referral = selectors.referral_get(workspace=request.workspace, referral_id=referral.pk)
    return Status(201, {**_referral_out(referral), "engagement_ids": []})


@favours_router.get("", response=list[FavourOut])
@paginate
def list_favours(request, q: str = "", direction: str = "", person_id: int | None = None):
    return LazyPage(
        selectors.favour_list(workspace=request.workspace, query=q, direction=direction, person_id=person_id),
        _favour_out,
    )


@favours_router.get("/balances", response=list[BalanceOut])
def favour_balances(request):
    return selectors.favour_balances(workspace=request.workspace, limit=100)


@favours_router.get("/{int:favour_id}", response={200: FavourOut, 404: Error})
def get_favour(request, favour_id: int):
    return _favour_out(selectors.favour_get(workspace=request.workspace, favour_id=favour_id))


@favours_router.post("", response={201: FavourOut, 400: Error})
def create_favour(request, payload: FavourIn):
    favour = services.favour_record(
        workspace=request.workspace,
        user=request.user,
        person=get_scoped_or_refuse(Person, request.workspace, payload.person_id),
        direction=payload.direction,
        description=payload.description,
        happened_on=payload.happened_on,
    )
    return Status(201, _favour_out(favour))


@gifts_router.get("", response=list[GiftOut])
@paginate
def list_gifts(request, q: str = "", status: str = "", person_id: int | None = None):
    return LazyPage(
        selectors.gift_list(workspace=request.workspace, query=q, status=status, person_id=person_id),
        _gift_out,
    )


@gifts_router.get("/ideas/{int:person_id}", response={200: list[IdeaOut], 404: Error})
def gift_ideas(request, person_id: int, language: str = "en"):
    from kenal.accounts.scoping import get_scoped_or_404

    person = get_scoped_or_404(Person, request.workspace, pk=person_id)
    return [idea.__dict__ for idea in selectors.gift_ideas(person=person, language=language)]


@gifts_router.get("/{int:gift_id}", response={200: GiftOut, 404: Error})
def get_gift(request, gift_id: int):
    return _gift_out(selectors.gift_get(workspace=request.workspace, gift_id=gift_id))


@gifts_router.post("", response={201: GiftOut, 400: Error})
def create_gift(request, payload: GiftIn):
    gift = services.gift_record(
        workspace=request.workspace,
        person=get_scoped_or_refuse(Person, request.workspace, payload.person_id),
        title=payload.title,
        status=payload.status,
        occasion=payload.occasion,
        cost=payload.cost,
        currency=payload.currency,
        on_date=payload.on_date,
        reaction=payload.reaction,
    )
    return Status(201, _gift_out(gift))
