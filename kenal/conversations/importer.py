"""One import pipeline for every chat source: stream the parser, match senders, write in batches."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from kenal.conversations.models import Conversation, ImportFile, ImportRun, Message, UnmatchedSender
from kenal.conversations.originals import keep_original
from kenal.lib.chats import Malformed, fingerprint, parse
from kenal.lib.phones import normalize_phone

BATCH_SIZE = 2000
_CHAT_PREFIXES = (
    "WhatsApp Chat with ",
    "WhatsApp Chat - ",
    "Chat WhatsApp dengan ",
    "Chat WhatsApp - ",
    "WhatsApp-Chat mit ",
    "Chat de WhatsApp con ",
)


@dataclass
class FileReport:
    """What one file gave: the `--json` line and the upload page's report."""

    file: str
    messages: int = 0
    system: int = 0
    new: int = 0
    duplicates: int = 0
    first_at: str | None = None
    last_at: str | None = None
    participants: dict[str, int] = field(default_factory=dict)
    malformed: list[dict] = field(default_factory=list)
    import_file_id: int | None = None
    finished: bool = True  # False when a step of an upload stopped before the end of the file

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "messages": self.messages,
            "system": self.system,
            "new": self.new,
            "duplicates": self.duplicates,
            "first_at": self.first_at,
            "last_at": self.last_at,
            "participants": self.participants,
            "malformed": self.malformed,
        }


def local_iso(at: datetime, *, tz: ZoneInfo, has_seconds: bool) -> str:
    """Local wall time as written in the export: seconds only when the export has them."""
    local = at.astimezone(tz).replace(tzinfo=None)
    return local.isoformat(timespec="seconds" if has_seconds else "minutes")


def chat_name(file_name: str) -> str:
    """The chat's name from a WhatsApp export's file name ("WhatsApp Chat with Ratna Sari.txt")."""
    stem = Path(file_name).name
    for suffix in (".zip", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    for prefix in _CHAT_PREFIXES:
        if stem.startswith(prefix):
            return stem[len(prefix) :].strip() or stem
    return stem.strip() or file_name


_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|tr|trs|balas|bls|fw\.)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def subject_title(subject: str) -> str:
    """An email thread's title from a subject: "Re: Fwd: Rilis pers" is "Rilis pers"."""
    return _REPLY_PREFIX.sub("", subject or "").strip()


def _title(message) -> str:
    """The conversation title a message carries: a Telegram chat's name, or its email subject."""
    return getattr(message, "chat_title", "") or subject_title(getattr(message, "subject", ""))


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

        for person_id, full_name, nickname in (
            Person.objects.filter(workspace=workspace).values_list("id", "full_name", "nickname").iterator()
        ):
            for name in {full_name.casefold().strip(), nickname.casefold().strip()} - {""}:
                # Two people with one name match neither: a wrong link is worse than none.
                self.by_name[name] = (
                    None if name in self.by_name and self.by_name[name] != person_id else person_id
                )
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
        return "them", self.by_name.get(name)


def _safe(stream: Iterable, report: FileReport, state: dict) -> Iterator:
    """The parser's items; a parser failure is reported at its line and keeps what was read before it."""
    iterator = iter(stream)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - a parser bug must never lose the messages already stored
            report.malformed.append(
                {"line": state["line"] + 1, "message": f"could not read further: {error}"}
            )
            return
        state["line"] = item.line
        yield item


class _Writer:
    """Writes parsed messages of one file in batches, each batch in its own transaction."""

    def __init__(self, *, workspace, source, identities, import_file, default_key, default_title, report):
        self.workspace = workspace
        self.source = source
        self.identities = identities
        self.import_file = import_file
        self.default_key = default_key
        self.default_title = default_title
        self.report = report
        self.conversations: dict[str, Conversation] = {}
        self.senders: dict[str, Counter] = {}
        self.unmatched: Counter = Counter()
        self.unmatched_last: dict[tuple[str, str], datetime] = {}
        self.batches = 0

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

    def flush(self, batch: list) -> None:
        if not batch:
            return
        report = self.report
        with transaction.atomic():
            keys = [key for _message, key in batch]
            # Only `fingerprint IN (…)`, filtered by workspace here: with `workspace_id = ?` in the query, SQLite
            # walked the workspace index over every stored message, making a re-import quadratic.
            workspace_id = self.workspace.pk
            existing = {
                key
                for key, owner in Message.objects.filter(fingerprint__in=keys)
                .order_by()
                .values_list("fingerprint", "workspace_id")
                if owner == workspace_id
            }
            rows: list[tuple] = []
            workspace_id = self.workspace.pk
            import_file_id = self.import_file.pk if self.import_file is not None else None
            db_time = _db_time()
            touched: dict[int, datetime] = {}
            changed: set[str] = set()
            for message, key in batch:
                system = message.kind == "system"
                if key in existing:
                    if not system:
                        report.duplicates += 1
                    continue
                existing.add(key)
                conversation = self.conversation(message.thread_key, _title(message))
                direction, person_id = (
                    ("them", None)
                    if system
                    else self.identities.resolve(message.sender, message.sender_address)
                )
                original = message.raw if message.raw and message.raw != message.text else ""
                # Plain tuples in _COLUMNS order: building a Message instance per row cost a quarter of an import.
                rows.append(
                    (
                        workspace_id,
                        conversation.pk,
                        person_id,
                        message.sender[:300],
                        message.sender_address[:300],
                        direction,
                        db_time(message.at),
                        message.text,
                        original,
                        message.kind,
                        message.edited,
                        key,
                        message.line,
                        import_file_id,
                    )
                )
                if system:
                    continue
                report.new += 1
                thread = message.thread_key or self.default_key
                changed.add(thread)
                self.senders[thread][message.sender] += 1
                conversation.message_count += 1
                if conversation.first_at is None or message.at < conversation.first_at:
                    conversation.first_at = message.at
                if conversation.last_at is None or message.at > conversation.last_at:
                    conversation.last_at = message.at
                if person_id is not None and (person_id not in touched or touched[person_id] < message.at):
                    touched[person_id] = message.at
                if direction == "them" and person_id is None:
                    sender_key = (message.sender[:300], message.sender_address[:300])
                    self.unmatched[sender_key] += 1
                    if sender_key not in self.unmatched_last or self.unmatched_last[sender_key] < message.at:
                        self.unmatched_last[sender_key] = message.at
            _insert(rows)
            self._suggest_promises([row[_FINGERPRINT] for row in rows])
            self.batches += 1
            if self.batches % ANALYZE_EVERY == 0:
                refresh_statistics()
            for thread in changed:
                self._save_conversation(thread)
            _touch(touched)
            if self.import_file is not None:
                # In the batch's transaction: a resumed import starts exactly after the last stored batch.
                ImportFile.objects.filter(pk=self.import_file.pk).update(
                    progress=report.messages + report.system,
                    new=report.new,
                    duplicates=report.duplicates,
                )

    def _suggest_promises(self, keys: list[str]) -> None:
        """Queue the promises these new messages make in the review inbox, with earlier messages as context."""
        if not keys:
            return
        from kenal.lib import registry

        registry.run(
            "after_import",
            workspace=self.workspace,
            messages=Message.objects.filter(fingerprint__in=keys).order_by(),
        )

    def _save_conversation(self, thread: str) -> None:
        conversation = self.conversations[thread]
        counts = self.senders[thread]
        others = [name for name in counts if name and not self.identities.is_me(name)]
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
                "is_group",
                "title",
                "person",
                "message_count",
                "first_at",
                "last_at",
            ]
        )

    def finish(self, run) -> None:
        with transaction.atomic():
            touched = {
                c.person_id: c.last_at for c in self.conversations.values() if c.person_id and c.last_at
            }
            _touch(touched)
            for (name, address), count in self.unmatched.items():
                unmatched, created = UnmatchedSender.objects.get_or_create(
                    workspace=self.workspace,
                    name=name,
                    address=address,
                    defaults={
                        "source": self.source,
                        "message_count": count,
                        "last_at": self.unmatched_last[(name, address)],
                        "run": run,
                    },
                )
                if not created:
                    unmatched.message_count += count
                    unmatched.last_at = max(
                        filter(None, [unmatched.last_at, self.unmatched_last[(name, address)]])
                    )
                    unmatched.run = run
                    unmatched.save(update_fields=["message_count", "last_at", "run"])


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
    source: str,
    path: str | Path,
    tz: ZoneInfo,
    name: str | None = None,
    workspace=None,
    user=None,
    me: Iterable[str] = (),
    fmt: str | None = None,
    dry_run: bool = False,
    run: ImportRun | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
    import_file: ImportFile | None = None,
    max_batches: int | None = None,
    deadline: float | None = None,
) -> FileReport:
    """Import one export file (or email folder); with dry_run, parse and report without touching the database.

    With `import_file` (an upload already stored) the import resumes after the messages that file has
    stored, and stops after `max_batches` batches or at `deadline` (time.monotonic()); `report.finished`
    says whether the file is done. Every count but new/duplicates is recomputed by reading from the start:
    parsing is cheap, and the repeat counters of identical messages must see what came before.
    """
    path = Path(path)
    name = name or (import_file.name if import_file is not None else str(path))
    report = FileReport(file=name)
    writer = None
    skip = 0
    if not dry_run:
        me_names = [*me, *split_lines(getattr(user, "me_names", ""))]
        identities = Identities(
            workspace=workspace, me_names=me_names, me_phones=split_lines(getattr(user, "me_phones", ""))
        )
        if import_file is None:
            if run is None:
                run = ImportRun.objects.create(
                    workspace=workspace, user=user, source=source, status=ImportRun.Status.RUNNING
                )
            upload = keep_original(workspace=workspace, user=user, path=path, name=Path(name).name)
            import_file = ImportFile.objects.create(
                workspace=workspace, run=run, upload=upload, name=name[:500]
            )
        else:
            run = import_file.run
            skip = import_file.progress
            report.new, report.duplicates = import_file.new, import_file.duplicates
        report.import_file_id = import_file.pk
        title = chat_name(name) if source == "whatsapp" else Path(name).name
        writer = _Writer(
            workspace=workspace,
            source=source,
            identities=identities,
            import_file=import_file,
            default_key=f"file:{title.casefold()}",
            default_title=title,
            report=report,
        )
        refresh_statistics()
    seen_ids: set[int] = set()  # dry runs only: duplicates of source ids inside the file
    participants: Counter = Counter()
    first = last = None
    batch: list = []
    batches = 0
    state = {"line": 0}
    # Two identical messages in one minute are both real: the nth repeat gets its own fingerprint.
    repeat_at, repeats = None, Counter()
    for item in _safe(parse(source, path, tz=tz, fmt=fmt), report, state):
        if isinstance(item, Malformed):
            report.malformed.append({"line": item.line, "message": item.message})
            continue
        key = fingerprint(item)
        if not item.source_id:
            if item.at != repeat_at:
                repeat_at, repeats = item.at, Counter()
            repeats[key] += 1
            if repeats[key] > 1:
                key = hashlib.sha1(f"{key}\x1f{repeats[key]}".encode()).hexdigest()
            if writer is not None:
                # Chats without ids are told apart by their conversation: "oke" at 09:15 can be in two chats.
                key = hashlib.sha1(f"{writer.default_key}\x1f{key}".encode()).hexdigest()
        if item.kind == "system":
            report.system += 1
        else:
            report.messages += 1
            participants[item.sender] += 1
            if first is None or item.at < first.at:
                first = item
            if last is None or item.at >= last.at:
                last = item
            if writer is None:
                short = int(key[:16], 16)
                if item.source_id and short in seen_ids:
                    report.duplicates += 1
                else:
                    report.new += 1
                    if item.source_id:
                        seen_ids.add(short)
        if writer is not None and report.messages + report.system > skip:
            batch.append((item, key))
            if len(batch) >= batch_size:
                writer.flush(batch)
                batch = []
                batches += 1
                if on_progress:
                    on_progress(state["line"])
                if (max_batches is not None and batches >= max_batches) or (
                    deadline is not None and time.monotonic() >= deadline
                ):
                    report.finished = False
                    break
    report.participants = dict(participants)
    if first is not None:
        report.first_at = local_iso(first.at, tz=tz, has_seconds=first.has_seconds)
        report.last_at = local_iso(last.at, tz=tz, has_seconds=last.has_seconds)
    if writer is not None:
        writer.flush(batch)
        writer.finish(run)
        if report.finished:
            conversation = next(iter(writer.conversations.values()), None) or import_file.conversation
            ImportFile.objects.filter(pk=report.import_file_id).update(
                conversation=conversation,
                messages=report.messages,
                system=report.system,
                new=report.new,
                duplicates=report.duplicates,
                first_at=report.first_at or "",
                last_at=report.last_at or "",
                participants=report.participants,
                malformed=report.malformed,
                progress=report.messages + report.system,
                done=True,
            )
    if on_progress:
        on_progress(state["line"])
    return report


def count_items(*, source: str, path: str | Path, tz: ZoneInfo, fmt: str | None = None) -> int:
    """Messages and system lines in an export, for a progress bar's total (a parse without writes)."""
    total = 0
    report = FileReport(file=str(path))
    for item in _safe(parse(source, Path(path), tz=tz, fmt=fmt), report, {"line": 0}):
        if not isinstance(item, Malformed):
            total += 1
    return total


def run_finish(*, run: ImportRun, failed: bool = False) -> None:
    run.status = ImportRun.Status.FAILED if failed else ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
