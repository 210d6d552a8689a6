"""Writes for the user's data: erasing a person for good, and merging two people (undoable for 30 days)."""

import json
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.accounts.models import AuditEntry, Membership, Upload
from kenal.accounts.services import audit
from kenal.agenda.models import AgendaMark
from kenal.commitments.models import Commitment, DueChange, Suggestion
from kenal.conversations.models import Conversation, ImportFile, Message, UnmatchedSender
from kenal.engagements.models import ChangeRequest, ClientRequest, Engagement, Opportunity
from kenal.lib.mentions import file_mentions, redact
from kenal.network.models import Favour, Gift, Referral
from kenal.people.archive import row_values
from kenal.people.models import (
    Activity,
    DeletedPerson,
    Fact,
    FamilyMember,
    LifeEvent,
    Note,
    Organization,
    Person,
    PersonLink,
    StageChange,
)
from kenal.people.services import person_score_refresh
from kenal.portability.selectors import Identifiers, person_identifiers

# Free text that may mention someone else: (model, path to the workspace, fields). After an erasure, every
# mention of the person's name, phones and emails in these is replaced by "erased person".
MENTIONS = (
    (Note, "workspace", ("body",)),
    (Activity, "workspace", ("title", "body", "place")),
    (LifeEvent, "person__workspace", ("title", "note")),
    (Fact, "person__workspace", ("value", "note")),
    (FamilyMember, "person__workspace", ("note",)),
    (PersonLink, "from_person__workspace", ("note",)),
    (StageChange, "person__workspace", ("note",)),
    (Organization, "workspace", ("notes", "glossary")),
    (Conversation, "workspace", ("title",)),
    (Message, "workspace", ("text", "original")),
    (ImportFile, "workspace", ("name", "error")),
    (Commitment, "workspace", ("what", "notes", "debtor_name")),
    (DueChange, "commitment__workspace", ("reason",)),
    (Suggestion, "workspace", ("what", "reply")),
    (Engagement, "workspace", ("title", "lessons_learned")),
    (ClientRequest, "workspace", ("text",)),
    (ChangeRequest, "workspace", ("title",)),
    (Opportunity, "workspace", ("title", "notes", "decline_reason")),
    (Referral, "workspace", ("note",)),
    (Favour, "workspace", ("description",)),
    (Gift, "workspace", ("title", "occasion", "reaction")),
    (AuditEntry, "workspace", ("detail",)),
)


@dataclass
class ErasureReport:
    person_id: int
    messages: int = 0
    conversations: int = 0
    files: int = 0
    promises_anonymised: int = 0
    engagements_kept: int = 0
    redacted: int = 0
    kept_files: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "person": self.person_id,
            "messages": self.messages,
            "conversations": self.conversations,
            "files": self.files,
            "promises_anonymised": self.promises_anonymised,
            "engagements_kept": self.engagements_kept,
            "redacted": self.redacted,
            "kept_files": self.kept_files,
        }


def person_erase(*, person: Person, user=None) -> ErasureReport:
    """Remove the person and everything about them for good; business records stay, anonymised."""
    with _secure_delete():
        # The erasure's own deletes and redactions must not write the erased values into the field-change trail.
        with transaction.atomic(), disable_auditlog():
            report, doomed_files = _erase(person=person, user=user)
        # Files go once the rows that named them are gone for good: a rolled-back erasure keeps them.
        for name in doomed_files:
            Upload.file.field.storage.delete(name)
        _purge_search_index()
    return report


def _erase(*, person: Person, user) -> tuple[ErasureReport, list[str]]:
    workspace = person.workspace
    ids = person_identifiers(person=person)
    erased = _("erased person")
    report = ErasureReport(person_id=person.pk)

    # Business records stay, without the person: promises, engagements and opportunities with them.
    report.promises_anonymised = Commitment.objects.filter(
        Q(debtor_person=person) | Q(creditor_person=person)
    ).count()
    Commitment.objects.filter(debtor_person=person).update(debtor_person=None, debtor_name=erased)
    Commitment.objects.filter(creditor_person=person).update(creditor_person=None)
    report.engagements_kept = Engagement.objects.filter(person=person).count()

    # Their conversations: one-to-one chats go entirely, group chats lose what they said.
    own_conversations = Conversation.objects.filter(workspace=workspace, person=person)
    # Their messages, and unmatched ones under their name or address; never a message matched to someone else.
    sent = Message.objects.filter(workspace=workspace).filter(
        Q(person=person)
        | Q(person=None, sender__in=ids.names)
        | Q(person=None, sender_address__in=[*ids.emails, *ids.phones])
    )
    group_ids = set(
        sent.exclude(conversation__in=own_conversations).values_list("conversation_id", flat=True)
    )
    touched_ids = group_ids | set(own_conversations.values_list("pk", flat=True))
    import_files = ImportFile.objects.filter(workspace=workspace, conversation_id__in=touched_ids)
    upload_ids = set(import_files.exclude(upload=None).values_list("upload_id", flat=True))
    if person.photo_id:
        upload_ids.add(person.photo_id)
    message_ids = set(sent.values_list("pk", flat=True))
    report.messages = (
        sent.exclude(conversation__in=own_conversations).count()
        + Message.objects.filter(conversation__in=own_conversations).count()
    )
    report.conversations = own_conversations.count()
    import_files.filter(conversation__in=own_conversations).delete()
    Suggestion.objects.filter(Q(person=person) | Q(source_message_id__in=message_ids)).delete()
    sent.delete()
    own_conversations.delete()
    _forget_participants(workspace=workspace, conversation_ids=group_ids, names=ids.names)
    UnmatchedSender.objects.filter(workspace=workspace).filter(
        Q(person=person) | Q(name__in=ids.names) | Q(address__in=[*ids.emails, *ids.phones])
    ).delete()
    ClientRequest.objects.filter(workspace=workspace, message_id__in=message_ids).update(message_id=None)

    # Meetings with them alone go; shared ones stay, without them.
    theirs = Activity.objects.filter(workspace=workspace, participants=person).values("pk")
    Activity.objects.filter(pk__in=theirs).annotate(n=Count("participants")).filter(n=1).delete()
    _forget_agenda_marks(workspace=workspace, person=person, message_ids=message_ids)

    AuditEntry.objects.filter(workspace=workspace, object_type="person", object_id=str(person.pk)).update(
        detail=""
    )
    person_id = person.pk
    person.delete()

    doomed_files = _doomed_uploads(workspace=workspace, ids=ids, upload_ids=upload_ids, report=report)
    report.redacted = _redact_mentions(workspace=workspace, ids=ids, replacement=erased)
    report.redacted += _forget_in_deleted(
        workspace=workspace, person_id=person_id, ids=ids, replacement=erased
    )
    report.redacted += _forget_field_changes(
        workspace=workspace, person_id=person_id, needles=ids.needles(), replacement=erased
    )
    report.person_id = person_id
    audit(workspace=workspace, user=user, action="person.erase", detail=f"person {person_id}")
    return report, doomed_files


def _forget_participants(*, workspace, conversation_ids: set[int], names: list[str]) -> None:
    """Group chats they were in: their names off the participant lists, the counts recomputed."""
    folded = {name.casefold() for name in names}
    for conversation in Conversation.objects.filter(pk__in=conversation_ids):
        figures = conversation.messages.aggregate(n=Count("pk"), first=Min("at"), last=Max("at"))
        conversation.participants = [p for p in conversation.participants if str(p).casefold() not in folded]
        conversation.message_count = figures["n"]
        conversation.first_at, conversation.last_at = figures["first"], figures["last"]
        conversation.save(update_fields=["participants", "message_count", "first_at", "last_at"])
    for import_file in ImportFile.objects.filter(workspace=workspace, conversation_id__in=conversation_ids):
        import_file.participants = {
            name: value
            for name, value in (import_file.participants or {}).items()
            if name.casefold() not in folded
        }
        import_file.malformed = [
            line
            for line in import_file.malformed or []
            if not any(n.casefold() in str(line).casefold() for n in names)
        ]
        import_file.save(update_fields=["participants", "malformed"])


def _forget_agenda_marks(*, workspace, person: Person, message_ids: set[int]) -> None:
    users = Membership.objects.filter(workspace=workspace).values("user_id")
    prefixes = [
        f"keep_in_touch:{person.pk}:",
        f"birthday:person:{person.pk}:",
        f"anniversary:{person.pk}:",
        *(f"birthday:family:{pk}:" for pk in person.family.values_list("pk", flat=True)),
        *(f"important_date:{pk}:" for pk in person.life_events.values_list("pk", flat=True)),
    ]
    keys = [f"follow_up:{pk}" for pk in person.life_events.values_list("pk", flat=True)]
    keys += [f"waiting_reply:{pk}" for pk in message_ids]
    marks = AgendaMark.objects.filter(user__in=users)
    marks.filter(
        reduce(or_, [Q(key__startswith=prefix) for prefix in prefixes]) | Q(person_id=person.pk)
    ).delete()
    for start in range(0, len(keys), 500):
        marks.filter(key__in=keys[start : start + 500]).delete()


def _doomed_uploads(*, workspace, ids: Identifiers, upload_ids: set[int], report: ErasureReport) -> list[str]:
    """Their photo, the original exports of their chats, and any other kept file that names them.

    An MoU stays (a business record the agency must keep); the report lists it.
    """
    needles, digits = ids.needles(), ids.national_digits()
    mou_ids = set(
        Engagement.objects.filter(workspace=workspace).exclude(mou=None).values_list("mou_id", flat=True)
    )
    doomed = []
    for upload in Upload.objects.filter(workspace=workspace).iterator():
        if upload.pk not in upload_ids and not _upload_mentions(upload, needles, digits):
            continue
        if upload.pk in mou_ids:
            report.kept_files.append(upload.original_name)
            continue
        doomed.append(upload.file.name)
        upload.delete()
    report.files = len(doomed)
    return doomed


def _upload_mentions(upload: Upload, needles: list[str], digits: list[str]) -> bool:
    if any(needle.casefold() in upload.original_name.casefold() for needle in needles):
        return True
    try:
        with upload.file.open("rb") as handle:
            return file_mentions(handle, needles, digits)
    except (FileNotFoundError, ValueError):
        return False


def _forget_field_changes(*, workspace, person_id: int, needles: list[str], replacement: str) -> int:
    """django-auditlog's trail: the changes to the person and their family, facts, events and jobs go;
    any other change in the workspace that names them (a promise's text, say) is redacted."""
    from auditlog.models import LogEntry

    LogEntry.objects.filter(
        additional_data__workspace=workspace.pk, additional_data__person=person_id
    ).delete()
    if not needles:
        return 0
    text = Cast("changes", TextField())
    query = reduce(
        or_,
        [
            Q(object_repr__icontains=n) | Q(changes_text__icontains=n) | Q(changes_json__icontains=n)
            for n in needles
        ],
    )
    changed = 0
    entries = LogEntry.objects.filter(additional_data__workspace=workspace.pk).annotate(changes_json=text)
    for entry in entries.filter(query).iterator():
        entry.object_repr = redact(entry.object_repr, needles, replacement)
        entry.changes_text = redact(entry.changes_text, needles, replacement)
        entry.changes = json.loads(
            redact(json.dumps(entry.changes, ensure_ascii=False), needles, replacement)
        )
        entry.serialized_data = None
        entry.save(update_fields=["object_repr", "changes_text", "changes", "serialized_data"])
        changed += 1
    return changed


def _redact_mentions(*, workspace, ids: Identifiers, replacement: str) -> int:
    needles = ids.needles()
    if not needles:
        return 0
    changed = 0
    for model, path, fields in MENTIONS:
        query = reduce(or_, [Q(**{f"{name}__icontains": needle}) for name in fields for needle in needles])
        for row in model.objects.filter(**{path: workspace}).filter(query).iterator():
            for name in fields:
                setattr(row, name, redact(getattr(row, name), needles, replacement))
            row.save(update_fields=list(fields))
            changed += 1
    return changed


def _forget_in_deleted(*, workspace, person_id: int, ids: Identifiers, replacement: str) -> int:
    """People deleted in the last 30 days are kept whole, to restore: their rows lose the erased person too.

    Rows that belonged to the erased person (a link to them) go; their name, phones and emails are redacted.
    """
    needles = ids.needles()
    changed = 0
    for deleted in DeletedPerson.objects.filter(workspace=workspace).iterator():
        rows = [
            [label, row] for label, row in deleted.rows if not _points_at(label, row, person_id, drop=True)
        ]
        for label, row in rows:
            _points_at(label, row, person_id, drop=False)
        rows = _redact_values(rows, needles, replacement)
        nulled = [
            [label, column, [pair for pair in pairs if pair[1] != person_id or not _is_person(label, column)]]
            for label, column, pairs in deleted.nulled
        ]
        full_name = redact(deleted.full_name, needles, replacement)
        if (rows, nulled, full_name) != (deleted.rows, deleted.nulled, deleted.full_name):
            deleted.rows, deleted.nulled, deleted.full_name = rows, nulled, full_name
            deleted.save(update_fields=["rows", "nulled", "full_name"])
            changed += 1
    return changed


def _is_person(label: str, column: str) -> bool:
    return apps.get_model(label)._meta.get_field(column.removesuffix("_id")).related_model is Person


def _points_at(label: str, row: dict, person_id: int, *, drop: bool) -> bool:
    """With `drop`, whether the row can't live without the erased person; else empties its optional links."""
    for column in apps.get_model(label)._meta.concrete_fields:
        if column.is_relation and column.related_model is Person and row.get(column.attname) == person_id:
            if drop and not column.null:
                return True
            if not drop:
                row[column.attname] = None
    return False


def _redact_values(value, needles: list[str], replacement: str):
    if isinstance(value, str):
        return redact(value, needles, replacement)
    if isinstance(value, list):
        return [_redact_values(item, needles, replacement) for item in value]
    if isinstance(value, dict):
        return {key: _redact_values(item, needles, replacement) for key, item in value.items()}
    return value


class _secure_delete:
    """On SQLite, overwrite deleted content with zeros, so an erased name isn't left in the file's free pages."""

    def __enter__(self):
        self.previous = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                self.previous = cursor.execute("PRAGMA secure_delete").fetchone()[0]
                cursor.execute("PRAGMA secure_delete = ON")
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA secure_delete = {int(self.previous)}")
        return False


def _purge_search_index() -> None:
    """Merge the message search index, so deleted messages' words leave it rather than wait for a merge."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO conversations_message_fts(conversations_message_fts) VALUES ('optimize')")
        if not connection.in_atomic_block:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# The fields a merge lets the user pick, one person's value or the other's.
MERGE_FIELDS = (
    "full_name",
    "nickname",
    "salutation",
    "photo",
    "birth_year",
    "birth_month",
    "birth_day",
    "city",
    "country",
    "timezone",
    "languages",
    "preferred_channel",
    "best_time",
    "temperament_note",
    "met_on",
    "met_where",
    "introduced_by",
    "stage",
    "keep_in_touch_days",
    "owner",
)


_row = row_values


def _label(model) -> str:
    return model._meta.label


@transaction.atomic
def person_merge(*, keep: Person, other: Person, user=None, take: list[str] | None = None):
    """Move everything about `other` onto `keep`, then remove `other`; `take` names the fields whose value
    comes from `other` (by default, the ones `keep` leaves empty). Undoable within 30 days."""
    from kenal.portability.models import PersonMerge

    if keep.pk == other.pk or keep.workspace_id != other.workspace_id:
        raise ValidationError(_("Choose two different people of this workspace."))
    unknown = set(take or []) - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields can't be merged: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    # Services update people in SQL (last contact, score): read both as they are now, not as loaded.
    keep.refresh_from_db()
    other.refresh_from_db()
    if take is None:
        take = [
            name for name in MERGE_FIELDS if _blank(getattr(keep, name)) and not _blank(getattr(other, name))
        ]
    snapshot = {
        "person": _row(other),
        "many": {
            "circles": list(other.circles.values_list("pk", flat=True)),
            "tags": list(other.tags.values_list("pk", flat=True)),
        },
        "kept_before": {
            **{
                Person._meta.get_field(name).attname: _row(keep)[Person._meta.get_field(name).attname]
                for name in take
            },
            "last_contact_at": _row(keep)["last_contact_at"],
        },
        "kept_many": {
            "circles": list(keep.circles.values_list("pk", flat=True)),
            "tags": list(keep.tags.values_list("pk", flat=True)),
        },
        "moved": [],
        "deleted": [],
        "added": [],
    }
    # Every foreign key to people, hidden ones ("+") included: a new app's rows follow without a change here.
    for relation in Person._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.many_to_many:
            _merge_many(relation, keep, other, snapshot)
        elif not relation.related_model._meta.auto_created and relation.related_model is not PersonMerge:
            _merge_rows(relation.field, keep, other, snapshot)
    keep.circles.add(*snapshot["many"]["circles"])
    keep.tags.add(*snapshot["many"]["tags"])
    for name in take:
        setattr(keep, name, getattr(other, name))
    if other.last_contact_at and (not keep.last_contact_at or other.last_contact_at > keep.last_contact_at):
        keep.last_contact_at = other.last_contact_at
    keep.save()
    merge = PersonMerge.objects.create(
        workspace_id=keep.workspace_id,
        kept=keep,
        other_id=other.pk,
        other_name=other.full_name,
        snapshot=snapshot,
        merged_by=user if user is not None and user.is_authenticated else None,
        merged_at=timezone.now(),
    )
    other.delete()
    if user is None:
        return merge
    note = Note.objects.create(
        workspace_id=keep.workspace_id,
        person=keep,
        author=user,
        body=_("Merged with %(name)s.") % {"name": merge.other_name},
        visibility=Note.Visibility.SHARED,
    )
    merge.snapshot["note_id"] = note.pk
    merge.save(update_fields=["snapshot"])
    person_score_refresh(person=keep)
    audit(workspace=keep.workspace, user=user, action="person.merge", obj=keep, detail=f"merge {merge.pk}")
    return merge


def _blank(value) -> bool:
    return value in (None, "", [])


def _merge_rows(field, keep: Person, other: Person, snapshot: dict) -> None:
    """Point the rows of one foreign key at `keep`; a row that would clash with keep's own (a unique pair) goes."""
    from django.db import IntegrityError

    model = field.model
    rows = list(model.objects.filter(**{field.attname: other.pk}).values_list("pk", flat=True))
    if not rows:
        return
    moved = []
    for pk in rows:
        try:
            with transaction.atomic():
                model.objects.filter(pk=pk).update(**{field.attname: keep.pk})
            moved.append(pk)
        except IntegrityError:
            instance = model.objects.get(pk=pk)
            snapshot["deleted"].append([_label(model), _row(instance)])
            instance.delete()
    snapshot["moved"].append([_label(model), field.attname, moved])
    # A link from the kept person to themselves (a referral between the two) means nothing any more.
    for other_field in model._meta.concrete_fields:
        if other_field is not field and other_field.related_model is Person:
            for instance in model.objects.filter(pk__in=moved, **{other_field.attname: keep.pk}):
                snapshot["deleted"].append([_label(model), _row(instance)])
                instance.delete()


def _merge_many(relation, keep: Person, other: Person, snapshot: dict) -> None:
    """Many-to-many links to people (meetings): other's become keep's."""
    through = relation.through
    person_column = next(
        f.attname for f in through._meta.concrete_fields if f.is_relation and f.related_model is Person
    )
    owner = next(
        f.attname for f in through._meta.concrete_fields if f.is_relation and f.attname != person_column
    )
    for row in through.objects.filter(**{person_column: other.pk}):
        snapshot["deleted"].append([_label(through), _row(row)])
        if not through.objects.filter(**{person_column: keep.pk, owner: getattr(row, owner)}).exists():
            added = through.objects.create(**{person_column: keep.pk, owner: getattr(row, owner)})
            snapshot["added"].append([_label(through), added.pk])


@transaction.atomic
def person_merge_undo(*, merge, user=None) -> Person:
    """Bring the other person back as they were, with everything that was theirs, and restore the kept one."""
    from django.apps import apps

    if not merge.undoable:
        raise ValidationError(
            _("This merge can no longer be undone: it is undone already, or older than 30 days.")
        )
    snapshot = merge.snapshot
    other = Person(**snapshot["person"])
    other.save(force_insert=True)
    Person.objects.filter(pk=other.pk).update(
        created_at=snapshot["person"]["created_at"], updated_at=snapshot["person"]["updated_at"]
    )
    other.circles.set(snapshot["many"]["circles"])
    other.tags.set(snapshot["many"]["tags"])
    kept = merge.kept
    for label, column, pks in snapshot["moved"]:
        apps.get_model(label).objects.filter(pk__in=pks).update(**{column: other.pk})
    for label, pk in snapshot["added"]:
        apps.get_model(label).objects.filter(pk=pk).delete()
    for label, row in snapshot["deleted"]:
        model = apps.get_model(label)
        model.objects.filter(pk=row["id"]).delete()
        model(**row).save(force_insert=True)
    if kept is not None:
        Note.objects.filter(pk=snapshot.get("note_id")).delete()
        Person.objects.filter(pk=kept.pk).update(**snapshot["kept_before"])
        kept.refresh_from_db()
        _restore_many_of_kept(kept, snapshot)
        person_score_refresh(person=kept)
    person_score_refresh(person=other)
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    audit(
        workspace=other.workspace,
        user=user,
        action="person.merge_undo",
        obj=other,
        detail=f"merge {merge.pk}",
    )
    return other


def _restore_many_of_kept(kept: Person, snapshot: dict) -> None:
    """Circles and tags the merge added to the kept person go again."""
    before = snapshot.get("kept_many")
    if before is None:
        return
    kept.circles.set(before["circles"])
    kept.tags.set(before["tags"])
