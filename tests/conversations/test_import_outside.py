"""Imports run outside the web server's process, under a memory limit, and never stay "importing" forever."""

import sys
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kenal.conversations import services
from kenal.conversations.importer import Steps, chats_import
from kenal.conversations.management.commands import import_run
from kenal.conversations.models import ImportFile, ImportRun, Message
from kenal.lib.chats.scan import ChatExport

LINES = [
    f"{day:02d}/03/26 09.{minute:02d} - {'Yuna Kristina' if minute % 2 else 'Alice'}: pesan {day} {minute}"
    for day in (11, 12, 13)
    for minute in range(20)
]
CHAT = "\n".join(LINES) + "\n"  # 60 messages


def _upload(workspace, alice):
    return services.import_upload_start(
        workspace=workspace,
        user=alice,
        source="whatsapp",
        name="WhatsApp Chat with Yuna Kristina.txt",
        chunks=[CHAT.encode()],
        me=["Alice"],
    )


def test_a_killed_import_is_failed_once_its_lease_is_over_and_a_rerun_adds_exactly_the_rest(
    alice_client, workspace, alice, tmp_path, monkeypatch
):
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_text(CHAT, encoding="utf-8")
    export = ChatExport(source="whatsapp", path=path, tz=ZoneInfo("Asia/Jakarta"))
    # `kenal import` as the command starts it: running, under a lease; it stops after one batch of 25.
    run = ImportRun.objects.create(
        workspace=workspace,
        user=alice,
        source="whatsapp",
        status=ImportRun.Status.RUNNING,
        lease_until=timezone.now() + services.LEASE,
    )
    half = chats_import(
        export=export, workspace=workspace, user=alice, me=["Alice"], run=run, steps=Steps(25, 1)
    )
    assert not half.finished and Message.objects.count() == 25
    # Killed there: nobody renews the lease. While it lasts, the run is importing...
    page = alice_client.get(reverse("conversations:import"))
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.RUNNING
    ImportRun.objects.filter(pk=run.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    # ...once it is over, listing the runs says it failed, and why.
    page = alice_client.get(reverse("conversations:import"), HTTP_ACCEPT_LANGUAGE="en")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.lease_until is None
    assert ImportFile.objects.get(run=run).error == services.INTERRUPTED
    assert page.status_code == 200
    page = alice_client.get(reverse("conversations:run", args=[run.pk]))
    assert "impor terhenti sebelum selesai" in page.content.decode()  # in the reader's language
    again = chats_import(export=export, workspace=workspace, user=alice, me=["Alice"])
    assert (again.new, again.duplicates) == (35, 25)
    assert Message.objects.count() == 60  # exactly the file's messages


def test_the_command_line_import_holds_a_lease_and_lets_go_when_done(alice, workspace, tmp_path, monkeypatch):
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    seen = []
    original = services.Heartbeat.__call__

    def beat(self, line=0):
        seen.append(ImportRun.objects.get(pk=self.run_id).lease_until)
        original(self, line)

    monkeypatch.setattr(services.Heartbeat, "__call__", beat)
    monkeypatch.setattr("kenal.conversations.importer.BATCH_SIZE", 20)
    call_command("import", "whatsapp", str(path), "--user", alice.email, "--json", stdout=sys.stderr)
    assert seen and all(lease is not None and lease > timezone.now() for lease in seen)
    run = ImportRun.objects.get()
    assert (run.status, run.lease_until) == (ImportRun.Status.DONE, None)


def test_a_worker_that_dies_fails_its_run_at_once_with_the_reason(workspace, alice, monkeypatch):
    run = _upload(workspace, alice)
    killed = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    monkeypatch.setattr(import_run, "worker_command", lambda run: killed)
    call_command("import_run", run.pk, stderr=sys.stderr)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.files.get().error == "the import process stopped unexpectedly (signal 9)"


def test_the_worker_runs_under_the_memory_limit(workspace, alice, monkeypatch, settings):
    """A worker asking for 2 GB under a 300 MB limit gets a MemoryError; the run says it ran out of memory."""
    settings.IMPORT_MEMORY_MB = 300
    run = _upload(workspace, alice)
    greedy = [
        sys.executable,
        "-c",
        "import sys\ntry:\n    bytearray(2 * 1024**3)\nexcept MemoryError:\n    sys.exit(3)",
    ]
    monkeypatch.setattr(import_run, "worker_command", lambda run: greedy)
    call_command("import_run", run.pk, stderr=sys.stderr)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.files.get().error == "the import needed more than 300 MB of memory and was stopped"


@pytest.mark.skipif(
    "sqlite" in connection.settings_dict["ENGINE"],
    reason="the child process needs a database it can open: PostgreSQL's test database",
)
def test_an_upload_is_imported_by_a_child_process(transactional_db, alice_client, workspace, alice, settings):
    """The real thing: the run page starts `kenal import_run`, which imports every message on its own."""
    settings.IMPORT_IN_PROCESS = False
    run = _upload(workspace, alice)
    page = alice_client.get(reverse("conversations:run", args=[run.pk]))
    assert page.status_code == 200
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status not in (ImportRun.Status.PENDING, ImportRun.Status.RUNNING):
            break
        time.sleep(0.5)
    assert run.status == ImportRun.Status.DONE, run.files.get().error
    assert Message.objects.filter(workspace=workspace).count() == 60
    assert run.lease_until is None


def test_kenal_import_runs_lists_a_killed_run_as_failed(alice, workspace):
    import json
    from io import StringIO

    run = ImportRun.objects.create(
        workspace=workspace,
        user=alice,
        source="whatsapp",
        status=ImportRun.Status.RUNNING,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    ImportFile.objects.create(workspace=workspace, run=run, name="chat.txt")
    out = StringIO()
    call_command("import", "runs", "--user", alice.email, "--json", stdout=out)
    [listed] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (listed["id"], listed["status"]) == (run.pk, "failed")
    assert listed["files"][0]["error"] == services.INTERRUPTED
