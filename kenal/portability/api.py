"""A person's rights over REST, mounted at /api/people: access export and erasure (duplicates and merges follow)."""

from ninja import Router, Schema
from ninja.errors import HttpError

from kenal.people import selectors as people_selectors
from kenal.portability import selectors, services
from kenal.portability.exporting import person_export

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
