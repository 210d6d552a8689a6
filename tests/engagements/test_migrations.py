"""The migrations that make the keys real keep the links users made, and drop ids of other workspaces."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("engagements", "0002_initial"),
    ("network", "0001_initial"),
    ("conversations", "0005_message_no_parallel_scans"),
]
AFTER = [("engagements", "0004_remove_engagement_referral"), ("network", "0002_referral_engagements")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The apps not named stay at their latest migration: their models must be the latest ones too.
    named = {app for app, _name in targets}
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in named]
    return executor.loader.project_state(targets + others).apps


@pytest.mark.django_db(transaction=True)
def test_referral_links_and_own_workspace_messages_survive_the_migration():
    old = _migrate(BEFORE)
    Workspace = old.get_model("accounts", "Workspace")
    Person = old.get_model("people", "Person")
    Referral = old.get_model("network", "Referral")
    Engagement = old.get_model("engagements", "Engagement")
    ClientRequest = old.get_model("engagements", "ClientRequest")
    Conversation = old.get_model("conversations", "Conversation")
    Message = old.get_model("conversations", "Message")
    ours, theirs = Workspace.objects.create(name="Ours"), Workspace.objects.create(name="Theirs")
    budi = Person.objects.create(workspace=ours, full_name="Budi Santoso")
    lars = Person.objects.create(workspace=ours, full_name="Lars Eriksen")
    referral = Referral.objects.create(
        workspace=ours, introducer=budi, introduced=lars, introduced_on="2026-01-05"
    )
    web = Engagement.objects.create(workspace=ours, title="Web", person=lars, referral=referral)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    mine = Message.objects.create(
        workspace=ours,
        conversation=Conversation.objects.create(
            workspace=ours, source="whatsapp", title="L", thread_key="l"
        ),
        direction="them",
        at=at,
        text="Bisa tambah halaman?",
        fingerprint="a",
    )
    foreign = Message.objects.create(
        workspace=theirs,
        conversation=Conversation.objects.create(
            workspace=theirs, source="whatsapp", title="X", thread_key="x"
        ),
        direction="them",
        at=at,
        text="private",
        fingerprint="b",
    )
    kept = ClientRequest.objects.create(
        workspace=ours, engagement=web, text="Tambah halaman", requested_on="2026-03-02", message_id=mine.pk
    )
    dropped = ClientRequest.objects.create(
        workspace=ours, engagement=web, text="Lain", requested_on="2026-03-02", message_id=foreign.pk
    )
    try:
        new = _migrate(AFTER)
        NewReferral = new.get_model("network", "Referral")
        NewRequest = new.get_model("engagements", "ClientRequest")
        assert list(NewReferral.objects.get(pk=referral.pk).engagements.values_list("pk", flat=True)) == [
            web.pk
        ]
        assert NewRequest.objects.get(pk=kept.pk).message_id == mine.pk
        assert NewRequest.objects.get(pk=dropped.pk).message_id is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
