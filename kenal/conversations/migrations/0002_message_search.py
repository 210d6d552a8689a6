"""Full-text search over messages: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # An external-content FTS5 table: it holds only the index, the text stays in conversations_message.
    "CREATE VIRTUAL TABLE IF NOT EXISTS conversations_message_fts USING fts5("
    "text, content='conversations_message', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS conversations_message_fts_insert AFTER INSERT ON conversations_message BEGIN "
    "INSERT INTO conversations_message_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS conversations_message_fts_delete AFTER DELETE ON conversations_message BEGIN "
    "INSERT INTO conversations_message_fts(conversations_message_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS conversations_message_fts_update AFTER UPDATE OF text ON conversations_message BEGIN "
    "INSERT INTO conversations_message_fts(conversations_message_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO conversations_message_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO conversations_message_fts(conversations_message_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS conversations_message_fts_insert",
    "DROP TRIGGER IF EXISTS conversations_message_fts_delete",
    "DROP TRIGGER IF EXISTS conversations_message_fts_update",
    "DROP TABLE IF EXISTS conversations_message_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS conversations_message_text_fts "
    "ON conversations_message USING GIN (to_tsvector('simple', text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS conversations_message_text_fts"]


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
    dependencies = [("conversations", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
