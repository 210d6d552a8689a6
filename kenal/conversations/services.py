"""Writes about conversations: uploads imported step by step, and resolving unmatched senders."""

import hashlib
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kenal.conversations.models import (
    Conversation,
    ImportFile,
    ImportRun,
    Message,
    ReplyTime,
    UnmatchedSender,
)
from kenal.lib import registry
from kenal.lib import responsiveness as rs
from kenal.people.models import Person


@transaction.atomic
def unmatched_link(*, unmatched: UnmatchedSender, person: Person) -> int:
    """Link a sender to a person: their messages and one-to-one chats follow; returns messages linked."""
    from kenal.people.services import person_contact_touch

    if person.workspace_id != unmatched.workspace_id:
        raise ValueError("person from another workspace")
    unmatched.person = person
    unmatched.status = UnmatchedSender.Status.LINKED
    unmatched.save(update_fields=["person", "status"])
    messages = Message.objects.filter(
        workspace_id=unmatched.workspace_id,
        sender=unmatched.name,
        sender_address=unmatched.address,
        direction=Message.Direction.THEM,
        person__isnull=True,
    )
    conversation_ids = set(messages.values_list("conversation_id", flat=True).distinct())
    linked = messages.update(person=person)
    Conversation.objects.filter(pk__in=conversation_ids, person__isnull=True, is_group=False).update(
        person=person
    )
    if unmatched.last_at:
        person_contact_touch(people_ids=[person.pk], at=unmatched.last_at)
    return linked


@transaction.atomic
def unmatched_create_person(*, unmatched: UnmatchedSender, user) -> Person:
    """Create a person named as the sender wrote themselves, and link them; a number someone has is refused."""
    from kenal.lib.phones import normalize_phone
    from kenal.people.services import person_save

    phone = normalize_phone(unmatched.name) if unmatched.name[:1] in "+0123456789" else None
    person = person_save(
        workspace=unmatched.workspace,
        user=user,
        full_name=unmatched.name or unmatched.address,
        phones=[phone] if phone else [],
        emails=[unmatched.address] if "@" in unmatched.address else [],
    )
    unmatched_link(unmatched=unmatched, person=person)
    return person


@transaction.atomic
def conversation_me_set(*, conversation: Conversation, sender: str, replace: bool = True) -> int:
    """Take `sender` as the user in a chat ("" for none of its senders) and read the chat again: directions,
    reply times and promise suggestions follow. Returns how many messages changed direction.

    With `replace=False` the sender is the user too, beside whoever already is (a second number of theirs).
    """
    from kenal.conversations.importer import Identities
    from kenal.conversations.selectors import working_hours

    conversation = (
        Conversation.objects.select_for_update().select_related("workspace").get(pk=conversation.pk)
    )
    workspace = conversation.workspace
    if sender and sender not in conversation.participants:
        raise ValidationError(_("%(name)s did not write in this chat.") % {"name": sender})
    messages = Message.objects.filter(conversation=conversation).exclude(kind=Message.Kind.SYSTEM)
    changed = 0
    if sender:
        changed += (
            messages.filter(sender=sender)
            .exclude(direction=Message.Direction.ME)
            .update(direction="me", person=None)
        )
        UnmatchedSender.objects.filter(
            workspace=workspace, name=sender, status=UnmatchedSender.Status.OPEN
        ).update(status=UnmatchedSender.Status.ME)
    # Whoever was me before is one of them now, linked as an import would link them.
    identities = Identities(workspace=workspace)
    was_me = messages.filter(direction=Message.Direction.ME).exclude(sender=sender)
    if not replace:
        was_me = was_me.none()
    for name, address in set(was_me.values_list("sender", "sender_address")):
        person_id = identities.resolve(name, address)[1]
        theirs = was_me.filter(sender=name, sender_address=address)
        if person_id is None:
            _unmatched_add(conversation, name, address, theirs)
        changed += theirs.update(direction=Message.Direction.THEM, person_id=person_id)
    if replace or not conversation.me:
        conversation.me = sender
    others = [name for name in conversation.participants if name and name not in (sender, conversation.me)]
    conversation.is_group = len(others) > 1
    if conversation.person_id is None and not conversation.is_group:
        conversation.person_id = (
            messages.filter(direction="them", person__isnull=False)
            .values_list("person_id", flat=True)
            .first()
        )
    conversation.save(update_fields=["me", "is_group", "person"])
    hours = working_hours(workspace)
    stamp = _reply_times_stamp(conversation.message_count, conversation.last_at, hours)
    _reply_times_rewrite(workspace, {conversation.pk: stamp}, hours)
    registry.run("conversation_reread", workspace=workspace, conversation=conversation)
    return changed


def _unmatched_add(conversation: Conversation, name: str, address: str, messages) -> None:
    """A sender who is no longer me and matches nobody waits in the sender review."""
    count, last_at = messages.count(), messages.order_by("-at").values_list("at", flat=True).first()
    unmatched, created = UnmatchedSender.objects.get_or_create(
        workspace=conversation.workspace,
        name=name[:300],
        address=address[:300],
        defaults={"source": conversation.source, "message_count": count, "last_at": last_at},
    )
    if not created and unmatched.status != UnmatchedSender.Status.LINKED:
        unmatched.status = UnmatchedSender.Status.OPEN
        unmatched.save(update_fields=["status"])


@transaction.atomic
def unmatched_is_me(*, unmatched: UnmatchedSender) -> int:
    """ "This is me": the sender is the user in every chat they wrote in; returns the chats read again."""
    chats = Conversation.objects.filter(
        pk__in=Message.objects.filter(
            workspace_id=unmatched.workspace_id, sender=unmatched.name, sender_address=unmatched.address
        ).values("conversation_id")
    )
    for conversation in chats:
        # Where someone else is already me (another of the user's numbers), both are.
        replace = conversation.me in ("", unmatched.name)
        conversation_me_set(conversation=conversation, sender=unmatched.name, replace=replace)
    unmatched.status = UnmatchedSender.Status.ME
    unmatched.save(update_fields=["status"])
    return len(chats)


def run_me_none(*, run: ImportRun, conversation: Conversation) -> None:
    """ "None of these is me" for a chat of an import: it stays as read, and the question is not asked again."""
    answered = set((run.options or {}).get("me_none", []))
    run.options = {**(run.options or {}), "me_none": sorted(answered | {conversation.pk})}
    run.save(update_fields=["options"])


def unmatched_ignore(*, unmatched: UnmatchedSender) -> None:
    unmatched.status = UnmatchedSender.Status.IGNORED
    unmatched.save(update_fields=["status"])


STEP_BATCHES = 10  # batches of importer.BATCH_SIZE messages per poll of the run page
STEP_SECONDS = 2.0  # and never much longer than this: the page polls again right after
LEASE = timedelta(seconds=60)


def import_upload_start(
    *, workspace, user, source: str, name: str, chunks: Iterable[bytes], me: list[str], fmt: str | None = None
) -> ImportRun:
    """Keep an uploaded export and queue it: the run page's polls import it, a few batches at a time."""
    from kenal.conversations.originals import upload_store_stream

    upload = upload_store_stream(workspace=workspace, name=Path(name).name, chunks=chunks, user=user)
    with transaction.atomic():
        run = ImportRun.objects.create(
            workspace=workspace,
            user=user,
            source=source,
            status=ImportRun.Status.PENDING,
            options={"me": [value for value in me if value], "tz": workspace.timezone, "fmt": fmt},
        )
        ImportFile.objects.create(workspace=workspace, run=run, upload=upload, name=Path(name).name[:500])
    return run


def import_run_step(
    *, run: ImportRun, max_batches: int = STEP_BATCHES, seconds: float = STEP_SECONDS
) -> bool:
    """Import the next batches of a queued run in this process; False if someone else holds it.

    The web runs imports in a child process (`import_run_launch`); this in-process step is for settings
    without one (IMPORT_IN_PROCESS, tests on an in-memory database). Resumable: each file remembers how
    many messages it stored (in the same transaction as the batch), and the pipeline is idempotent, so a
    step that dies half way loses nothing and duplicates nothing.
    """
    if not _claim(run):
        return False
    try:
        _import_files(run, max_batches=max_batches, deadline=time.monotonic() + seconds)
        return True
    finally:
        ImportRun.objects.filter(pk=run.pk).update(lease_until=None)


def import_run_work(*, run: ImportRun) -> None:
    """A child process's whole job: import a claimed run to its end, renewing the lease as batches go by."""
    heartbeat = Heartbeat(run)
    try:
        _import_files(run, on_progress=heartbeat)
    finally:
        ImportRun.objects.filter(pk=run.pk).update(lease_until=None)


class Heartbeat:
    """Renews a run's lease every quarter lease while it works, so a run whose importer died is seen."""

    def __init__(self, run: ImportRun):
        self.run_id = run.pk
        self.last = time.monotonic()

    def __call__(self, line: int = 0) -> None:
        if time.monotonic() - self.last >= LEASE.total_seconds() / 4:
            self.last = time.monotonic()
            ImportRun.objects.filter(pk=self.run_id).update(lease_until=timezone.now() + LEASE)


def _claim(run: ImportRun) -> bool:
    """Take a waiting run (or one nobody holds) for LEASE; False when another process holds it."""
    now = timezone.now()
    return bool(
        ImportRun.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            pk=run.pk,
            status__in=[ImportRun.Status.PENDING, ImportRun.Status.RUNNING],
        ).update(lease_until=now + LEASE, status=ImportRun.Status.RUNNING)
    )


def _import_files(run: ImportRun, *, max_batches=None, deadline=None, on_progress=None) -> bool:
    """Import the run's unfinished files as far as the limits allow; True when the run is finished."""
    from kenal.conversations.importer import Steps, chats_import, run_finish
    from kenal.lib.chats.scan import ChatExport, count_items

    failed = False
    options = run.options or {}
    tz = _zone(options.get("tz") or run.workspace.timezone)
    for import_file in run.files.filter(done=False).select_related("upload", "run__workspace"):
        with _local_copy(import_file.upload) as path:
            export = ChatExport(
                source=run.source, path=path, tz=tz, name=import_file.name, fmt=options.get("fmt")
            )
            try:
                if not import_file.total:
                    import_file.total = count_items(export)
                    ImportFile.objects.filter(pk=import_file.pk).update(total=import_file.total)
                report = chats_import(
                    export=export,
                    workspace=run.workspace,
                    user=run.user,
                    me=options.get("me") or [],
                    import_file=import_file,
                    steps=Steps(max_batches=max_batches, deadline=deadline, on_progress=on_progress),
                )
            except ValueError as error:
                ImportFile.objects.filter(pk=import_file.pk).update(error=str(error)[:2000], done=True)
                failed = True
                continue
        if not report.finished or (deadline is not None and time.monotonic() >= deadline):
            return False
    run.refresh_from_db(fields=["status"])
    run_finish(run=run, failed=failed or run.files.exclude(error="").exists())
    return True


# Why a run stopped, stored in English on its unfinished files and translated where shown (kenal.web.problems).
INTERRUPTED = "the import was interrupted before it finished"
OUT_OF_MEMORY = "the import needed more than {limit} MB of memory and was stopped"
STOPPED = "the import process stopped unexpectedly ({how})"


def import_run_fail(*, run: ImportRun, reason: str) -> None:
    """Mark a run failed, its unfinished files saying why; what they stored stays, and a re-run adds the rest."""
    with transaction.atomic():
        ImportFile.objects.filter(run=run, done=False, error="").update(error=reason[:2000], done=True)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, finished_at=timezone.now(), lease_until=None
        )


def import_runs_expire(*, workspace) -> int:
    """Runs whose importer died without a word (killed, the machine restarted): failed once their lease is
    over, never "importing" forever. Called wherever runs are listed; returns how many."""
    stale = ImportRun.objects.filter(
        workspace=workspace, status=ImportRun.Status.RUNNING, lease_until__lt=timezone.now()
    )
    count = 0
    for run in stale:
        import_run_fail(run=run, reason=INTERRUPTED)
        count += 1
    return count


_children: list = []  # child processes started here, reaped on the next launch


def import_run_launch(*, run: ImportRun) -> bool:
    """Start a child process (`kenal import_run RUN_ID`) that imports the run to its end, under a memory
    limit and outside the web server's process; False when a process already holds the run."""
    import os
    import subprocess
    import sys

    from django.conf import settings
    from django.db import connection

    _children[:] = [child for child in _children if child.poll() is None]
    if not _claim(run):
        return False
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE")
        or settings.SETTINGS_MODULE
        or "kenal.settings",
        # The child opens the database this process uses (under tests, the test database).
        "KENAL_DATABASE_NAME": str(connection.settings_dict["NAME"]),
    }
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "kenal", "import_run", str(run.pk)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # a request's end, or the server's restart, does not stop it
        )
    except OSError as error:
        import_run_fail(run=run, reason=STOPPED.format(how=str(error)))
        return True
    _children.append(child)
    return True


def import_in_process() -> bool:
    """True where a child process could not see the database (in-memory SQLite) or settings ask for it."""
    from django.conf import settings
    from django.db import connection

    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name)
    return getattr(settings, "IMPORT_IN_PROCESS", False) or in_memory


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Jakarta")


@contextmanager
def _local_copy(upload) -> Iterator[Path]:
    """A path to the stored original: the file itself on disk storage, a temporary copy otherwise."""
    if upload is None:
        raise ValueError("the original file of this import is gone")
    try:
        local = Path(upload.file.path)
    except NotImplementedError:  # a storage without local paths (S3, say)
        local = None
    if local is not None:
        yield local
        return
    with tempfile.TemporaryDirectory(prefix="kenal-import-") as folder:
        path = Path(folder) / Path(upload.original_name).name
        with upload.file.open("rb") as source, open(path, "wb") as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        yield path


REPLY_TIMES_CHUNK = 200  # conversations re-read in one transaction


def reply_times_refresh(*, workspace, conversations: Iterable[Conversation], hours: rs.WorkingHours) -> bool:
    """Recompute the stored reply times of the conversations whose messages or working hours changed.

    Pages read the stored rows instead of every message; whatever wrote the messages (an import, the demo,
    a webhook), the first page that needs them brings them up to date. True when anything was recomputed.
    """
    stamps = {
        conversation.pk: stamp
        for conversation in conversations
        if (stamp := _reply_times_stamp(conversation.message_count, conversation.last_at, hours))
        != conversation.reply_times_of
    }
    stale = sorted(stamps)
    for start in range(0, len(stale), REPLY_TIMES_CHUNK):
        _reply_times_rewrite(
            workspace, {pk: stamps[pk] for pk in stale[start : start + REPLY_TIMES_CHUNK]}, hours
        )
    return bool(stale)


def _reply_times_stamp(count: int, last_at, hours: rs.WorkingHours) -> str:
    return hashlib.sha1(f"{count}|{last_at and last_at.timestamp()}|{hours!r}".encode()).hexdigest()


@transaction.atomic
def _reply_times_rewrite(workspace, stamps: dict[int, str], hours: rs.WorkingHours) -> None:
    # Locked, so two pages refreshing the same conversations at once don't both insert their rows.
    locked = list(
        Conversation.objects.select_for_update().filter(pk__in=list(stamps)).values_list("pk", flat=True)
    )
    rows = (
        Message.objects.filter(conversation_id__in=locked, kind=Message.Kind.TEXT)
        .order_by("conversation_id", "at", "pk")
        .values_list("conversation_id", "id", "at", "direction", "kind")
        .iterator(chunk_size=5000)
    )
    analysis = rs.analyse(rows, hours=hours)
    ReplyTime.objects.filter(conversation_id__in=locked).delete()
    ReplyTime.objects.bulk_create(
        [
            ReplyTime(
                workspace=workspace, conversation_id=start.conversation_id, side=start.side, at=start.at
            )
            for start in analysis.start_events
        ]
        + [
            ReplyTime(
                workspace=workspace,
                conversation_id=reply.conversation_id,
                side=reply.side,
                at=reply.at,
                seconds=reply.seconds,
                working_seconds=reply.working_seconds,
            )
            for reply in analysis.replies
        ],
        batch_size=1000,
    )
    for pk in locked:
        Conversation.objects.filter(pk=pk).update(reply_times_of=stamps[pk])
