"""People over REST: list, show, create, update, delete, all inside the token's workspace."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from kenal.accounts.pagination import LazyPage
from kenal.lib.vcard import BirthDate
from kenal.people import selectors, services
from kenal.people.models import ContactPoint, Person, Stage

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


class Error(Schema):
    detail: str


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
    try:
        with transaction.atomic():
            person = services.person_create(
                workspace=request.workspace,
                user=request.user,
                full_name=payload.name,
                stage=payload.stage,
                nickname=payload.nickname,
                salutation=payload.salutation,
                city=payload.city,
                country=payload.country,
                timezone=payload.timezone,
                **_birthday(payload.birthday),
            )
            services.contact_points_set(person=person, kind="phone", values=payload.phones)
            services.contact_points_set(person=person, kind="email", values=payload.emails)
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    return Status(201, person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk)))


@router.patch("/{int:person_id}", response={200: PersonOut, 400: Error, 404: Error})
def update_person(request, person_id: int, payload: PersonPatch):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    data = payload.dict(exclude_unset=True)
    fields = {
        key: data[key]
        for key in ("nickname", "salutation", "stage", "city", "country", "timezone")
        if key in data and data[key] is not None
    }
    if data.get("name"):
        fields["full_name"] = data["name"]
    try:
        with transaction.atomic():
            if "birthday" in data:
                fields.update(_birthday(data["birthday"]))
            services.person_update(person=person, user=request.user, **fields)
            for kind in ("phones", "emails"):
                if data.get(kind) is not None:
                    services.contact_points_set(person=person, kind=kind[:-1], values=data[kind])
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    return person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk))


@router.delete("/{int:person_id}", response={204: None, 404: Error})
def delete_person(request, person_id: int):
    person = get_object_or_404(Person, workspace=request.workspace, pk=person_id)
    services.person_delete(person=person, user=request.user)
    return Status(204, None)


def _birthday(value: str | None) -> dict:
    if not value:
        return {"birth_year": None, "birth_month": None, "birth_day": None}
    try:
        birthday = BirthDate.from_string(value)
    except ValueError:
        raise ValidationError(f"birthday must be YYYY-MM-DD or --MM-DD, got {value!r}") from None
    return {"birth_year": birthday.year, "birth_month": birthday.month, "birth_day": birthday.day}
