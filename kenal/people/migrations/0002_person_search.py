"""Trigram indexes for people search: FTS5 (trigram tokenizer) on SQLite, pg_trgm GIN indexes on PostgreSQL.

They cover names, nickname, organization names, contact points (with a phone's digits alone, so "0812 3456"
finds "+62812-3456…") and note bodies. On SQLite, triggers keep the FTS tables in step with every write,
bulk ones included; PostgreSQL keeps its indexes itself.
"""

from django.db import migrations

# SQLite has no regexp_replace: the separators people type in phone numbers, removed one by one.
_DIGITS = "replace(replace(replace(replace(replace(replace({v}, '+', ''), '-', ''), ' ', ''), '(', ''), ')', ''), '.', '')"
_CONTACT = "{v} || ' ' || " + _DIGITS


def _external(table: str, columns: list[str]) -> list[str]:
    # An external-content FTS5 table holds only the index; the text stays in the table itself.
    fts = f"{table}_fts"
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({names}, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _contact_points() -> list[str]:
    # Contentless, because what it indexes (the value, then its digits) is computed, not a column.
    fts = "people_contactpoint_fts"
    new, old = _CONTACT.format(v="new.value"), _CONTACT.format(v="old.value")
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(value, content='', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON people_contactpoint BEGIN "
        f"INSERT INTO {fts}(rowid, value) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON people_contactpoint BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, value) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF value ON people_contactpoint BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, value) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, value) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}(rowid, value) SELECT id, {_CONTACT.format(v='value')} FROM people_contactpoint",
    ]


SQLITE_FORWARD = [
    *_external("people_person", ["full_name", "nickname"]),
    *_external("people_organization", ["name"]),
    *_external("people_note", ["body"]),
    *_contact_points(),
]
SQLITE_BACKWARD = [
    f"DROP {kind} IF EXISTS {table}_fts{suffix}"
    for table in ("people_person", "people_organization", "people_note", "people_contactpoint")
    for kind, suffix in (("TRIGGER", "_insert"), ("TRIGGER", "_delete"), ("TRIGGER", "_update"), ("TABLE", ""))
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # One expression per table, so one index scan serves the whole condition (two in a BitmapOr cost
    # PostgreSQL's estimate as much as reading the table).
    "CREATE INDEX IF NOT EXISTS people_person_names_trgm "
    "ON people_person USING GIN ((full_name || ' ' || nickname) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS people_contactpoint_value_trgm ON people_contactpoint "
    "USING GIN ((value || ' ' || regexp_replace(value, '[^0-9]', '', 'g')) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS people_organization_name_trgm "
    "ON people_organization USING GIN (name gin_trgm_ops)",
    # Only shared notes are ever searched: private ones stay out of the index altogether.
    "CREATE INDEX IF NOT EXISTS people_note_body_trgm "
    "ON people_note USING GIN (body gin_trgm_ops) WHERE visibility = 'shared'",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS people_person_names_trgm",
    "DROP INDEX IF EXISTS people_contactpoint_value_trgm",
    "DROP INDEX IF EXISTS people_organization_name_trgm",
    "DROP INDEX IF EXISTS people_note_body_trgm",
]


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD, POSTGRES_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD, POSTGRES_BACKWARD)


def _run(schema_editor, sqlite, postgres):
    vendor = schema_editor.connection.vendor
    statements = sqlite if vendor == "sqlite" else postgres if vendor == "postgresql" else []
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
