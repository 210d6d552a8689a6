"""People over REST: list, show, create, update, delete and restore, all inside the token's workspace."""

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error
from kenal.accounts.pagination import LazyPage
from kenal.people import selectors, services
from kenal.people.models import DELETE_UNDO_DAYS, ContactPoint, Person, Stage

router = Router(tags=["people"])


class OrganizationOut(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    name: str
    nickname: str
    address_as: str
    stage: str
    phones: list[str]
    emails: list[str]
    birthday: str | None = Field(description="YYYY-MM-DD, or --MM-DD when the year is unknown")
    organization: OrganizationOut | None
    role: str | None
    city: str
    country: str
    timezone: str
    kenal_score: int
    url: str


class PersonIn(Schema):
    name: str
    nickname: str = ""
    salutation: str = ""
    stage: Stage = Stage.PROSPECT
    phones: list[str] = []
    emails: list[str] = []
    birthday: str | None = None
    city: str = ""
    country: str = ""
    timezone: str = ""


class PersonPatch(Schema):
    name: str | None = None
    nickname: str | None = None
    salutation: str | None = None
    stage: Stage | None = None
    phones: list[str] | None = None
    emails: list[str] | None = None
    birthday: str | None = None
    city: str | None = None
    country: str | None = None
    timezone: str | None = None


def person_out(person: Person) -> dict:
    points = list(person.contact_points.all())
    jobs = getattr(person, "current_jobs", None)
    if jobs is None:
        jobs = list(selectors.current_employments().filter(person=person))
    job = jobs[0] if jobs else None
    return {
        "id": person.pk,
        "name": person.full_name,
        "nickname": person.nickname,
        "address_as": person.address,
        "stage": person.stage,
        "phones": [p.value for p in points if p.kind == ContactPoint.Kind.PHONE],
        "emails": [p.value for p in points if p.kind == ContactPoint.Kind.EMAIL],
        "birthday": person.birthday_iso,
        "organization": {"id": job.organization_id, "name": job.organization.name} if job else None,
        "role": job.role if job else None,
        "city": person.city,
        "country": person.country,
        "timezone": person.timezone,
        "kenal_score": getattr(person, "score", None) or person.score_base,
        "url": person.get_absolute_url(),
    }


@router.get("", response=list[PersonOut])
@paginate
def list_people(request, q: str = "", stage: str = "", sort: str = "name"):
    return LazyPage(
        selectors.person_list(workspace=request.workspace, query=q, stage=stage, sort=sort), person_out
    )


@router.get("/{int:person_id}", response={200: PersonOut, 404: Error})
def get_person(request, person_id: int):
    return person_out(selectors.person_for_api(workspace=request.workspace, person_id=person_id))


@router.post("", response={201: PersonOut, 400: Error})
def create_person(request, payload: PersonIn):
    data = payload.dict()
    person = services.person_save(
        workspace=request.workspace, user=request.user, full_name=data.pop("name"), **data
    )
    return Status(201, person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk)))


@router.patch("/{int:person_id}", response={200: PersonOut, 400: Error, 404: Error})
def update_person(request, person_id: int, payload: PersonPatch):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    data = payload.dict(exclude_unset=True)
    # An explicit null clears the birthday; on any other field it means "leave it".
    changes = {key: value for key, value in data.items() if value is not None or key == "birthday"}
    if changes.get("name"):
        changes["full_name"] = changes.pop("name")
    changes.pop("name", None)
    services.person_save(workspace=request.workspace, user=request.user, person=person, **changes)
    return person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk))


@router.delete("/{int:person_id}", response={204: None, 404: Error})
def delete_person(request, person_id: int):
    """Take the person out of every list; `POST /api/people/{id}/restore` brings them back within 30 days."""
    person = get_object_or_404(Person, workspace=request.workspace, pk=person_id)
    services.person_delete(person=person, user=request.user)
    return Status(204, None)


class DeletedPersonOut(Schema):
    id: int
    name: str
    deleted_at: datetime
    restorable_until: datetime


@router.get("/deleted", response=list[DeletedPersonOut])
@paginate
def list_deleted_people(request):
    """People deleted in the last 30 days; `id` is the id they had, to restore them with."""
    return LazyPage(
        selectors.deleted_people(workspace=request.workspace),
        lambda deleted: {
            "id": deleted.person_id,
            "name": deleted.full_name,
            "deleted_at": deleted.deleted_at,
            "restorable_until": deleted.deleted_at + timedelta(days=DELETE_UNDO_DAYS),
        },
    )


@router.post("/{int:person_id}/restore", response={200: PersonOut, 400: Error, 404: Error})
def restore_person(request, person_id: int):
    deleted = selectors.deleted_person_get(workspace=request.workspace, person_id=person_id)
    person = services.person_restore(deleted=deleted, user=request.user)
    return person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk))
