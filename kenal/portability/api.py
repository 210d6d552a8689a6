"""A person's rights over REST, mounted at /api/people: access export, erasure, duplicates and merges."""

from datetime import datetime, timedelta

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from kenal.accounts.scoping import get_scoped_or_404
from kenal.people import selectors as people_selectors
from kenal.portability import selectors, services
from kenal.portability.exporting import person_export
from kenal.portability.models import UNDO_DAYS, PersonMerge

router = Router(tags=["your data"])


class Error(Schema):
    detail: str


class ErasureOut(Schema):
    person: int
    messages: int
    conversations: int
    files: int
    promises_anonymised: int
    engagements_kept: int
    redacted: int
    kept_files: list[str]


def _require_data_manager(request) -> None:
    if not selectors.can_manage_data(user=request.user, workspace=request.workspace):
        raise HttpError(403, "Only the workspace's owners and admins may do this.")


@router.post("/{int:person_id}/erase", response={200: ErasureOut, 403: Error, 404: Error})
def erase_person(request, person_id: int):
    """Erase the person and everything about them for good (not undoable); business records stay, anonymised."""
    person = people_selectors.person_get(workspace=request.workspace, person_id=person_id)
    _require_data_manager(request)
    return services.person_erase(person=person, user=request.user).as_json()


@router.get("/{int:person_id}/export", response={200: dict, 404: Error})
def export_person(request, person_id: int):
    """Everything Kenal holds about the person, by kind of record (their right of access); see docs/export-format.md."""
    person = people_selectors.person_get(workspace=request.workspace, person_id=person_id)
    return person_export(person=person, user=request.user)


class PersonRef(Schema):
    id: int
    name: str


class DuplicateOut(Schema):
    left: PersonRef
    right: PersonRef
    reasons: list[str] = Field(description="Why, in the user's language")
    matched_on: list[str] = Field(description='"contact" (a shared phone, email or handle) and/or "name"')


class MergeIn(Schema):
    other: int
    take: list[str] | None = Field(
        None,
        description="Fields whose value comes from `other`; by default those the kept person leaves empty",
    )


class MergeOut(Schema):
    merge_id: int
    kept: int
    other: int
    undo_until: datetime


@router.get("/duplicates", response=list[DuplicateOut])
def list_duplicates(request):
    """Pairs who may be one person: a shared phone, email or handle, or the same name without salutations."""
    return [
        {
            "left": {"id": pair.left.pk, "name": pair.left.full_name},
            "right": {"id": pair.right.pk, "name": pair.right.full_name},
            "reasons": pair.reasons,
            "matched_on": pair.matched_on,
        }
        for pair in selectors.duplicate_pairs(workspace=request.workspace)
    ]


@router.post("/{int:person_id}/merge", response={200: MergeOut, 400: Error, 404: Error})
def merge_person(request, person_id: int, payload: MergeIn):
    """Merge `other` into this person; undo within 30 days at /api/people/merges/{merge_id}/undo."""
    keep = people_selectors.person_get(workspace=request.workspace, person_id=person_id)
    other = people_selectors.person_get(workspace=request.workspace, person_id=payload.other)
    merge = services.person_merge(keep=keep, other=other, user=request.user, take=payload.take)
    return _merge_out(merge)


@router.post("/merges/{int:merge_id}/undo", response={200: PersonRef, 400: Error, 404: Error})
def undo_merge(request, merge_id: int):
    """Bring back both people exactly as they were before the merge (within 30 days)."""
    merge = get_scoped_or_404(PersonMerge, request.workspace, pk=merge_id)
    other = services.person_merge_undo(merge=merge, user=request.user)
    return {"id": other.pk, "name": other.full_name}


def _merge_out(merge) -> dict:
    return {
        "merge_id": merge.pk,
        "kept": merge.kept_id,
        "other": merge.other_id,
        "undo_until": merge.merged_at + timedelta(days=UNDO_DAYS),
    }
