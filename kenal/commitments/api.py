"""Promises over REST: the ledger and the review inbox, inside the token's workspace."""

from functools import partial

from django.db import transaction
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error
from kenal.accounts.pagination import LazyPage
from kenal.commitments import selectors, services
from kenal.commitments.dues import due_value, parse_due
from kenal.commitments.models import Commitment, Suggestion
from kenal.people.selectors import person_get

router = Router(tags=["commitments"])


class PersonRef(Schema):
    id: int
    name: str


class CommitmentOut(Schema):
    id: int
    what: str
    debtor: str
    debtor_name: str
    person: PersonRef | None
    due: str | None
    precision: str
    due_at: str | None
    vague: bool
    status: str
    overdue: bool
    source: str
    source_message_id: int | None
    notes: str
    url: str


class CommitmentIn(Schema):
    person: int
    what: str
    due: str | None = None
    debtor: str = "me"
    debtor_user_id: int | None = None
    notes: str = ""


class CommitmentPatch(Schema):
    status: str | None = None
    due: str | None = None
    reason: str = ""
    what: str | None = None
    notes: str | None = None


class SuggestionOut(Schema):
    id: int
    state: str
    debtor: str
    person: PersonRef | None
    what: str
    due: str | None
    precision: str
    vague: bool
    reply: str
    language: str
    message_id: int
    message_text: str
    message_at: str
    commitment_id: int | None


class AcceptIn(Schema):
    what: str | None = None
    due: str | None = None
    person: int | None = None


def suggestion_out(suggestion: Suggestion, workspace) -> dict:
    person = suggestion.person
    return {
        "id": suggestion.pk,
        "state": suggestion.state,
        "debtor": suggestion.debtor,
        "person": {"id": person.pk, "name": person.full_name} if person else None,
        "what": suggestion.what,
        "due": due_value(suggestion.due_at, suggestion.due_precision, workspace.tz),
        "precision": suggestion.due_precision,
        "vague": suggestion.vague,
        "reply": suggestion.reply,
        "language": suggestion.language,
        "message_id": suggestion.source_message_id,
        "message_text": suggestion.source_message.text,
        "message_at": suggestion.source_message.at.isoformat(),
        "commitment_id": suggestion.commitment_id,
    }


def _due(text: str | None, workspace):
    return parse_due(text or "", workspace.tz)


@router.get("", response=list[CommitmentOut])
@paginate
def list_commitments(
    request, status: str = "", overdue: bool = False, debtor: str = "", direction: str = "", q: str = ""
):
    """Still-open promises unless `status` is given (open, done, broken, renegotiated or all)."""
    promises = selectors.commitment_list(
        workspace=request.workspace,
        user=request.user,
        status=status,
        overdue=overdue,
        debtor=debtor,
        direction=direction,
        query=q,
    )
    return LazyPage(promises, partial(selectors.commitment_json, workspace=request.workspace))


@router.get("/suggestions", response=list[SuggestionOut])
@paginate
def list_suggestions(request, state: str = "pending"):
    return LazyPage(
        selectors.suggestion_list(workspace=request.workspace, state=state),
        partial(suggestion_out, workspace=request.workspace),
    )


@router.post("/suggestions/{int:suggestion_id}/accept", response={201: CommitmentOut, 400: Error, 404: Error})
def accept_suggestion(request, suggestion_id: int):
    """Accept as found; an optional JSON body {what, due, person} accepts it with edits."""
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    payload = _accept_body(request)
    edits = {}
    if payload is not None:
        if payload.what is not None:
            edits["what"] = payload.what
        if payload.due is not None:
            edits["due_at"], edits["due_precision"] = _due(payload.due, request.workspace)
        if payload.person is not None:
            edits["person"] = person_get(workspace=request.workspace, person_id=payload.person)
    promise = services.suggestion_accept(suggestion=suggestion, user=request.user, **edits)
    return Status(201, selectors.commitment_json(promise, request.workspace))


def _accept_body(request) -> AcceptIn | None:
    if not request.body.strip():
        return None
    try:
        return AcceptIn.model_validate_json(request.body)
    except ValueError:
        raise HttpError(400, 'body must be JSON like {"what": "...", "due": "2026-03-04T13:00"}') from None


@router.post("/suggestions/{int:suggestion_id}/dismiss", response={200: SuggestionOut, 404: Error})
def dismiss_suggestion(request, suggestion_id: int):
    suggestion = selectors.suggestion_get(workspace=request.workspace, suggestion_id=suggestion_id)
    services.suggestion_dismiss(suggestion=suggestion, user=request.user)
    return suggestion_out(suggestion, request.workspace)


@router.get("/{int:commitment_id}", response={200: CommitmentOut, 404: Error})
def get_commitment(request, commitment_id: int):
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    return selectors.commitment_json(promise, request.workspace)


@router.post("", response={201: CommitmentOut, 400: Error, 404: Error})
def create_commitment(request, payload: CommitmentIn):
    """`debtor` is me, them (the contact) or teammate (with `debtor_user_id`)."""
    from kenal.accounts.models import User

    person = person_get(workspace=request.workspace, person_id=payload.person)
    due_at, precision = _due(payload.due, request.workspace)
    kinds = {
        "me": Commitment.Debtor.ME,
        "them": Commitment.Debtor.CONTACT,
        "contact": Commitment.Debtor.CONTACT,
        "teammate": Commitment.Debtor.TEAMMATE,
    }
    if payload.debtor not in kinds:
        raise HttpError(400, "debtor must be me, them or teammate")
    debtor_user = None
    if payload.debtor == "teammate":
        debtor_user = User.objects.filter(
            pk=payload.debtor_user_id, memberships__workspace=request.workspace
        ).first()
        if debtor_user is None:
            raise HttpError(400, "debtor_user_id must be a member of this workspace")
    promise = services.commitment_create(
        workspace=request.workspace,
        user=request.user,
        person=person,
        what=payload.what,
        debtor_kind=kinds[payload.debtor],
        debtor_user=debtor_user,
        due_at=due_at,
        due_precision=precision,
        notes=payload.notes,
    )
    return Status(201, selectors.commitment_json(promise, request.workspace))


@router.patch("/{int:commitment_id}", response={200: CommitmentOut, 400: Error, 404: Error})
def update_commitment(request, commitment_id: int, payload: CommitmentPatch):
    """Change the status, the due (kept in the history), the text or the notes."""
    promise = selectors.commitment_get(workspace=request.workspace, commitment_id=commitment_id)
    data = payload.dict(exclude_unset=True)
    with transaction.atomic():
        _apply_patch(request, promise, data)
    return selectors.commitment_json(
        selectors.commitment_get(workspace=request.workspace, commitment_id=promise.pk), request.workspace
    )


def _apply_patch(request, promise: Commitment, data: dict) -> None:
    if "due" in data:
        due_at, precision = _due(data["due"], request.workspace)
        services.commitment_change_due(
            commitment=promise,
            user=request.user,
            due_at=due_at,
            due_precision=precision,
            reason=data.get("reason") or "",
        )
    if data.get("status"):
        services.commitment_set_status(commitment=promise, user=request.user, status=data["status"])
    if data.get("what") is not None or data.get("notes") is not None:
        services.commitment_update(
            commitment=promise, user=request.user, what=data.get("what"), notes=data.get("notes")
        )
