"""Writes about referrals, favours and gifts."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.services import audit
from kenal.network.models import Favour, Gift, Referral


def _same_workspace(workspace, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise ValidationError(_("That person does not belong to this workspace."))


@transaction.atomic
def referral_link_engagement(*, referral: Referral, engagement, user=None) -> Referral:
    """Say that this work came through the introduction, so the referrer's revenue adds up."""
    if engagement.workspace_id != referral.workspace_id:
        raise ValidationError(_("That engagement does not belong to this workspace."))
    referral.engagements.add(engagement)
    audit(
        workspace=referral.workspace,
        user=user,
        action="referral.engagement",
        obj=referral,
        detail=str(engagement.pk),
    )
    return referral


def referral_create(
    *, workspace, user=None, introducer, introduced, introduced_on: date | None = None, note: str = ""
) -> Referral:
    """Who introduced whom; recording the same pair twice keeps the first."""
    _same_workspace(workspace, introducer, introduced)
    if introducer.pk == introduced.pk:
        raise ValidationError(_("Someone cannot introduce themselves."))
    existing = Referral.objects.filter(introducer=introducer, introduced=introduced).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                workspace=workspace,
                introducer=introducer,
                introduced=introduced,
                introduced_on=introduced_on or timezone.localdate(),
                note=(note or "").strip()[:500],
            )
    except IntegrityError:
        return Referral.objects.get(introducer=introducer, introduced=introduced)
    audit(workspace=workspace, user=user, action="referral.create", obj=referral)
    return referral


def favour_record(
    *, workspace, user=None, person, direction: str, description: str, happened_on: date | None = None
) -> Favour:
    _same_workspace(workspace, person)
    description = (description or "").strip()
    if not description:
        raise ValidationError(_("Describe the favour."))
    if direction not in Favour.Direction.values:
        raise ValidationError(_("Say who helped whom."))
    return Favour.objects.create(
        workspace=workspace,
        person=person,
        direction=direction,
        description=description[:500],
        happened_on=happened_on or timezone.localdate(),
        created_by=user if user is not None and user.is_authenticated else None,
    )


def gift_record(
    *,
    workspace,
    person,
    title: str,
    status: str = Gift.Status.IDEA,
    occasion: str = "",
    cost=None,
    currency: str = "",
    on_date: date | None = None,
    reaction: str = "",
) -> Gift:
    _same_workspace(workspace, person)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Name the gift."))
    if status not in Gift.Status.values:
        raise ValidationError(_("Unknown status."))
    if cost not in (None, ""):
        try:
            cost = Decimal(str(cost))
        except ArithmeticError:
            raise ValidationError(_("The cost must be a number.")) from None
        if not cost.is_finite() or cost < 0 or cost >= Decimal("1e14"):
            raise ValidationError(_("The cost must be zero or more."))
    else:
        cost = None
    return Gift.objects.create(
        workspace=workspace,
        person=person,
        title=title[:300],
        status=status,
        occasion=(occasion or "")[:200],
        cost=cost,
        currency=(currency or workspace.currency or "IDR").upper()[:3],
        on_date=on_date,
        reaction=(reaction or "").strip(),
    )


def gift_update(
    *, gift: Gift, status: str | None = None, reaction: str | None = None, on_date: date | None = None
) -> Gift:
    fields = []
    if status is not None:
        if status not in Gift.Status.values:
            raise ValidationError(_("Unknown status."))
        gift.status = status
        fields.append("status")
    if reaction is not None:
        gift.reaction = reaction.strip()
        fields.append("reaction")
    if on_date is not None:
        gift.on_date = on_date
        fields.append("on_date")
    if fields:
        gift.save(update_fields=fields)
    return gift
