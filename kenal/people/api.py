"""People over REST: list, show, create, update, delete and restore, all inside the token's workspace."""

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kenal.accounts.api_schemas import Error, UserOut, user_out
from kenal.accounts.pagination import LazyPage
from kenal.accounts.selectors import member_or_refuse
from kenal.people import selectors, services
from kenal.people.models import DELETE_UNDO_DAYS, ContactPoint, Context, Note, Person, Stage

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
    owner: UserOut | None = Field(description="The member who looks after this relationship, or null")
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
    owner: str | int | None = Field(
        None,
        description=(
            "The relationship owner: a member's email or user id. null makes the person unassigned. "
            "Someone who is not a member of this workspace is refused with 400. "
            "To pass a person on with a note and their open promises, use POST /people/{id}/handover."
        ),
    )


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
        "owner": user_out(person.owner),
        "url": person.get_absolute_url(),
    }


@router.get("", response=list[PersonOut])
@paginate
def list_people(
    request,
    q: str = "",
    stage: str = "",
    sort: str = "name",
    owner: str = Query("", description="me (my people), none (unassigned) or a member's user id"),
):
    people = selectors.person_list(
        workspace=request.workspace, query=q, stage=stage, sort=sort, owner=owner, user=request.user
    )
    return LazyPage(people, person_out)


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
    if "owner" in data:
        changes["owner"] = member_or_refuse(
            request.workspace,
            data["owner"],
            field="owner",
            message=_("The owner must be a member of this workspace."),
            blank_ok=True,
        )
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


class HandoverIn(Schema):
    to: str = Field(description="The new owner: a member's email (or user id)")
    note: str = ""
    include_promises: bool = Field(
        False,
        description="Also pass the old owner's open promises and engagements with this person to the new owner",
    )


@router.post("/{int:person_id}/handover", response={200: PersonOut, 400: Error, 404: Error})
def handover_person(request, person_id: int, payload: HandoverIn):
    """Hand the person over to another member, with a note the timeline keeps."""
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    services.person_handover(
        person=person,
        to_user=member_or_refuse(
            request.workspace, payload.to, field="to", message=_("Hand over to a member of this workspace.")
        ),
        by=request.user,
        note=payload.note,
        include_promises=payload.include_promises,
    )
    return person_out(selectors.person_for_api(workspace=request.workspace, person_id=person.pk))


class NoteOut(Schema):
    id: int
    body: str
    visibility: str = Field(description="private: its author alone sees it; shared: the whole workspace")
    context: str
    author: UserOut | None
    created_at: datetime


class NoteIn(Schema):
    body: str
    visibility: Note.Visibility = Note.Visibility.PRIVATE
    context: Context = Context.WORK


def note_out(note: Note) -> dict:
    return {
        "id": note.pk,
        "body": note.body,
        "visibility": note.visibility,
        "context": note.context,
        "author": user_out(note.author),
        "created_at": note.created_at,
    }


@router.get("/{int:person_id}/notes", response=list[NoteOut])
@paginate
def list_notes(request, person_id: int):
    """The person's shared notes and your own private ones, newest first; a teammate's private note never."""
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    return LazyPage(
        selectors.visible_notes(person=person, user=request.user).order_by("-created_at"), note_out
    )


@router.post("/{int:person_id}/notes", response={201: NoteOut, 400: Error, 404: Error})
def add_note(request, person_id: int, payload: NoteIn):
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    note = services.note_add(
        person=person,
        author=request.user,
        body=payload.body,
        visibility=payload.visibility,
        context=payload.context,
    )
    return Status(201, note_out(note))


class TimelineEntryOut(Schema):
    at: datetime
    kind: str = Field(
        description="note:private, note:shared, handover, stage, activity:meeting, promise:open…"
    )
    title: str
    body: str
    author: UserOut | None
    private: bool = Field(description="A private note, which only you see")


@router.get("/{int:person_id}/timeline", response=list[TimelineEntryOut])
@paginate
def person_timeline(request, person_id: int):
    """Everything on the person's page timeline, newest first (the newest 2,000 entries)."""
    person = selectors.person_get(workspace=request.workspace, person_id=person_id)
    return TimelinePage(person=person, user=request.user)


class TimelinePage:
    """The merged timeline, built once when the paginator first asks for it."""

    LIMIT = 2000

    def __init__(self, *, person, user):
        self.person, self.user, self._entries = person, user, None

    def _all(self):
        if self._entries is None:
            self._entries = selectors.timeline(person=self.person, user=self.user, limit=self.LIMIT)
        return self._entries

    def __getitem__(self, item):
        return [
            {
                "at": entry.at,
                "kind": entry.kind,
                "title": str(entry.title),
                "body": str(entry.body),
                "author": user_out(entry.author) if hasattr(entry.author, "email") else None,
                "private": entry.private,
            }
            for entry in self._all()[item]
        ]

    def __len__(self):
        return len(self._all())
