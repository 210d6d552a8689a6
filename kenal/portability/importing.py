"""Reading an export archive back into an empty workspace: every kind in order, ids renumbered, files restored.

Each kind's JSON array holds one row per line, so rows are read line by line and written in batches: the
archive is never loaded whole. A line that can't be read stops the import with its file and line number,
and the transaction leaves the workspace as empty as it was.
"""

import io
import json
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from kenal.accounts.models import Membership, Upload
from kenal.people.models import Person
from kenal.portability.kinds import FORMAT, KINDS, VERSION, mark_key_remap

BATCH = 1000


class _Importer:
    def __init__(self, *, archive: zipfile.ZipFile, manifest: dict, workspace, user):
        self.archive, self.manifest, self.workspace, self.user = archive, manifest, workspace, user
        self.ids: dict[str, dict[int, int]] = {}
        self.saved_files: list[str] = []
        members = Membership.objects.filter(workspace=workspace).values_list("user__email", "user_id")
        self.users = {email.lower(): pk for email, pk in members}
        self.users[manifest["exported_by"].lower()] = user.pk

    def id_of(self, kind: str, old):
        return None if old is None else self.ids.get(kind, {}).get(old)

    def run(self) -> dict[str, int]:
        counts = {}
        for kind in KINDS:
            entry = self.manifest["kinds"].get(kind.name)
            if entry is None:
                continue
            counts[kind.name] = self._kind(kind, entry)
        return counts

    def _kind(self, kind, entry) -> int:
        model, ids = kind.model, self.ids.setdefault(kind.name, {})
        has_workspace = any(f.name == "workspace" for f in model._meta.concrete_fields)
        refs, users, many = entry["refs"], entry["users"], entry["many"]
        later, links, batch, count = [], [], [], 0
        # A newer archive may carry columns this version doesn't know: they are left out, never an error.
        known = {f.attname for f in model._meta.concrete_fields}

        def flush():
            objects = model.objects.bulk_create([obj for _old, obj, _m in batch])
            for (old, _obj, row_many), created in zip(batch, objects, strict=True):
                ids[old] = created.pk
                links.append((created.pk, row_many))
            batch.clear()

        for number, row in self._rows(entry["file"]):
            old = row.pop("id")
            row_many = {key: row.pop(key, []) for key in many}
            for column, target in refs.items():
                if target == kind.name and row.get(column) is not None:
                    later.append((old, column, row.pop(column)))
                elif column in row:
                    row[column] = self.id_of(target, row[column])
            for name in users:
                email = row.pop(name, None)
                row[f"{name}_id"] = self.users.get((email or "").lower())
                if row[f"{name}_id"] is None and not model._meta.get_field(name).null:
                    row[f"{name}_id"] = self.user.pk
            if kind.name == "agenda_marks":
                row["key"] = mark_key_remap(row["key"], self.id_of)
                row["user_id"] = self.user.pk
            if kind.name == "uploads":
                row["file"] = self._restore_file(row, entry["file"], number)
            if has_workspace:
                row["workspace_id"] = self.workspace.pk
            row = {column: value for column, value in row.items() if column in known}
            try:
                batch.append((old, model(**row), row_many))
            except TypeError as error:
                raise ValidationError(
                    _("%(file)s, line %(line)d: %(error)s")
                    % {"file": entry["file"], "line": number, "error": error}
                ) from None
            count += 1
            if len(batch) >= BATCH:
                flush()
        flush()
        for old, column, target_old in later:
            model.objects.filter(pk=ids[old]).update(**{column: ids.get(target_old)})
        for key, (field_name, target) in kind.many.items():
            through = getattr(model, field_name).through
            own = f"{model._meta.model_name}_id"
            other = next(
                f.attname for f in through._meta.concrete_fields if f.is_relation and f.attname != own
            )
            through.objects.bulk_create(
                [
                    through(**{own: pk, other: self.id_of(target, old_other)})
                    for pk, row_many in links
                    for old_other in row_many.get(key, [])
                    if self.id_of(target, old_other) is not None
                ],
                batch_size=BATCH,
            )
        return count

    def _rows(self, name: str):
        """(line number, row) for each row of one kind's file, read line by line."""
        try:
            handle = self.archive.open(name)
        except KeyError:
            raise ValidationError(_("The archive has no %(file)s.") % {"file": name}) from None
        with handle, io.TextIOWrapper(handle, encoding="utf-8") as text:
            for number, line in enumerate(text, start=1):
                line = line.strip().rstrip(",")
                if line in ("[", "]", ""):
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    row = None
                if not isinstance(row, dict) or not isinstance(row.get("id"), int):
                    raise ValidationError(
                        _("%(file)s, line %(line)d: not a row of the export format.")
                        % {"file": name, "line": number}
                    )
                yield number, row

    def _restore_file(self, row: dict, data_file: str, number: int) -> str:
        path = row["file"]
        try:
            member = self.archive.open(path)
        except KeyError:
            raise ValidationError(
                _("%(file)s, line %(line)d: the archive has no %(path)s.")
                % {"file": data_file, "line": number, "path": path}
            ) from None
        storage = Upload.file.field.storage
        with member:
            name = f"{self.workspace.pk}/{row['sha256'][:16]}-{Path(row['original_name']).name[-80:]}"
            saved = storage.save(Upload.file.field.generate_filename(None, name), File(member, name=name))
        self.saved_files.append(saved)
        return saved


@contextmanager
def _keeping_timestamps(models):
    """Keep the archive's created_at and updated_at: auto_now fields would stamp the import's time instead."""
    switched = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                switched.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def archive_import(*, workspace, user, path) -> dict[str, int]:
    """Restore an export archive into an empty workspace; return how many rows of each kind came in."""
    name = Path(path).name
    if (
        Person.objects.filter(workspace=workspace).exists()
        or Upload.objects.filter(workspace=workspace).exists()
    ):
        raise ValidationError(
            _("%(file)s: restore into an empty workspace; this one already holds data.") % {"file": name}
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(
            _("%(file)s is not a Kenal export archive (not a zip file).") % {"file": name}
        ) from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError):
            raise ValidationError(_("%(file)s has no readable manifest.json.") % {"file": name}) from None
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise ValidationError(
                _("%(file)s is not a Kenal export of format version %(version)d.")
                % {"file": name, "version": VERSION}
            )
        importer = _Importer(archive=archive, manifest=manifest, workspace=workspace, user=user)
        try:
            with transaction.atomic(), _keeping_timestamps([kind.model for kind in KINDS]):
                for field_name in ("timezone", "currency", "work_start", "work_end", "work_days"):
                    setattr(workspace, field_name, manifest["workspace"][field_name])
                # Archives written before the setting existed leave it as it is.
                workspace.default_legal_basis = manifest["workspace"].get(
                    "default_legal_basis", workspace.default_legal_basis
                )
                workspace.save()
                return importer.run()
        except Exception:
            # The rows are rolled back; the files restored so far must not stay behind without them.
            for saved in importer.saved_files:
                Upload.file.field.storage.delete(saved)
            raise
