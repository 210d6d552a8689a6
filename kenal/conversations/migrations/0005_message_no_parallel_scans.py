"""No parallel scans of the messages table on PostgreSQL.

Searches walk the messages newest first and stop at a page; a parallel backward index scan spends about
55 ms starting its workers, where the walk itself takes 4 ms (2,000,000 messages). Pages never scan the
whole table, so parallel workers only ever slowed them down.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE conversations_message SET (parallel_workers = 0)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE conversations_message RESET (parallel_workers)")


class Migration(migrations.Migration):
    dependencies = [("conversations", "0004_message_indexes")]

    operations = [migrations.RunPython(forward, backward)]
