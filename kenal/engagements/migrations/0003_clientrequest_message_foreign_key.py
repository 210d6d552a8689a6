"""ClientRequest.message_id was a bare integer; it becomes a real foreign key to conversations.Message.

Ids that name no message of the request's own workspace (deleted, or another workspace's) are dropped.
"""

import django.db.models.deletion
from django.db import migrations, models


def keep_messages_of_the_same_workspace(apps, schema_editor):
    ClientRequest = apps.get_model("engagements", "ClientRequest")
    Message = apps.get_model("conversations", "Message")
    linked = ClientRequest.objects.filter(legacy_message_id__isnull=False)
    for request in linked.only("pk", "workspace_id", "legacy_message_id").iterator():
        found = Message.objects.filter(pk=request.legacy_message_id, workspace_id=request.workspace_id).exists()
        if found:
            ClientRequest.objects.filter(pk=request.pk).update(message_id=request.legacy_message_id)


def back_to_ids(apps, schema_editor):
    ClientRequest = apps.get_model("engagements", "ClientRequest")
    ClientRequest.objects.filter(message__isnull=False).update(legacy_message_id=models.F("message_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("engagements", "0002_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="clientrequest", old_name="message_id", new_name="legacy_message_id"),
        migrations.AddField(
            model_name="clientrequest",
            name="message",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="conversations.message",
                verbose_name="message it came from",
            ),
        ),
        migrations.RunPython(keep_messages_of_the_same_workspace, back_to_ids, elidable=True),
        migrations.RemoveField(model_name="clientrequest", name="legacy_message_id"),
    ]
