"""Writes about people: every change goes through here, inside a transaction."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.scoping import scoped
from kenal.accounts.selectors import is_member
from kenal.accounts.services import audit
from kenal.lib import registry
from kenal.lib.phones import normalize_phone
from kenal.lib.quickadd import QuickAdd
from kenal.lib.vcard import BirthDate
from kenal.people import scoring
from kenal.people.archive import delete_keeping_rows, put_back
from kenal.people.models import (
    DELETE_UNDO_DAYS,
    Activity,
    Circle,
    ContactPoint,
    DeletedPerson,
    Employment,
    Fact,
    FamilyMember,
    Handover,
    LegalBasis,
    LifeEvent,
    Note,
    Organization,
    Person,
    PersonLink,
    Stage,
    StageChange,
    Tag,
)


def person_score_refresh(*, person: Person) -> int:
    """Recompute the stored part of the Kenal score from what is recorded."""
    facts = set(person.facts.values_list("category", flat=True))
    known = scoring.known_parts(
        person,
        family=person.family.exists(),
        interests=bool(facts & {Fact.Category.INTEREST, Fact.Category.HOBBY}),
        favourites=bool(facts & set(Fact.FAVOURITES)),
        work=person.employments.filter(ended_on__isnull=True).exists(),
        dates=person.life_events.filter(recurring=True).exists(),
    )
    new = scoring.base_score(known)
    if new != person.score_base:
        person.score_base = new
        Person.objects.filter(pk=person.pk).update(score_base=new)
    return new


# The person fields a caller may set by name; photo, circles, tags, phones and emails have their own arguments.
PERSON_FIELDS = frozenset(
    {
        "full_name",
        "legal_basis",
        "legal_basis_since",
        "nickname",
        "salutation",
        "stage",
        "birth_year",
        "birth_month",
        "birth_day",
        "city",
        "country",
        "timezone",
        "languages",
        "preferred_channel",
        "best_time",
        "temperaments",
        "temperament_note",
        "met_on",
        "met_where",
        "introduced_by",
        "keep_in_touch_days",
        "owner",
    }
)
KEEP = object()  # "leave the birthday as it is", since None means "no birthday"


@transaction.atomic
def person_save(
    *,
    workspace,
    user=None,
    person: Person | None = None,
    birthday: str | BirthDate | None = KEEP,
    phones: list[str] | None = None,
    emails: list[str] | None = None,
    circles: list[str] | None = None,
    tags: list[str] | None = None,
    photo=None,
    **fields,
) -> Person:
    """Create a person (no `person`) or change one; a refused part (a phone someone else has) saves nothing."""
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"person_save() got unknown fields: {', '.join(sorted(unknown))}")
    if person is not None and person.workspace_id != workspace.pk:
        raise ValueError("person from another workspace")
    if birthday is not KEEP:
        fields.update(person_birthday_parts(birthday=birthday))
    _person_fields_check(workspace=workspace, person=person, fields=fields)
    created = person is None
    if created:
        person = _person_insert(workspace=workspace, user=user, fields=fields)
        changed = []
    else:
        changed = _person_change(person=person, user=user, fields=fields)
    clashes = []
    for kind, values in ((ContactPoint.Kind.PHONE, phones), (ContactPoint.Kind.EMAIL, emails)):
        if values is not None:
            clashes += _contact_points_replace(person=person, kind=kind, values=values)
            changed.append(f"{kind}s")
    if clashes:
        raise ValidationError(dict(clashes))
    if circles is not None:
        person_circles_set(person=person, names=circles)
    if tags is not None:
        person_tags_set(person=person, names=tags)
    if photo:
        person_photo_set(
            person=person,
            name=photo.name,
            content=photo.read(),
            content_type=getattr(photo, "content_type", "") or "",
        )
    person_score_refresh(person=person)
    if created:
        audit(workspace=workspace, user=user, action="person.create", obj=person, detail=person.full_name)
    else:
        audit(workspace=workspace, user=user, action="person.update", obj=person, detail=", ".join(changed))
    return person


def person_birthday_parts(*, birthday: str | BirthDate | None) -> dict:
    """The birth year, month and day of a birthday typed as 1985-04-12 or --04-12 (the year is optional)."""
    if isinstance(birthday, str):
        text = birthday.strip()
        try:
            birthday = BirthDate.from_string(text) if text else None
        except ValueError:
            raise ValidationError(
                {"birthday": _("Write the birthday as 1985-04-12, or --04-12 without the year.")},
                code="invalid",
            ) from None
    if birthday is None:
        return {"birth_year": None, "birth_month": None, "birth_day": None}
    return {"birth_year": birthday.year, "birth_month": birthday.month, "birth_day": birthday.day}


def _person_fields_check(*, workspace, person: Person | None, fields: dict) -> None:
    if "full_name" in fields or person is None:
        fields["full_name"] = (fields.get("full_name") or "").strip()
        if not fields["full_name"]:
            raise ValidationError({"full_name": _("A person needs a name.")}, code="required")
    if "stage" in fields and not fields["stage"] and person is not None and not person.stage:
        fields.pop("stage")  # a phone contact still without a stage keeps none
    if "stage" in fields and fields["stage"] not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")}, code="invalid")
    introducer = fields.get("introduced_by")
    if introducer is not None and (
        introducer.workspace_id != workspace.pk or (person is not None and introducer.pk == person.pk)
    ):
        raise ValidationError({"introduced_by": _("Choose another person from this workspace.")})
    owner = fields.get("owner")
    if (
        owner is not None
        and (person is None or owner.pk != person.owner_id)
        and not is_member(workspace, owner)
    ):
        raise ValidationError({"owner": _("The owner must be a member of this workspace.")}, code="invalid")


def _person_insert(*, workspace, user, fields: dict) -> Person:
    fields.setdefault("stage", Stage.PROSPECT)
    if (
        "owner" not in fields
        and not workspace.is_personal
        and user is not None
        and is_member(workspace, user)
    ):
        fields["owner"] = user  # in a team, whoever adds someone looks after them until they hand them over
    if not fields.get("legal_basis"):
        fields["legal_basis"] = default_legal_basis(workspace=workspace)
    if fields.get("legal_basis_since") is None:
        fields["legal_basis_since"] = timezone.localdate()  # kept since the day they were added
    person = Person.objects.create(workspace=workspace, **fields)
    StageChange.objects.create(person=person, stage=person.stage, changed_at=timezone.now(), changed_by=user)
    return person


def _person_change(*, person: Person, user, fields: dict) -> list[str]:
    stage = fields.pop("stage", None)
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, fields[name])
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    if stage and stage != person.stage:
        person_stage_change(person=person, stage=stage, user=user)
        changed.append("stage")
    return changed


def _contact_points_replace(*, person: Person, kind: str, values: list[str]) -> list[tuple[str, list[str]]]:
    """Make the person's phones (or emails) exactly these; the refusals, by form field, for the caller to raise."""
    field = f"{kind}s"
    wanted, refused = [], []
    for value in values:
        if not value.strip():
            continue
        try:
            wanted.append(contact_value_normalize(kind=kind, value=value))
        except ValidationError as error:
            refused += error.messages
    person.contact_points.filter(kind=kind).exclude(value__in=wanted).delete()
    for value in wanted:
        try:
            contact_point_add(person=person, kind=kind, value=value)
        except ValidationError as error:
            refused += error.messages
    return [(field, refused)] if refused else []


def default_legal_basis(*, workspace) -> str:
    """Why someone new is kept unless said otherwise: the workspace's choice, else legitimate interest."""
    return workspace.default_legal_basis or LegalBasis.LEGITIMATE_INTEREST


def workspace_legal_basis_set(*, workspace, legal_basis: str, user=None) -> None:
    """Choose why people added from now on (imports, quick add) are kept; people already here keep theirs."""
    if legal_basis not in LegalBasis.values:
        raise ValidationError({"legal_basis": _("Choose client contract, consent or legitimate interest.")})
    workspace.default_legal_basis = legal_basis
    workspace.save(update_fields=["default_legal_basis"])
    audit(workspace=workspace, user=user, action="workspace.legal_basis", detail=legal_basis)


def person_create(*, workspace, user=None, full_name: str, **fields) -> Person:
    """A new person: `person_save` without a person, kept so setting up a person reads as what it is."""
    return person_save(workspace=workspace, user=user, full_name=full_name, **fields)


def person_update(*, person: Person, user=None, **fields) -> Person:
    """Change a person: `person_save` with the person."""
    return person_save(workspace=person.workspace, user=user, person=person, **fields)


@transaction.atomic
def person_delete(*, person: Person, user=None) -> DeletedPerson:
    """Take the person and everything about them out of every list, undoably for 30 days (see DeletedPerson)."""
    audit(workspace=person.workspace, user=user, action="person.delete", obj=person, detail=person.full_name)
    # Services update people in SQL (last contact, score): keep them as they are now, not as loaded.
    person.refresh_from_db()
    person_id, full_name, workspace_id = person.pk, person.full_name, person.workspace_id
    rows, nulled = delete_keeping_rows(person)
    return DeletedPerson.objects.create(
        workspace_id=workspace_id,
        person_id=person_id,
        full_name=full_name,
        rows=rows,
        nulled=nulled,
        deleted_by=user if user is not None and user.is_authenticated else None,
        deleted_at=timezone.now(),
    )


def person_restore(*, deleted: DeletedPerson, user=None) -> Person:
    """Bring a deleted person back as they were, with everything that was theirs."""
    try:
        with transaction.atomic():
            put_back(deleted.rows, deleted.nulled)
            deleted.delete()
    except IntegrityError:
        # Something they held has been taken or removed since (a phone now someone else's, a deleted circle).
        raise ValidationError(
            _("%(name)s can't be restored: some of their details now belong to someone else or are gone.")
            % {"name": deleted.full_name},
            code="clash",
        ) from None
    person = Person.objects.get(pk=deleted.person_id)
    audit(workspace=person.workspace, user=user, action="person.restore", obj=person, detail=person.full_name)
    return person


def deleted_people_purge(*, now: datetime | None = None) -> int:
    """Forget people deleted more than 30 days ago, in every workspace, with their photos."""
    cutoff = (now or timezone.now()) - timedelta(days=DELETE_UNDO_DAYS)
    purged = 0
    for deleted in DeletedPerson.objects.filter(deleted_at__lt=cutoff).iterator():
        with transaction.atomic():
            photo_ids = {row.get("photo_id") for label, row in deleted.rows if label == "people.Person"}
            deleted.delete()
            _forget_unused_uploads(workspace_id=deleted.workspace_id, upload_ids=photo_ids - {None})
        purged += 1
    return purged


def _forget_unused_uploads(*, workspace_id: int, upload_ids: set[int]) -> None:
    from kenal.accounts.models import Upload

    for upload in Upload.objects.filter(workspace_id=workspace_id, pk__in=upload_ids):
        if not Person.objects.filter(photo=upload).exists():
            name = upload.file.name
            upload.delete()
            transaction.on_commit(lambda name=name: Upload.file.field.storage.delete(name))


@transaction.atomic
def person_handover(
    *, person: Person, to_user, by, note: str = "", include_promises: bool = False
) -> Handover:
    """Give the person to another member: the owner, a timeline entry, the audit trail, and (optionally) the
    old owner's open promises and engagements with them, which the apps above add through the `after_handover`
    hook."""
    workspace = person.workspace
    if to_user is None or not is_member(workspace, to_user):
        raise ValidationError({"to": _("Hand over to a member of this workspace.")}, code="invalid")
    from_user = person.owner
    if from_user is not None and from_user.pk == to_user.pk:
        raise ValidationError({"to": _("%(name)s already looks after this person.") % {"name": to_user}})
    person.owner = to_user
    person.save(update_fields=["owner", "updated_at"])
    handover = Handover.objects.create(
        workspace=workspace,
        person=person,
        from_user=from_user,
        from_name=str(from_user or ""),
        to_user=to_user,
        to_name=str(to_user),
        by=by if by is not None and by.is_authenticated else None,
        note=note.strip(),
    )
    registry.run(
        "after_handover",
        person=person,
        from_user=from_user,
        to_user=to_user,
        include_promises=include_promises,
    )
    audit(
        workspace=workspace,
        user=by,
        action="person.handover",
        obj=person,
        detail=f"{handover.from_name or '-'} → {handover.to_name}",
    )
    return handover


def sensitive_viewed(*, person: Person, user) -> None:
    """Someone opened a page showing the person's family or a sensitive life event: the audit log says who.
    The page asks first whether this user did in the last hour (person_profile), so it is written once an hour."""
    if user is not None and user.is_authenticated:
        audit(
            workspace=person.workspace,
            user=user,
            action="person.view_sensitive",
            obj=person,
            detail=person.full_name,
        )


def handover_seen(*, person: Person, user) -> int:
    """The new owner opened the person: Today stops saying "handed over to you"."""
    return Handover.objects.filter(person=person, to_user_id=user.pk, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


def person_stage_change(*, person: Person, stage: str, user=None, note: str = "", at: datetime | None = None):
    if stage not in Stage.values:
        raise ValidationError(_("Unknown stage."))
    person.stage = stage
    person.save(update_fields=["stage", "updated_at"])
    return StageChange.objects.create(
        person=person, stage=stage, note=note, changed_by=user, changed_at=at or timezone.now()
    )


def contact_point_add(*, person: Person, kind: str, value: str, label: str = "") -> ContactPoint:
    """Add a phone, email or handle; a number that belongs to someone else is refused, never merged."""
    value = contact_value_normalize(kind=kind, value=value)
    existing = ContactPoint.objects.filter(workspace_id=person.workspace_id, kind=kind, value=value).first()
    if existing and existing.person_id == person.pk:
        return existing
    if existing and kind in (ContactPoint.Kind.PHONE, ContactPoint.Kind.EMAIL):
        raise ValidationError(
            _("%(value)s already belongs to %(name)s.") % {"value": value, "name": existing.person.full_name},
            code="clash",
        )
    return ContactPoint.objects.create(
        workspace_id=person.workspace_id, person=person, kind=kind, value=value, label=label
    )


def contact_value_normalize(*, kind: str, value: str) -> str:
    value = value.strip()
    if kind in (ContactPoint.Kind.PHONE, ContactPoint.Kind.WHATSAPP):
        phone = normalize_phone(value)
        if not phone:
            raise ValidationError(_("%(value)s is not a phone number.") % {"value": value}, code="invalid")
        return phone
    if kind == ContactPoint.Kind.EMAIL:
        if "@" not in value:
            raise ValidationError(_("%(value)s is not an email address.") % {"value": value}, code="invalid")
        return value.lower()
    return value


def person_photo_set(*, person: Person, name: str, content: bytes, content_type: str = "") -> Person:
    from kenal.accounts.services import upload_store

    person.photo = upload_store(
        workspace=person.workspace, name=name, content=content, content_type=content_type
    )
    person.save(update_fields=["photo", "updated_at"])
    return person


def family_member_add(
    *,
    person: Person,
    relation: str,
    name: str,
    birth_year: int | None = None,
    school: str = "",
    birth_month: int | None = None,
    birth_day: int | None = None,
    note: str = "",
) -> FamilyMember:
    member = FamilyMember.objects.create(
        person=person,
        relation=relation,
        name=name.strip(),
        birth_year=birth_year,
        school=school,
        birth_month=birth_month,
        birth_day=birth_day,
        note=note,
    )
    person_score_refresh(person=person)
    return member


def fact_add(*, person: Person, category: str, value: str, note: str = "") -> Fact:
    fact, _created = Fact.objects.get_or_create(
        person=person, category=category, value=value.strip(), defaults={"note": note}
    )
    person_score_refresh(person=person)
    return fact


def life_event_add(
    *,
    person: Person,
    kind: str,
    title: str,
    happened_on: date,
    recurring: bool = False,
    note: str = "",
    sensitive: bool = False,
) -> LifeEvent:
    """A life event; an illness (theirs or a child's) is always sensitive."""
    event = LifeEvent.objects.create(
        person=person,
        kind=kind,
        title=title,
        happened_on=happened_on,
        recurring=recurring,
        note=note,
        sensitive=sensitive or kind in LifeEvent.SENSITIVE_KINDS,
    )
    person_score_refresh(person=person)
    return event


def note_add(
    *,
    person: Person,
    author,
    body: str,
    visibility: str = Note.Visibility.PRIVATE,
    context: str = "work",
    interaction: bool = False,
) -> Note:
    """A note; one about a meeting or a call also counts as being in touch."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note first.")}, code="required")
    if visibility not in Note.Visibility.values:
        raise ValidationError({"visibility": _("Choose private or shared.")}, code="invalid")
    note = Note.objects.create(
        workspace_id=person.workspace_id,
        person=person,
        author=author,
        body=body,
        visibility=visibility,
        context=context,
    )
    if interaction:
        person_contact_touch(people_ids=[person.pk], at=note.created_at)
    return note


@transaction.atomic
def activity_add(
    *,
    workspace,
    user=None,
    people: list[Person],
    kind: str,
    title: str,
    happened_at: datetime,
    context: str = "work",
    place: str = "",
    body: str = "",
) -> Activity:
    activity = Activity.objects.create(
        workspace=workspace,
        created_by=user,
        kind=kind,
        title=title,
        happened_at=happened_at,
        context=context,
        place=place,
        body=body,
    )
    activity.participants.set(people)
    person_contact_touch(people_ids=[p.pk for p in people], at=happened_at)
    return activity


def person_contact_touch(*, people_ids, at: datetime) -> int:
    """Move "last contact" forward; an older interaction never moves it back."""
    return (
        Person.objects.filter(pk__in=people_ids)
        .filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=at))
        .update(last_contact_at=at)
    )


@transaction.atomic
def employment_add(
    *,
    person: Person,
    organization: Organization,
    role: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
) -> Employment:
    """A new job; the current one ends when a new current one starts, and the history stays."""
    if ended_on is None:
        person.employments.filter(ended_on__isnull=True).exclude(organization=organization).update(
            ended_on=started_on or timezone.localdate()
        )
    employment, _created = Employment.objects.update_or_create(
        person=person,
        organization=organization,
        ended_on=ended_on,
        defaults={"role": role, "started_on": started_on},
    )
    person_score_refresh(person=person)
    return employment


@transaction.atomic
def organization_save(
    *, workspace, user=None, organization: Organization | None = None, **fields
) -> Organization:
    """Create an organization (no `organization`) or change one; it needs a name."""
    if organization is not None and organization.workspace_id != workspace.pk:
        raise ValueError("organization from another workspace")
    if "name" in fields or organization is None:
        fields["name"] = (fields.get("name") or "").strip()
        if not fields["name"]:
            raise ValidationError({"name": _("An organization needs a name.")}, code="required")
    action = "organization.update" if organization else "organization.create"
    organization = organization or Organization(workspace=workspace)
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.save()
    audit(workspace=workspace, user=user, action=action, obj=organization, detail=organization.name)
    return organization


def organization_get_or_create(*, workspace, user=None, name: str) -> Organization:
    """The workspace's organization with this name (in any case), created when there is none."""
    organization = scoped(Organization, workspace).filter(name__iexact=name.strip()).first()
    return organization or organization_save(workspace=workspace, user=user, name=name)


def circle_get_or_create(*, workspace, name: str) -> Circle:
    circle, _created = Circle.objects.get_or_create(workspace=workspace, name=name.strip().lstrip("#"))
    return circle


def person_circles_set(*, person: Person, names: list[str]) -> None:
    person.circles.set([circle_get_or_create(workspace=person.workspace, name=n) for n in names if n.strip()])


def person_tags_set(*, person: Person, names: list[str]) -> None:
    tags = [
        Tag.objects.get_or_create(workspace=person.workspace, name=n.strip())[0] for n in names if n.strip()
    ]
    person.tags.set(tags)


def person_link_add(*, from_person: Person, to_person: Person, kind: str, note: str = "") -> PersonLink:
    if from_person.workspace_id != to_person.workspace_id or from_person.pk == to_person.pk:
        raise ValidationError(_("Choose another person from this workspace."))
    link, _created = PersonLink.objects.get_or_create(
        from_person=from_person, to_person=to_person, kind=kind, defaults={"note": note}
    )
    return link


@transaction.atomic
def quick_add_apply(*, workspace, user, parsed: QuickAdd, person: Person | None = None) -> Person:
    """Apply a one-line quick add to a person, creating them when the line starts with a name."""
    # The stage ("klien") and how we met ("kenal di: …"), when the line says them.
    about = {"stage": parsed.stage, "met_where": parsed.met_where[:200]}
    about = {name: value for name, value in about.items() if value}
    if person is None:
        if not parsed.name:
            raise ValidationError(_("Start the line with the person's name."))
        person = person_save(
            workspace=workspace, user=user, full_name=parsed.name, salutation=parsed.salutation, **about
        )
    elif about:
        person = person_save(workspace=workspace, user=user, person=person, **about)
    for entry in parsed.family:
        family_member_add(
            person=person,
            relation=entry.relation,
            name=entry.name,
            birth_year=entry.birth_year,
            school=entry.school,
        )
    for category, value in parsed.facts:
        fact_add(person=person, category=category, value=value)
    for text in parsed.notes:
        note_add(person=person, author=user, body=text)
    return person
