"""Writing the user's data out: the whole workspace as a zip archive, or one person as a JSON document.

Rows are read in chunks and written as they come, one JSON object per line inside each kind's array, so an
export of a million messages holds a chunk in memory, never the whole workspace. The format is documented
in docs/export-format.md.
"""

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import PurePosixPath

from django.db.models import Q
from django.utils import timezone

from kenal.accounts.services import audit
from kenal.people.models import Note, Person
from kenal.portability.kinds import (
    FORMAT,
    KINDS,
    VERSION,
    Kind,
    columns,
    mark_key_target,
    plain,
    references,
    user_fields,
)

CHUNK = 2000


def kind_rows(kind: Kind, *, workspace, user, person=None) -> Iterator[dict]:
    """The kind's rows the user may see, oldest first, as plain JSON-ready dicts."""
    queryset = kind.model.objects.all()
    if kind.workspace_path:
        queryset = queryset.filter(**{kind.workspace_path: workspace})
    else:  # agenda marks belong to a user, not a workspace
        queryset = queryset.filter(user=user)
    if kind.model is Note:
        queryset = queryset.filter(Q(visibility=Note.Visibility.SHARED) | Q(author=user))
    if person is not None:
        if kind.about is None:
            return
        queryset = queryset.filter(kind.about(person)).distinct()
    own, users = columns(kind), user_fields(kind)
    names = [*own, *(f"{name}__email" for name in users)]
    rows = queryset.order_by("pk").values_list(*names).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        if kind.name == "agenda_marks":
            chunk = _marks_of_workspace(chunk, own.index("key"), workspace)
        many = _many(kind, [row[0] for row in chunk])
        for values in chunk:
            row = {name: plain(value) for name, value in zip(own, values[: len(own)], strict=True)}
            row.update(zip(users, values[len(own) :], strict=True))
            for key, ids in many.items():
                row[key] = ids.get(row["id"], [])
            if kind.name == "uploads":
                row["file"] = upload_path(row)
            yield row


def _many(kind: Kind, pks: list[int]) -> dict[str, dict[int, list[int]]]:
    """Many-to-many links (a person's circles, a meeting's people) for a chunk of rows, in one query each."""
    found = {}
    for key, (field_name, _target) in kind.many.items():
        through = kind.model._meta.get_field(field_name).remote_field.through
        own = f"{kind.model._meta.model_name}_id"
        other = next(f.attname for f in through._meta.concrete_fields if f.is_relation and f.attname != own)
        links: dict[int, list[int]] = {}
        for pk, other_pk in (
            through.objects.filter(**{f"{own}__in": pks}).order_by(other).values_list(own, other)
        ):
            links.setdefault(pk, []).append(other_pk)
        found[key] = links
    return found


def _marks_of_workspace(chunk: list[tuple], key_index: int, workspace) -> list[tuple]:
    """A user's agenda marks belong to no workspace: keep those whose item is in this one."""
    wanted: dict[str, set[int]] = {}
    for values in chunk:
        target = mark_key_target(values[key_index])
        if target:
            wanted.setdefault(target[0], set()).add(target[1])
    kinds = {kind.name: kind for kind in KINDS}
    found = {
        (name, pk)
        for name, pks in wanted.items()
        for pk in kinds[name]
        .model.objects.filter(pk__in=pks, **{kinds[name].workspace_path: workspace})
        .values_list("pk", flat=True)
    }
    return [values for values in chunk if mark_key_target(values[key_index]) in found]


def upload_path(row: dict) -> str:
    """Where an upload's file sits in the archive."""
    return f"files/{row['id']}-{PurePosixPath(row['original_name']).name or 'file'}"


def archive_write(*, workspace, user, out) -> dict:
    """Write the whole workspace, as `user` may see it, to `out` (a path or a binary file); return the manifest."""
    from kenal.accounts.models import Upload

    audit(workspace=workspace, user=user, action="workspace.export", obj=workspace, detail=workspace.name)

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "exported_by": user.email,
        "workspace": {
            "name": workspace.name,
            "timezone": workspace.timezone,
            "currency": workspace.currency,
            "work_start": plain(workspace.work_start),
            "work_end": plain(workspace.work_end),
            "work_days": workspace.work_days,
            "default_legal_basis": workspace.default_legal_basis,
        },
        "kinds": {},
        "files": [],
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            path = f"data/{kind.name}.json"
            count = 0
            with archive.open(path, "w", force_zip64=True) as entry:
                entry.write(b"[")
                pending = []
                for row in kind_rows(kind, workspace=workspace, user=user):
                    pending.append(
                        (b",\n" if count else b"\n") + json.dumps(row, ensure_ascii=False).encode()
                    )
                    count += 1
                    if len(pending) == CHUNK:  # one write per chunk: the zip stream's per-write cost adds up
                        entry.write(b"".join(pending))
                        pending.clear()
                entry.write(b"".join(pending) + b"\n]\n")
            manifest["kinds"][kind.name] = {
                "file": path,
                "count": count,
                "refs": references(kind),
                "users": user_fields(kind),
                "many": {key: target for key, (_field, target) in kind.many.items()},
            }
        for upload in Upload.objects.filter(workspace=workspace).order_by("pk").iterator():
            path = upload_path({"id": upload.pk, "original_name": upload.original_name})
            try:
                with upload.file.open("rb") as source, archive.open(path, "w", force_zip64=True) as entry:
                    shutil.copyfileobj(source, entry, 1 << 20)
            except FileNotFoundError:
                continue
            manifest["files"].append(path)
        _write_spreadsheets(archive, workspace=workspace)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _write_spreadsheets(archive: zipfile.ZipFile, *, workspace) -> None:
    """contacts.vcf for phones and csv/people.csv for spreadsheets."""
    from kenal.lib.vcard import card_to_vcard
    from kenal.people.vcard import vcard_export_cards

    with archive.open("contacts.vcf", "w", force_zip64=True) as entry:
        for card in vcard_export_cards(workspace=workspace):
            entry.write(card_to_vcard(card).serialize().encode())
    with archive.open("csv/people.csv", "w", force_zip64=True) as entry:
        text = io.TextIOWrapper(entry, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(
            ["id", "name", "nickname", "address_as", "stage", "phones", "emails", "birthday", "city"]
        )
        people = Person.objects.filter(workspace=workspace).order_by("pk").prefetch_related("contact_points")
        for person in people.iterator(chunk_size=CHUNK):
            points = list(person.contact_points.all())
            writer.writerow(
                [
                    person.pk,
                    person.full_name,
                    person.nickname,
                    person.address,
                    person.stage,
                    " ".join(p.value for p in points if p.kind == "phone"),
                    " ".join(p.value for p in points if p.kind == "email"),
                    person.birthday_iso or "",
                    person.city,
                ]
            )
        text.flush()
        text.detach()


def person_export(*, person: Person, user) -> dict:
    """Everything Kenal holds about one person, as one JSON document (their right of access)."""
    audit(workspace=person.workspace, user=user, action="person.export", obj=person, detail=person.full_name)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "person_id": person.pk,
        "kinds": {
            kind.name: list(kind_rows(kind, workspace=person.workspace, user=user, person=person))
            for kind in KINDS
            if kind.about is not None
        },
    }
