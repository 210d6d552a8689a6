"""The write stage of an import: what a scan of an export yields, stored in batches with senders matched.

The scan (`kenal.lib.chats.scan`) reads the file without the database; a dry run is that scan alone. Here
each batch of scanned messages is deduplicated against what the workspace holds, written in its own
transaction with the file's progress, so an upload imported a few batches per request resumes exactly.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from kenal.conversations.models import Conversation, ImportFile, ImportRun, Message, UnmatchedSender
from kenal.conversations.originals import keep_original
from kenal.lib import registry
from kenal.lib.chats import fingerprint
from kenal.lib.chats.base import ChatMessage
from kenal.lib.chats.scan import ChatExport, FileReport, Scan, me_in_export, message_title
from kenal.lib.phones import normalize_phone
from kenal.lib.salutations import address_keys, sender_key

BATCH_SIZE = 2000


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class Identities:
    """Who is who: the user's own names and numbers, and the workspace's people by phone, email or name."""

    def __init__(self, *, workspace=None, me_names: Iterable[str] = (), me_phones: Iterable[str] = ()):
        self.me_names: set[str] = set()
        self.me_phones: set[str] = set()
        self.me_emails: set[str] = set()
        for value in [*me_names, *me_phones]:
            self._add_me(value)
        self.by_phone: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, int | None] = {}
        self.by_address: dict[str, int | None] = {}  # "bu ratna": how people are addressed
        self.by_sender: dict[tuple[str, str], int | None] = {}
        self.cache: dict[tuple[str, str], tuple[str, int | None]] = {}
        if workspace is not None:
            self._load(workspace)

    def _add_me(self, value: str) -> None:
        value = value.strip()
        if not value:
            return
        if "@" in value:
            self.me_emails.add(value.casefold())
        phone = normalize_phone(value) if value[:1] in "+0123456789(" else None
        if phone:
            self.me_phones.add(phone)
        self.me_names.add(value.casefold())

    def _load(self, workspace) -> None:
        from kenal.people.models import ContactPoint, Person

        people = Person.objects.filter(workspace=workspace).values_list(
            "id", "full_name", "nickname", "salutation"
        )
        for person_id, full_name, nickname, salutation in people.iterator():
            for name in {full_name.casefold().strip(), nickname.casefold().strip()} - {""}:
                _add_unique(self.by_name, name, person_id)
            # "Bu Ratna" in a chat is the person Kenal addresses as Bu Ratna (nickname or first name).
            for key in address_keys(full_name=full_name, nickname=nickname, salutation=salutation):
                _add_unique(self.by_address, key, person_id)
        points = ContactPoint.objects.filter(
            workspace=workspace, kind__in=["phone", "whatsapp", "email", "telegram"]
        )
        for kind, value, person_id in points.values_list("kind", "value", "person_id").iterator():
            if kind in ("phone", "whatsapp"):
                phone = normalize_phone(value)
                if phone:
                    self.by_phone[phone] = person_id
            elif kind == "email":
                self.by_email[value.casefold().strip()] = person_id
            else:
                self.by_name.setdefault(value.casefold().strip().lstrip("@"), person_id)
        for name, address, person_id in UnmatchedSender.objects.filter(
            workspace=workspace, status=UnmatchedSender.Status.LINKED
        ).values_list("name", "address", "person_id"):
            self.by_sender[(name, address)] = person_id

    def is_me(self, sender: str, address: str = "") -> bool:
        return self.resolve(sender, address)[0] == "me"

    def resolve(self, sender: str, address: str = "") -> tuple[str, int | None]:
        """("me" or "them", the matched person's id or None) for a sender as written."""
        key = (sender, address)
        found = self.cache.get(key)
        if found is None:
            found = self._resolve(sender, address)
            self.cache[key] = found
        return found

    def _resolve(self, sender: str, address: str) -> tuple[str, int | None]:
        name = sender.casefold().strip()
        email = address.casefold().strip() if "@" in address else ""
        phone = None
        for candidate in (sender, address):
            if candidate[:1] in "+0123456789(" and not phone:
                phone = normalize_phone(candidate)
        if (
            name in self.me_names
            or (email and email in self.me_emails)
            or (phone and phone in self.me_phones)
        ):
            return "me", None
        if key_person := self.by_sender.get((sender, address)):
            return "them", key_person
        if phone and phone in self.by_phone:
            return "them", self.by_phone[phone]
        if email and email in self.by_email:
            return "them", self.by_email[email]
        if name in self.by_name:
            return "them", self.by_name[name]
        return "them", self.by_address.get(sender_key(sender))


def _add_unique(index: dict[str, int | None], key: str, person_id: int) -> None:
    """Index a name; two people with one name match neither: a wrong link is worse than none."""
    index[key] = None if key in index and index[key] != person_id else person_id


@dataclass(frozen=True)
class Steps:
    """How much of a file one call imports, and who hears how far it got."""

    batch_size: int | None = None  # messages per transaction; BATCH_SIZE when None
    max_batches: int | None = None  # stop after this many batches (an upload's step)
    deadline: float | None = None  # or at this time.monotonic()
    on_progress: Callable[[int], None] | None = None  # called with the file line reached

    def spent(self, batches: int) -> bool:
        return (self.max_batches is not None and batches >= self.max_batches) or (
            self.deadline is not None and time.monotonic() >= self.deadline
        )

    def progress(self, line: int) -> None:
        if self.on_progress is not None:
            self.on_progress(line)


class _Writer:
    """Writes the messages of one file's scan in batches, each batch in its own transaction."""

    def __init__(
        self, *, workspace, export: ChatExport, identities: Identities, import_file: ImportFile, report
    ):
        self.workspace = workspace
        self.source = export.source
        self.identities = identities
        self.import_file = import_file
        self.default_key = export.thread_key
        self.default_title = export.title
        self.report = report
        self.conversations: dict[str, Conversation] = {}
        self.senders: dict[str, Counter] = {}
        self.unmatched: Counter = Counter()
        self.unmatched_last: dict[tuple[str, str], datetime] = {}
        self.batches = 0
        self._db_time = _db_time()
        self._changed: set[str] = set()  # threads the current batch added to
        self._touched: dict[int, datetime] = {}  # people the current batch heard from, and when last

    def write(self, scan: Scan, steps: Steps) -> FileReport:
        """Store what the scan yields after the messages this file already stored, as far as `steps` allow."""
        report = self.report
        report.new, report.duplicates = self.import_file.new, self.import_file.duplicates
        finished = self._write_batches(scan, steps)
        scan.stop()
        report.me = next((name for name in report.participants if self.identities.is_me(name)), None)
        report.finished = finished
        self._finish()
        if finished:
            self._mark_done()
        steps.progress(scan.line)
        return report

    def _write_batches(self, scan: Scan, steps: Steps) -> bool:
        """Flush batch after batch; False when `steps` ran out before the end of the file."""
        skip, size = self.import_file.progress, steps.batch_size or BATCH_SIZE
        batch: list[tuple[ChatMessage, str]] = []
        batches = 0
        for message, key in scan:
            if scan.read <= skip:
                continue
            batch.append((message, self._stored_key(message, key)))
            if len(batch) < size:
                continue
            self.flush(batch)
            batch = []
            batches += 1
            steps.progress(scan.line)
            if steps.spent(batches):
                return False
        self.flush(batch)
        return True

    def _stored_key(self, message: ChatMessage, key: str) -> str:
        """Chats without ids are told apart by their conversation: "oke" at 09:15 can be in two chats."""
        if message.source_id:
            return key
        return hashlib.sha1(f"{self.default_key}\x1f{key}".encode()).hexdigest()

    def conversation(self, thread_key: str, title: str = "") -> Conversation:
        """The conversation of a thread; `title` (a Telegram chat's name, an email's subject) names a new one."""
        key = thread_key or self.default_key
        conversation = self.conversations.get(key)
        if conversation is None:
            if not title:
                title = self.default_title if not thread_key or self.source != "email" else ""
            conversation, _created = Conversation.objects.get_or_create(
                workspace=self.workspace,
                source=self.source,
                thread_key=key[:400],
                defaults={"title": title[:300]},
            )
            self.conversations[key] = conversation
            self.senders[key] = Counter(dict.fromkeys(conversation.participants or [], 0))
        return conversation

    def flush(self, batch: list[tuple[ChatMessage, str]]) -> None:
        """Store one batch and everything that follows from it, in one transaction."""
        if not batch:
            return
        self._changed, self._touched = set(), {}
        with transaction.atomic():
            rows = [self._row(message, key) for message, key in self._fresh(batch)]
            _insert(rows)
            for thread in self._changed:
                self._save_conversation(thread)
            _touch(self._touched)
            # In the batch's transaction: a resumed import starts exactly after the last stored batch.
            self._save_progress()
            self.batches += 1
            if self.batches % ANALYZE_EVERY == 0:
                refresh_statistics()
            _after_import(workspace=self.workspace, fingerprints=[row[_FINGERPRINT] for row in rows])

    def _fresh(self, batch: list[tuple[ChatMessage, str]]) -> list[tuple[ChatMessage, str]]:
        """The batch's messages the workspace does not hold yet; the others count as duplicates."""
        # Only `fingerprint IN (…)`, filtered by workspace here: with `workspace_id = ?` in the query, SQLite
        # walked the workspace index over every stored message, making a re-import quadratic.
        workspace_id = self.workspace.pk
        existing = {
            key
            for key, owner in Message.objects.filter(fingerprint__in=[key for _message, key in batch])
            .order_by()
            .values_list("fingerprint", "workspace_id")
            if owner == workspace_id
        }
        fresh = []
        for message, key in batch:
            if key in existing:
                if message.kind != "system":
                    self.report.duplicates += 1
                continue
            existing.add(key)
            fresh.append((message, key))
        return fresh

    def _row(self, message: ChatMessage, key: str) -> tuple:
        """A new message as a row in _COLUMNS order, counted into its conversation and sender."""
        conversation = self.conversation(message.thread_key, message_title(message))
        if message.kind == "system":
            direction, person_id = "them", None
        else:
            direction, person_id = self.identities.resolve(message.sender, message.sender_address)
            self._count(message, conversation, direction, person_id)
        # Plain tuples: building a Message instance per row cost a quarter of an import.
        return (
            self.workspace.pk,
            conversation.pk,
            person_id,
            message.sender[:300],
            message.sender_address[:300],
            direction,
            self._db_time(message.at),
            message.text,
            message.raw if message.raw and message.raw != message.text else "",
            message.kind,
            message.edited,
            key,
            message.line,
            self.import_file.pk,
        )

    def _count(self, message: ChatMessage, conversation: Conversation, direction: str, person_id) -> None:
        self.report.new += 1
        thread = message.thread_key or self.default_key
        self._changed.add(thread)
        self.senders[thread][message.sender] += 1
        conversation.message_count += 1
        if conversation.first_at is None or message.at < conversation.first_at:
            conversation.first_at = message.at
        if conversation.last_at is None or message.at > conversation.last_at:
            conversation.last_at = message.at
        if person_id is not None and (
            person_id not in self._touched or self._touched[person_id] < message.at
        ):
            self._touched[person_id] = message.at
        if direction == "them" and person_id is None:
            sender_key = (message.sender[:300], message.sender_address[:300])
            self.unmatched[sender_key] += 1
            if sender_key not in self.unmatched_last or self.unmatched_last[sender_key] < message.at:
                self.unmatched_last[sender_key] = message.at

    def _save_conversation(self, thread: str) -> None:
        conversation = self.conversations[thread]
        counts = self.senders[thread]
        others = [name for name in counts if name and not self.identities.is_me(name)]
        if not conversation.me:
            conversation.me = next((name for name in counts if name and self.identities.is_me(name)), "")
        conversation.participants = sorted(counts)
        conversation.is_group = len(others) > 1
        if not conversation.title:
            conversation.title = ", ".join(others[:4])[:300] or self.default_title[:300]
        if conversation.person_id is None:
            # "WhatsApp Chat with Yuna Kristina" names the person even when others speak in it too.
            conversation.person_id = (
                self.identities.resolve(conversation.title)[1] if conversation.title else None
            )
        if conversation.person_id is None and not conversation.is_group and others:
            conversation.person_id = self.identities.resolve(others[0])[1]
        conversation.save(
            update_fields=[
                "participants",
                "me",
                "is_group",
                "title",
                "person",
                "message_count",
                "first_at",
                "last_at",
            ]
        )

    def _save_progress(self) -> None:
        report = self.report
        ImportFile.objects.filter(pk=self.import_file.pk).update(
            progress=report.messages + report.system, new=report.new, duplicates=report.duplicates
        )

    def _finish(self) -> None:
        """After the batches of one call: people's last contact, and the senders nobody matched."""
        with transaction.atomic():
            touched = {
                c.person_id: c.last_at for c in self.conversations.values() if c.person_id and c.last_at
            }
            _touch(touched)
            for (name, address), count in self.unmatched.items():
                self._save_unmatched(name, address, count)

    def _save_unmatched(self, name: str, address: str, count: int) -> None:
        run, last_at = self.import_file.run, self.unmatched_last[(name, address)]
        unmatched, created = UnmatchedSender.objects.get_or_create(
            workspace=self.workspace,
            name=name,
            address=address,
            defaults={"source": self.source, "message_count": count, "last_at": last_at, "run": run},
        )
        if not created:
            unmatched.message_count += count
            unmatched.last_at = max(filter(None, [unmatched.last_at, last_at]))
            unmatched.run = run
            unmatched.save(update_fields=["message_count", "last_at", "run"])

    def _mark_done(self) -> None:
        """The whole file is stored: its ImportFile keeps the report and the conversation it filled."""
        report, import_file = self.report, self.import_file
        conversation = next(iter(self.conversations.values()), None) or import_file.conversation
        ImportFile.objects.filter(pk=import_file.pk).update(
            conversation=conversation,
            messages=report.messages,
            system=report.system,
            new=report.new,
            duplicates=report.duplicates,
            first_at=report.first_at or "",
            last_at=report.last_at or "",
            participants=report.participants,
            malformed=report.malformed,
            notes=report.notes,
            progress=report.messages + report.system,
            done=True,
        )


def _after_import(*, workspace, fingerprints: list[str]) -> None:
    """What the apps above register to follow newly stored messages, in the same transaction (promise suggestions)."""
    if not fingerprints:
        return
    registry.run(
        "after_import",
        workspace=workspace,
        messages=Message.objects.filter(fingerprint__in=fingerprints).order_by(),
    )


_COLUMNS = (
    "workspace_id",
    "conversation_id",
    "person_id",
    "sender",
    "sender_address",
    "direction",
    "at",
    "text",
    "original",
    "kind",
    "edited",
    "fingerprint",
    "line",
    "import_file_id",
)
_FINGERPRINT = _COLUMNS.index("fingerprint")


ANALYZE_EVERY = 50  # batches between checks of PostgreSQL's table statistics


def refresh_statistics() -> None:
    """ANALYZE the messages table on PostgreSQL when a large share of it is newer than its statistics.

    Without statistics (a fresh table, or autovacuum off) PostgreSQL answered the dedup lookup with a
    sequential scan of every message, 140 ms per batch at a million messages instead of a few ms.
    """
    if connection.vendor != "postgresql":
        return
    table = Message._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_live_tup, n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = %s", [table]
        )
        row = cursor.fetchone()
        if row and row[1] > 10_000 and row[1] > 0.2 * row[0]:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _db_time() -> Callable[[datetime], object]:
    """How an aware datetime goes to the database: as Django's SQLite backend writes it, or as is."""
    if connection.vendor == "sqlite":
        # What DateTimeField.get_db_prep_value does on SQLite (naive UTC text), without its per-value overhead.
        return lambda at: str(at.astimezone(UTC).replace(tzinfo=None))
    at_field = Message._meta.get_field("at")
    return lambda at: at_field.get_db_prep_value(at, connection)


def _insert(rows: list[tuple]) -> None:
    """Insert a batch with one executemany: the ORM's bulk_create spends most of an import compiling SQL."""
    if not rows:
        return
    table = connection.ops.quote_name(Message._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _COLUMNS)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    # ON CONFLICT DO NOTHING is the same on SQLite and PostgreSQL: a racing import never duplicates.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _touch(touched: dict[int, datetime]) -> None:
    """Move people's last contact forward: one update per distinct moment, not per message."""
    from kenal.people.services import person_contact_touch

    by_moment: dict[datetime, list[int]] = {}
    for person_id, at in touched.items():
        by_moment.setdefault(at, []).append(person_id)
    for at, people_ids in by_moment.items():
        person_contact_touch(people_ids=people_ids, at=at)


def chats_import(
    *,
    export: ChatExport,
    workspace,
    user=None,
    me: Iterable[str] = (),
    run: ImportRun | None = None,
    import_file: ImportFile | None = None,
    steps: Steps = Steps(),
) -> FileReport:
    """Import one export file (or email folder) into a workspace; `me` adds names taken as the user's own.

    Without `import_file` the original is kept and a new ImportFile opened (in `run`, or a new run). With it
    (an upload already stored) the import resumes after the messages that file has stored, and stops where
    `steps` say; `report.finished` says whether the file is done. Every count but new/duplicates is
    recomputed by scanning from the start: scanning is cheap, and the repeat counters of identical messages
    must see what came before.
    """
    # A one-to-one export named after the other side says who is me, before the user's settings do; the
    # user's name in the chats imported before comes last.
    by_chat_name = me_in_export(export)
    identities = Identities(
        workspace=workspace,
        me_names=[
            *([by_chat_name] if by_chat_name else []),
            *me,
            *split_lines(getattr(user, "me_names", "")),
            *([] if by_chat_name or me else _me_in_other_chats(workspace)),
        ],
        me_phones=split_lines(getattr(user, "me_phones", "")),
    )
    if import_file is None:
        import_file = _import_file_start(workspace=workspace, user=user, run=run, export=export)
    scan = Scan(export)
    scan.report.import_file_id = import_file.pk
    refresh_statistics()
    writer = _Writer(
        workspace=workspace, export=export, identities=identities, import_file=import_file, report=scan.report
    )
    report = writer.write(scan, steps)
    if report.finished:
        _reply_times_ready(workspace, writer.conversations.values())
    return report


def messages_write(
    *,
    workspace,
    export: ChatExport,
    identities: Identities,
    import_file: ImportFile,
    messages: list[ChatMessage],
) -> FileReport:
    """Write messages that arrived already parsed (a webhook) through the same write stage as an export's."""
    report = FileReport(file=export.label)
    writer = _Writer(
        workspace=workspace, export=export, identities=identities, import_file=import_file, report=report
    )
    writer.flush([(message, writer._stored_key(message, fingerprint(message))) for message in messages])
    writer._finish()
    return report


def _me_in_other_chats(workspace) -> list[str]:
    from kenal.conversations.selectors import me_in_other_chats

    return me_in_other_chats(workspace=workspace)


def _reply_times_ready(workspace, conversations) -> None:
    """Have the reply times of the chats a file filled ready before a page asks for them."""
    from kenal.conversations.selectors import working_hours
    from kenal.conversations.services import reply_times_refresh

    reply_times_refresh(
        workspace=workspace, conversations=list(conversations), hours=working_hours(workspace)
    )


def _import_file_start(*, workspace, user, run: ImportRun | None, export: ChatExport) -> ImportFile:
    """Keep the export's original and open its ImportFile, in a new run when none is given."""
    if run is None:
        run = ImportRun.objects.create(
            workspace=workspace, user=user, source=export.source, status=ImportRun.Status.RUNNING
        )
    upload = keep_original(workspace=workspace, user=user, path=export.path, name=Path(export.label).name)
    return ImportFile.objects.create(workspace=workspace, run=run, upload=upload, name=export.label[:500])


def run_finish(*, run: ImportRun, failed: bool = False) -> None:
    run.status = ImportRun.Status.FAILED if failed else ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.lease_until = None
    run.save(update_fields=["status", "finished_at", "lease_until"])
