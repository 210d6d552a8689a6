"""Rows as JSON, to take a record out of the database and put it back exactly (delete undo, merge undo)."""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.deletion import Collector


def row_values(instance: models.Model) -> dict:
    """A row's own columns, JSON-ready, to recreate it exactly."""
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def delete_keeping_rows(instance: models.Model) -> tuple[list, list]:
    """Delete `instance` as Django would (cascades, SET_NULL), returning what `put_back` needs to undo it.

    Returns (rows, nulled): every deleted row, parents first, and the links to them that were emptied.
    Any app's rows follow without a change here, because Django's own deletion collector finds them.
    """
    collector = Collector(using="default", origin=instance)
    collector.collect([instance])
    collector.sort()
    rows = []
    # The collector deletes children first; putting back goes the other way round.
    for model, instances in reversed(list(collector.data.items())):
        rows += [[model._meta.label, row_values(row)] for row in sorted(instances, key=lambda r: r.pk)]
    for queryset in collector.fast_deletes:
        rows += [[queryset.model._meta.label, row_values(row)] for row in queryset]
    nulled = []
    for (field, _value), batches in collector.field_updates.items():
        pairs = []
        for batch in batches:
            if isinstance(batch, models.QuerySet):
                pairs += batch.values_list("pk", field.attname)
            else:
                pairs += [(row.pk, getattr(row, field.attname)) for row in batch]
        nulled.append([field.model._meta.label, field.attname, sorted(set(pairs))])
    collector.delete()
    return rows, nulled


def put_back(rows: list, nulled: list) -> None:
    """Recreate the rows `delete_keeping_rows` removed and re-link the rows that pointed at them."""
    rows = _without_missing_links(rows)
    by_model: dict[str, list] = {}
    for label, row in rows:
        by_model.setdefault(label, []).append(row)
    for label, values in by_model.items():
        model = apps.get_model(label)
        model.objects.bulk_create([model(**row) for row in values])
        # Inserting stamps auto_now fields with the current time: give them back their own.
        stamped = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        stamped += [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
        if stamped:
            model.objects.bulk_update([model(**row) for row in values], stamped, batch_size=500)
    for label, column, pairs in nulled:
        model = apps.get_model(label)
        by_target: dict = {}
        for pk, target in pairs:
            by_target.setdefault(target, []).append(pk)
        for target, ids in by_target.items():
            for start in range(0, len(ids), 500):
                model.objects.filter(pk__in=ids[start : start + 500]).update(**{column: target})


def _without_missing_links(rows: list) -> list:
    """What points at a row removed since (an erased meeting, a deleted circle) loses that link, or goes."""
    wanted: dict = {}
    for label, row in rows:
        for column in apps.get_model(label)._meta.concrete_fields:
            if column.is_relation and row.get(column.attname) is not None:
                wanted.setdefault(column.related_model, set()).add(row[column.attname])
    kept_here: dict = {}
    for label, row in rows:
        kept_here.setdefault(apps.get_model(label), set()).add(row.get("id"))
    existing = {
        model: set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        | kept_here.get(model, set())
        for model, ids in wanted.items()
    }
    result = []
    for label, row in rows:
        row = dict(row)
        whole = True
        for column in apps.get_model(label)._meta.concrete_fields:
            value = row.get(column.attname)
            if column.is_relation and value is not None and value not in existing[column.related_model]:
                if not column.null:
                    whole = False
                    break
                row[column.attname] = None
        if whole:
            result.append([label, row])
    return result
