"""Writes about engagements, scope, client requests, change requests, payments, prospects and vetting."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.scoping import scoped
from kenal.accounts.selectors import is_member
from kenal.accounts.services import audit, upload_store
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

MOU_MAX_BYTES = 10 * 1024 * 1024


def _same_workspace(workspace, *objects) -> None:
    # A hostile form can name a row of another workspace by id; refuse it rather than link across.
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace.pk:
            raise ValidationError(_("That item does not belong to this workspace."))


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except ArithmeticError:
        raise ValidationError(_("%(field)s must be a number.") % {"field": field}) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e14"):
        raise ValidationError(_("%(field)s must be zero or more.") % {"field": field})
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def engagement_create(
    *,
    workspace,
    user=None,
    title: str,
    organization=None,
    person=None,
    status: str = Engagement.Status.ACTIVE,
    starts_on: date | None = None,
    ends_on: date | None = None,
    fee=Decimal("0"),
    currency: str = "",
    owner=None,
) -> Engagement:
    """A new engagement, led by `owner` (a member of the workspace) or else by the member who enters it."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the engagement a title."))
    if organization is None and person is None:
        raise ValidationError(_("Name the client: an organization, a person, or both."))
    _same_workspace(workspace, organization, person)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(_("The end date comes before the start date."))
    if status not in Engagement.Status.values:
        raise ValidationError(_("Unknown status."))
    creator = user if user is not None and user.is_authenticated else None
    owner = owner or creator
    if owner is not None and not is_member(workspace, owner):
        raise ValidationError({"owner": _("The lead must be a member of this workspace.")})
    engagement = Engagement.objects.create(
        workspace=workspace,
        title=title[:200],
        organization=organization,
        person=person,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        fee=_money(fee, _("Fee")),
        currency=(currency or workspace.currency or "IDR").upper()[:3],
        owner=owner,
        created_by=creator,
    )
    audit(workspace=workspace, user=user, action="engagement.create", obj=engagement, detail=title)
    return engagement


def engagements_follow_handover(*, person, from_user, to_user, include_promises: bool) -> int:
    """After a handover: the open engagements where the person is the client contact, led by the old owner,
    are led by the new owner. Ended or cancelled work, and work someone else leads, stay as they are."""
    if not include_promises or from_user is None:
        return 0
    return Engagement.objects.filter(
        workspace_id=person.workspace_id,
        person=person,
        owner=from_user,
        status__in=(Engagement.Status.PLANNED, Engagement.Status.ACTIVE),
    ).update(owner=to_user)


def engagement_mou_attach(*, engagement: Engagement, user=None, name: str, content: bytes) -> Engagement:
    """Store the MoU document; only workspace members can download it (accounts:upload is scoped)."""
    if not content:
        raise ValidationError(_("The file is empty."))
    if len(content) > MOU_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    upload = upload_store(workspace=engagement.workspace, name=name or "mou", content=content, user=user)
    engagement.mou = upload
    engagement.save(update_fields=["mou"])
    audit(workspace=engagement.workspace, user=user, action="engagement.mou", obj=engagement, detail=name)
    return engagement


@transaction.atomic
def engagement_end(
    *,
    engagement: Engagement,
    user=None,
    lessons_learned: str = "",
    ended_on: date | None = None,
    status: str = Engagement.Status.ENDED,
) -> Engagement:
    """Close the engagement and keep what it taught, for the next time this client or a similar one comes."""
    if status not in (Engagement.Status.ENDED, Engagement.Status.CANCELLED):
        raise ValidationError(_("Unknown status."))
    engagement.status = status
    engagement.ends_on = ended_on or engagement.ends_on or timezone.localdate()
    engagement.lessons_learned = (lessons_learned or "").strip()
    engagement.save(update_fields=["status", "ends_on", "lessons_learned"])
    audit(workspace=engagement.workspace, user=user, action="engagement.end", obj=engagement)
    return engagement


def scope_item_add(
    *,
    engagement: Engagement,
    deliverable: str,
    quantity: int = 1,
    revisions_included: int = 0,
    mou_clause: str = "",
    delivered: int = 0,
) -> ScopeItem:
    deliverable = (deliverable or "").strip()
    if not deliverable:
        raise ValidationError(_("Name the deliverable."))
    for value in (quantity, revisions_included, delivered):
        if not isinstance(value, int) or value < 0 or value > 100000:
            raise ValidationError(_("Quantities must be whole numbers, zero or more."))
    return ScopeItem.objects.create(
        workspace=engagement.workspace,
        engagement=engagement,
        deliverable=deliverable[:300],
        quantity=quantity,
        revisions_included=revisions_included,
        mou_clause=(mou_clause or "").strip(),
        delivered=delivered,
    )


def scope_item_deliver(*, scope_item: ScopeItem, delivered: int) -> ScopeItem:
    if not isinstance(delivered, int) or delivered < 0 or delivered > 100000:
        raise ValidationError(_("Quantities must be whole numbers, zero or more."))
    scope_item.delivered = delivered
    scope_item.save(update_fields=["delivered"])
    return scope_item


def revisions_used(*, scope_item: ScopeItem) -> int:
    return ClientRequest.objects.filter(
        scope_item=scope_item, is_revision=True, verdict=ClientRequest.Verdict.IN_SCOPE
    ).count()


@transaction.atomic
def client_request_log(
    *,
    engagement: Engagement,
    user=None,
    text: str,
    verdict: str,
    scope_item=None,
    is_revision: bool = False,
    requested_on: date | None = None,
    message_id: int | None = None,
    change_title: str = "",
    change_price=None,
) -> ClientRequest:
    """Log what the client asked; in scope counts revisions, out of scope becomes a proposed change request."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what the client asked."))
    if verdict not in ClientRequest.Verdict.values:
        raise ValidationError(_("Choose a verdict: in scope, out of scope or unclear."))
    if scope_item is not None and scope_item.engagement_id != engagement.pk:
        raise ValidationError(_("That scope item belongs to another engagement."))
    if verdict == ClientRequest.Verdict.IN_SCOPE and scope_item is None:
        raise ValidationError(_("An in-scope request needs its scope item."))
    if verdict != ClientRequest.Verdict.IN_SCOPE:
        is_revision = False
    message = None
    if message_id is not None:
        # An id beyond the database's integers names no message (and must not reach the database).
        if 0 < message_id < 2**63:
            message = scoped(Message, engagement.workspace).filter(pk=message_id).first()
        if message is None:
            raise ValidationError(
                {"message_id": _("That message is not one of this workspace's conversations.")}
            )
    revision_number = None
    if is_revision:
        # Lock the item so two people logging at once don't both get "revision 3".
        scope_item = ScopeItem.objects.select_for_update().get(pk=scope_item.pk)
        revision_number = revisions_used(scope_item=scope_item) + 1
    request = ClientRequest.objects.create(
        workspace=engagement.workspace,
        engagement=engagement,
        text=text,
        verdict=verdict,
        scope_item=scope_item if verdict != ClientRequest.Verdict.OUT_OF_SCOPE else None,
        is_revision=is_revision,
        revision_number=revision_number,
        message=message,
        requested_on=requested_on or timezone.localdate(),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    if verdict == ClientRequest.Verdict.OUT_OF_SCOPE:
        change_request_create(
            engagement=engagement,
            title=change_title or text[:300],
            price=change_price,
            client_request=request,
        )
    audit(workspace=engagement.workspace, user=user, action="client_request.log", obj=request, detail=verdict)
    return request


def change_request_create(
    *,
    engagement: Engagement,
    title: str,
    price=None,
    client_request=None,
    status: str = ChangeRequest.Status.PROPOSED,
) -> ChangeRequest:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Describe the change request."))
    if status not in ChangeRequest.Status.values:
        raise ValidationError(_("Unknown status."))
    return ChangeRequest.objects.create(
        workspace=engagement.workspace,
        engagement=engagement,
        client_request=client_request,
        title=title[:300],
        price=_money(price, _("Price")),
        currency=engagement.currency,
        status=status,
    )


def change_request_set_status(*, change_request: ChangeRequest, status: str, user=None) -> ChangeRequest:
    if status not in ChangeRequest.Status.values:
        raise ValidationError(_("Unknown status."))
    change_request.status = status
    change_request.save(update_fields=["status"])
    audit(
        workspace=change_request.workspace,
        user=user,
        action="change_request.status",
        obj=change_request,
        detail=status,
    )
    return change_request


def milestone_add(
    *,
    engagement: Engagement,
    label: str,
    amount=None,
    due_on: date | None = None,
    paid_on: date | None = None,
) -> PaymentMilestone:
    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Name the milestone."))
    return PaymentMilestone.objects.create(
        workspace=engagement.workspace,
        engagement=engagement,
        label=label[:200],
        amount=_money(amount, _("Amount")),
        due_on=due_on,
        paid_on=paid_on,
    )


def milestone_mark_paid(*, milestone: PaymentMilestone, paid_on: date | None = None) -> PaymentMilestone:
    milestone.paid_on = paid_on or timezone.localdate()
    milestone.save(update_fields=["paid_on"])
    return milestone


# Prospects and vetting


def vetting_questions_ensure(*, workspace) -> list[VettingQuestion]:
    """The workspace's checklist, seeded with the defaults the first time it is needed."""
    questions = list(VettingQuestion.objects.filter(workspace=workspace))
    if questions:
        return questions
    for position, (key, text, weight) in enumerate(vetting.DEFAULT_QUESTIONS):
        VettingQuestion.objects.get_or_create(
            workspace=workspace, key=key, defaults={"text": text, "weight": weight, "position": position}
        )
    return list(VettingQuestion.objects.filter(workspace=workspace))


def vetting_question_save(
    *, workspace, key: str, text: str, weight: int, position: int = 0
) -> VettingQuestion:
    from django.utils.text import slugify

    key = slugify(key or text)[:50]
    if not key or not (text or "").strip():
        raise ValidationError(_("Write the question."))
    if not isinstance(weight, int) or abs(weight) > 100:
        raise ValidationError(_("The weight must be a whole number from -100 to 100."))
    vetting_questions_ensure(workspace=workspace)
    question, _created = VettingQuestion.objects.update_or_create(
        workspace=workspace,
        key=key,
        defaults={"text": text.strip()[:300], "weight": weight, "position": position},
    )
    return question


def opportunity_create(
    *,
    workspace,
    user=None,
    title: str,
    person=None,
    organization=None,
    source: str = Opportunity.Source.OTHER,
    stage: str = Opportunity.Stage.LEAD,
    value=None,
    currency: str = "",
    expected_close: date | None = None,
    notes: str = "",
) -> Opportunity:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the opportunity a title."))
    if source not in Opportunity.Source.values:
        raise ValidationError(_("Unknown source."))
    if stage not in Opportunity.Stage.values:
        raise ValidationError(_("Unknown stage."))
    _same_workspace(workspace, person, organization)
    opportunity = Opportunity.objects.create(
        workspace=workspace,
        title=title[:200],
        person=person,
        organization=organization,
        source=source,
        stage=stage,
        value=_money(value, _("Value")),
        currency=(currency or workspace.currency or "IDR").upper()[:3],
        expected_close=expected_close,
        notes=(notes or "").strip(),
    )
    audit(workspace=workspace, user=user, action="opportunity.create", obj=opportunity, detail=title)
    return opportunity


def opportunity_set_stage(
    *, opportunity: Opportunity, stage: str, user=None, decline_reason: str = ""
) -> Opportunity:
    if stage not in Opportunity.Stage.values:
        raise ValidationError(_("Unknown stage."))
    if stage == Opportunity.Stage.DECLINED and not (decline_reason or "").strip():
        raise ValidationError(_("Write why you declined: it will help the next time."))
    opportunity.stage = stage
    if stage == Opportunity.Stage.DECLINED:
        opportunity.decline_reason = decline_reason.strip()
    opportunity.save(update_fields=["stage", "decline_reason"])
    audit(
        workspace=opportunity.workspace, user=user, action="opportunity.stage", obj=opportunity, detail=stage
    )
    return opportunity


def opportunity_vet(*, opportunity: Opportunity, answers: dict[str, str], user=None) -> vetting.Fit:
    """Record the checklist answers and the fit score they give."""
    questions = vetting_questions_ensure(workspace=opportunity.workspace)
    keys = {question.key for question in questions}
    clean = {
        key: value for key, value in (answers or {}).items() if key in keys and value in vetting.ANSWER_VALUES
    }
    fit = vetting.fit_score([(q.key, q.text, q.weight) for q in questions], clean)
    opportunity.vetting_answers = clean
    opportunity.fit_score = fit.score
    update = ["vetting_answers", "fit_score"]
    if opportunity.stage == Opportunity.Stage.LEAD:
        opportunity.stage = Opportunity.Stage.RESEARCHING
        update.append("stage")
    opportunity.save(update_fields=update)
    audit(
        workspace=opportunity.workspace,
        user=user,
        action="opportunity.vet",
        obj=opportunity,
        detail=str(fit.score),
    )
    return fit
