"""Several small lists of rows in one query, so a page's query count stays fixed as its blocks grow."""

from __future__ import annotations

from datetime import UTC

from django.db.models import F, QuerySet, Value
from django.db.models.fields import CharField
from django.db.models.functions import JSONObject


def fetch_at_once(pieces: dict[str, QuerySet], extra: dict[str, dict] | None = None) -> dict[str, list]:
    """Run each queryset (ordered, sliced or not) as one UNION ALL; model instances back, in each one's order.

    `extra` adds values from related rows to a piece's instances as attributes: {"notes": {"author_name":
    F("author__name")}}. Only the rows' own fields are loaded, so follow no relation on the instances.
    """
    extra = extra or {}
    parts = []
    for key, queryset in pieces.items():
        model = queryset.model
        fields = {field.attname: F(field.attname) for field in model._meta.concrete_fields}
        if queryset.query.is_sliced:
            # Compound statements cannot hold a LIMIT on SQLite: the slice picks the rows in a subquery.
            queryset = model._base_manager.filter(pk__in=queryset.values("pk"))
        parts.append(
            queryset.order_by()
            .annotate(
                piece=Value(key, output_field=CharField()), row=JSONObject(**fields, **extra.get(key, {}))
            )
            .values_list("piece", "row")
        )
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found: dict[str, list] = {key: [] for key in pieces}
    for key, row in rows:
        found[key].append(_instance(pieces[key].model, row, extra.get(key, {})))
    for key, queryset in pieces.items():
        _sort(found[key], list(queryset.query.order_by or queryset.model._meta.ordering))
    return found


def _instance(model, row: dict, extra: dict):
    values = {}
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if value is not None:
            value = field.to_python(value)
            if field.get_internal_type() == "DateTimeField" and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without its zone
        values[field.attname] = value
    instance = model(**values)
    instance._state.adding = False
    for name in extra:
        setattr(instance, name, row.get(name))
    return instance


def _sort(instances: list, ordering: list[str]) -> None:
    # Stable sorts from the last key to the first give the order of the whole ORDER BY.
    for name in reversed(ordering):
        descending = name.startswith("-")
        attribute = name.lstrip("-")
        attribute = "pk" if attribute == "pk" else attribute
        instances.sort(key=lambda item, a=attribute: _key(getattr(item, a)), reverse=descending)


def _key(value):
    return (value is not None, value if value is not None else 0)
