"""Phone contacts in and out: vCard import (idempotent, batched) and export."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.services import audit, upload_store
from kenal.lib.names import name_key
from kenal.lib.vcard import (
    MAX_EXPORT_PHOTO_BYTES,
    PHONE_TYPES,
    BirthDate,
    CardError,
    ExportCard,
    ParsedCard,
    iter_cards,
)
from kenal.people import scoring
from kenal.people.models import (
    ContactPoint,
    Employment,
    Note,
    Organization,
    Person,
)
from kenal.people.services import (
    default_legal_basis,
    organization_get_or_create,
    person_birthday_parts,
    person_save,
    person_score_refresh,
)

BATCH_SIZE = 500


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    # New people whose name matches someone already here once salutations, case and accents are set aside:
    # created, and shown on the duplicates page to merge, rather than silently left as twins.
    possible_duplicates: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "warnings": self.warnings,
            "possible_duplicates": self.possible_duplicates,
        }


def vcard_import(*, workspace, user, path: Path, keep_original: bool = True) -> ImportReport:
    """Import a .vcf file; re-importing the same file changes nothing."""
    if keep_original:
        upload_store(
            workspace=workspace,
            name=path.name,
            content=path.read_bytes(),
            user=user,
            content_type="text/vcard",
        )
    report = ImportReport()
    importer = _Importer(workspace=workspace, user=user, report=report)
    for batch in _batches(iter_cards(path), BATCH_SIZE):
        with transaction.atomic():
            importer.import_batch(batch)
    audit(
        workspace=workspace,
        user=user,
        action="import.vcard",
        detail=f"{path.name}: {report.created} created, {report.updated} updated, {len(report.errors)} errors",
    )
    return report


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Importer:
    """Matches cards to people by phone or email, then creates or updates them in bulk."""

    def __init__(self, *, workspace, user, report: ImportReport):
        self.workspace = workspace
        self.user = user
        self.report = report
        self.organizations: dict[str, Organization] = {}
        self.legal_basis = default_legal_basis(workspace=workspace)
        self.names: dict[str, tuple[int, str]] | None = None  # name key -> the first person with it
        # People already matched by an earlier card of this file: a later twin adds numbers, never renames.
        self.seen: set[int] = set()

    def import_batch(self, items: list) -> None:
        cards = []
        for item in items:
            if isinstance(item, CardError):
                self.report.errors.append({"line": item.line, "message": item.message})
            else:
                cards.append(item)
                self.report.warnings.extend({"line": item.line, "message": w} for w in item.warnings)
        owners = self._owners(cards)
        new_cards = []
        for card in cards:
            matched = self._match(card, owners)
            if matched is None:
                continue
            if matched == "new":
                new_cards.append(card)
            elif self._update(matched, card, fields=matched.pk not in self.seen):
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        self._create(new_cards, owners)

    def _owners(self, cards: list[ParsedCard]) -> dict[tuple[str, str], Person]:
        """Who already holds each phone and email of the batch, in one query."""
        values = {v for card in cards for v in card.phones + card.emails}
        points = ContactPoint.objects.filter(
            workspace=self.workspace, kind__in=["phone", "email"], value__in=values
        ).select_related("person")
        owners = {(point.kind, point.value): point.person for point in points}
        names = [card.full_name for card in cards if not card.phones and not card.emails and card.full_name]
        for person in Person.objects.filter(workspace=self.workspace, full_name__in=names):
            owners.setdefault(("name", person.full_name), person)
        return owners

    def _match(self, card: ParsedCard, owners) -> Person | str | None:
        keys = [("phone", p) for p in card.phones] + [("email", e) for e in card.emails]
        if not keys:
            keys = [("name", card.full_name)]
        people = {owners[key].pk: owners[key] for key in keys if key in owners}
        if len(people) > 1:
            names = ", ".join(sorted(p.full_name for p in people.values()))
            self.report.errors.append(
                {
                    "line": card.line,
                    "message": _("%(card)s matches several people (%(names)s) by phone or email; not merged.")
                    % {"card": card.full_name, "names": names},
                }
            )
            return None
        if not card.full_name and not people:
            self.report.errors.append(
                {"line": card.line, "message": _("The card has no name, phone or email.")}
            )
            return None
        return next(iter(people.values())) if people else "new"

    def _create(self, cards: list[ParsedCard], owners) -> None:
        fresh: list[tuple[ParsedCard, Person]] = []
        pending: dict[int, ParsedCard] = {}
        for card in cards:
            # The same number twice in one file is one person, not two.
            keys = [("phone", p) for p in card.phones] + [("email", e) for e in card.emails]
            twin = next((owners[key] for key in keys if key in owners), None)
            if twin is not None and twin.pk is None:
                _merge_into(pending[id(twin)], card)
                self.report.updated += 1
                continue
            if twin is not None:
                changed = self._update(twin, card)
                self.report.updated += int(changed)
                self.report.unchanged += int(not changed)
                continue
            # No stage, so no keep-in-touch cadence, until the user gives one: a phone book never floods Today.
            person = Person(
                workspace=self.workspace,
                stage="",
                legal_basis=self.legal_basis,
                legal_basis_since=timezone.localdate(),
                **_person_fields(card),
            )
            person.score_base = scoring.base_score(
                scoring.known_parts(
                    person,
                    family=False,
                    interests=False,
                    favourites=False,
                    work=bool(card.organization),
                    dates=False,
                )
            )
            fresh.append((card, person))
            pending[id(person)] = card
            for key in keys or [("name", card.full_name)]:
                owners[key] = person
        if not fresh:
            return
        Person.objects.bulk_create([person for _card, person in fresh])
        self.seen.update(person.pk for _card, person in fresh)
        self._note_possible_duplicates(fresh)
        points, jobs, notes = [], [], []
        for card, person in fresh:
            points.extend(self._points(card, person, existing=set()))
            if card.organization:
                jobs.append(
                    Employment(
                        person=person, organization=self._organization(card.organization), role=card.title
                    )
                )
            if card.note:
                notes.append(
                    Note(
                        workspace=self.workspace,
                        person=person,
                        author=self.user,
                        body=card.note,
                        visibility=Note.Visibility.SHARED,
                    )
                )
            if card.photo:
                self._photo(person, card)
        ContactPoint.objects.bulk_create(points, ignore_conflicts=True)
        Employment.objects.bulk_create(jobs)
        Note.objects.bulk_create(notes)
        self.report.created += len(fresh)

    def _note_possible_duplicates(self, fresh: list[tuple[ParsedCard, Person]]) -> None:
        """Report new people named like someone already here ("Pak Hendra Wijaya" and "Hendra Wijaya")."""
        if self.names is None:
            # Read once per import, in Python: the name key has no SQL equivalent (as on the duplicates page).
            self.names = {}
            existing = Person.objects.filter(workspace=self.workspace)
            for pk, full_name in existing.order_by("pk").values_list("pk", "full_name").iterator():
                self.names.setdefault(name_key(full_name), (pk, full_name))
        for card, person in fresh:
            key = name_key(person.full_name)
            if not key:
                continue
            twin = self.names.setdefault(key, (person.pk, person.full_name))
            if twin[0] != person.pk:
                self.report.possible_duplicates.append(
                    {
                        "line": card.line,
                        "person": {"id": person.pk, "name": person.full_name},
                        "duplicate_of": {"id": twin[0], "name": twin[1]},
                    }
                )

    def _points(self, card: ParsedCard, person: Person, existing: set) -> list[ContactPoint]:
        wanted = [("phone", p) for p in card.phones] + [("email", e) for e in card.emails]
        wanted += [("social", f"{service}:{handle}") for service, handle in card.socials]
        return [
            ContactPoint(
                workspace=self.workspace,
                person=person,
                kind=kind,
                value=value,
                label=card.phone_types.get(value, "") if kind == "phone" else "",
            )
            for kind, value in wanted
            if (kind, value) not in existing
        ]

    def _organization(self, name: str) -> Organization:
        key = name.strip().lower()
        if key not in self.organizations:
            self.organizations[key] = organization_get_or_create(
                workspace=self.workspace, user=self.user, name=name
            )
        return self.organizations[key]

    def _photo(self, person: Person, card: ParsedCard) -> bool:
        upload = upload_store(
            workspace=self.workspace,
            name=f"photo-{person.pk}.{card.photo_type.rpartition('/')[2]}",
            content=card.photo,
            user=self.user,
            content_type=card.photo_type,
        )
        if person.photo_id == upload.pk:
            return False
        Person.objects.filter(pk=person.pk).update(photo=upload)
        person.photo_id = upload.pk
        return True

    def _add_points(self, person: Person, card: ParsedCard) -> bool:
        existing = set(person.contact_points.values_list("kind", "value"))
        new_points = self._points(card, person, existing)
        ContactPoint.objects.bulk_create(new_points, ignore_conflicts=True)
        return bool(new_points)

    def _update(self, person: Person, card: ParsedCard, fields: bool = True) -> bool:
        """Bring a matched person up to date with the card; True when anything changed."""
        self.seen.add(person.pk)
        changed = False
        if not fields:
            return self._add_points(person, card)
        fields = {k: v for k, v in _person_fields(card).items() if v not in (None, "")}
        dirty = {name: value for name, value in fields.items() if getattr(person, name) != value}
        if dirty:
            person_save(workspace=self.workspace, user=self.user, person=person, **dirty)
            changed = True
        changed = self._add_points(person, card) or changed
        if (
            card.organization
            and not person.employments.filter(
                organization__name__iexact=card.organization.strip(), ended_on__isnull=True, role=card.title
            ).exists()
        ):
            from kenal.people.services import employment_add

            employment_add(person=person, organization=self._organization(card.organization), role=card.title)
            changed = True
        if card.note and not person.notes.filter(body=card.note).exists():
            Note.objects.create(
                workspace=self.workspace,
                person=person,
                author=self.user,
                body=card.note,
                visibility=Note.Visibility.SHARED,
            )
            changed = True
        if card.photo and self._photo(person, card):
            changed = True
        if changed:
            person_score_refresh(person=person)
        return changed


def _merge_into(first: ParsedCard, twin: ParsedCard) -> None:
    """A second card for the same person in one file adds its numbers and addresses to the first."""
    first.phones.extend(p for p in twin.phones if p not in first.phones)
    first.emails.extend(e for e in twin.emails if e not in first.emails)
    first.socials.extend(s for s in twin.socials if s not in first.socials)


def _person_fields(card: ParsedCard) -> dict:
    name = card.full_name or " ".join(filter(None, [card.given_name, card.family_name]))
    fields = {
        "full_name": name[:200],
        "nickname": card.nickname[:100],
        "salutation": card.salutation,
        **person_birthday_parts(birthday=card.birthday),
    }
    return fields


def vcard_export_cards(*, workspace) -> Iterator[ExportCard]:
    """Every person of the workspace as a card, streamed in chunks so memory stays flat."""
    people = (
        Person.objects.filter(workspace=workspace)
        .select_related("photo")
        .prefetch_related(
            "contact_points",
            Prefetch(
                "employments",
                queryset=Employment.objects.filter(ended_on__isnull=True).select_related("organization"),
                to_attr="current_jobs",
            ),
            Prefetch(
                "notes",
                queryset=Note.objects.filter(visibility=Note.Visibility.SHARED),
                to_attr="shared_notes",
            ),
        )
        .order_by("pk")
    )
    for person in people.iterator(chunk_size=500):
        points = person.contact_points.all()
        job = person.current_jobs[0] if person.current_jobs else None
        birthday = (
            BirthDate(person.birth_year, person.birth_month, person.birth_day)
            if person.birth_month and person.birth_day
            else None
        )
        given, _space, family = person.full_name.partition(" ")
        phones = [p for p in points if p.kind == "phone"]
        yield ExportCard(
            full_name=person.full_name,
            given_name=given,
            family_name=family,
            prefix=person.salutation,
            nickname=person.nickname,
            phones=[p.value for p in phones],
            phone_types={p.value: p.label.lower() for p in phones if p.label.lower() in PHONE_TYPES},
            emails=[p.value for p in points if p.kind == "email"],
            birthday=birthday,
            organization=job.organization.name if job else "",
            title=job.role if job else "",
            # Shared notes only: a private note is its author's, never part of a card that leaves Kenal.
            note="\n\n".join(note.body for note in person.shared_notes),
            photo=_photo_bytes(person),
            photo_type=person.photo.content_type if person.photo_id else "image/jpeg",
            socials=[tuple(p.value.split(":", 1)) for p in points if p.kind == "social" and ":" in p.value],
            uid=f"kenal-{workspace.pk}-{person.pk}",
        )


def _photo_bytes(person: Person) -> bytes | None:
    """The photo to inline, unless it is over the cap (checked before reading) or its file is missing."""
    if not person.photo_id or person.photo.size > MAX_EXPORT_PHOTO_BYTES:
        return None
    try:
        with person.photo.file.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, ValueError):
        return None
