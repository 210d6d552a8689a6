"""`kenal import whatsapp|email|telegram PATH…`: the chat importers' command line."""

import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SOURCES = {
    "whatsapp": "WhatsApp chat exports (.txt, or the .zip with media).",
    "email": "Email: mbox, .eml, or a folder of them.",
    "telegram": "Telegram Desktop JSON export (result.json).",
}
PROGRESS_FROM_BYTES = 2_000_000  # smaller files finish before a bar would help


def add_import_parsers(subparsers) -> None:
    for source, help_text in SOURCES.items():
        parser = subparsers.add_parser(source, help=help_text)
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--user", help="Whose workspace to import into (not needed with --dry-run).")
        parser.add_argument(
            "--me",
            action="append",
            default=[],
            metavar="NAME",
            help="A name or number you appear as in the export (repeatable).",
        )
        parser.add_argument("--tz", help="Time zone of the export's times (default: the workspace's).")
        if source == "whatsapp":
            parser.add_argument(
                "--format",
                dest="fmt",
                choices=["dmy", "mdy", "ymd", "ydm"],
                help="Date order, when detection from the file is not what you want.",
            )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument("--json", action="store_true", help="One JSON object per file, one per line.")
        parser.set_defaults(handler=import_chats, chat_source=source)
    runs = subparsers.add_parser("runs", help="The last imports and how they ended.")
    runs.add_argument("--user", required=True, help="Whose workspace's imports to list.")
    runs.add_argument("--json", action="store_true", help="One JSON object per run, one per line.")
    runs.set_defaults(handler=list_runs)


def list_runs(command, *, user, json=False, **options) -> None:
    """`kenal import runs`: the workspace's last imports; a run whose importer died shows as failed."""
    from kenal.conversations.selectors import import_runs
    from kenal.conversations.services import import_runs_expire
    from kenal.people.cli import workspace_of

    _user, workspace = workspace_of(user)
    import_runs_expire(workspace=workspace)
    for run in import_runs(workspace=workspace)[:20]:
        files = list(run.files.all())
        data = {
            "id": run.pk,
            "source": run.source,
            "status": run.status,
            "created_at": run.created_at.isoformat(timespec="seconds"),
            "finished_at": run.finished_at.isoformat(timespec="seconds") if run.finished_at else None,
            "files": [
                {"name": file.name, "new": file.new, "progress": file.progress, "error": file.error}
                for file in files
            ],
        }
        if json:
            _emit(command, True, data)
            continue
        errors = "; ".join(f"{file.name}: {file.error}" for file in files if file.error)
        command.stdout.write(
            f"{run.pk}  {run.source:<8} {run.status:<8} {data['created_at']}  "
            f"{sum(file.new for file in files)} new" + (f"  ({errors})" if errors else "")
        )


def import_chats(
    command, *, chat_source, paths, user=None, me=(), tz=None, fmt=None, dry_run=False, json=False, **options
) -> None:
    # The database modules are imported only when used: a dry run is a scan, and runs without Django.
    from kenal.lib.chats.scan import ChatExport, scan_file

    user_obj = workspace = run = None
    if user:
        from kenal.people.cli import workspace_of

        user_obj, workspace = workspace_of(user)
    elif not dry_run:
        raise _error("--user EMAIL is required, except with --dry-run.")
    zone = _zone(tz or (workspace.timezone if workspace else "Asia/Jakarta"))
    if not dry_run:
        from django.utils import timezone

        from kenal.conversations.importer import Steps, chats_import, run_finish
        from kenal.conversations.models import ImportRun
        from kenal.conversations.services import LEASE, Heartbeat

        # Held while it works: a killed `kenal import` is marked failed once the lease is over.
        run = ImportRun.objects.create(
            workspace=workspace,
            user=user_obj,
            source=chat_source,
            status=ImportRun.Status.RUNNING,
            lease_until=timezone.now() + LEASE,
        )
        heartbeat = Heartbeat(run)
    missing = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            missing.append(name)
            _emit(
                command,
                json,
                {
                    "file": name,
                    "messages": 0,
                    "system": 0,
                    "new": 0,
                    "duplicates": 0,
                    "first_at": None,
                    "last_at": None,
                    "participants": {},
                    "malformed": [{"line": 0, "message": "no such file or folder"}],
                    "notes": [],
                    "me": None,
                },
            )
            continue
        with _progress(command, path, enabled=not json) as on_progress:
            export = ChatExport(source=chat_source, path=path, tz=zone, name=name, fmt=fmt)
            try:
                if dry_run:
                    report = scan_file(export)
                else:
                    report = chats_import(
                        export=export,
                        workspace=workspace,
                        user=user_obj,
                        me=me,
                        run=run,
                        steps=Steps(on_progress=_both(on_progress, heartbeat)),
                    )
            except ValueError as error:
                if run is not None:
                    run_finish(run=run, failed=True)
                raise _error(f"{name}: {error}") from None
        if json:
            _emit(command, True, report.as_json())
            continue
        command.stdout.write(
            f"{name}: {report.messages} messages ({report.new} new, {report.duplicates} duplicates), "
            f"{report.system} system lines, {len(report.participants)} participants, "
            f"{report.first_at or '-'} to {report.last_at or '-'}, {len(report.malformed)} unreadable"
            + (" (dry run: nothing saved)" if dry_run else "")
        )
        for problem in [*report.malformed, *report.notes]:
            command.stderr.write(f"{name}:{problem['line']}: {problem['message']}")
    if run is not None:
        run_finish(run=run)
    if missing:
        raise _error(f"not found: {', '.join(missing)}")


_NEEDS_DJANGO = ("--user", "--settings", "--pythonpath", "--traceback", "-h", "--help", "-v", "--verbosity")


def is_plain_dry_run(args: list[str]) -> bool:
    """`import whatsapp|email|telegram PATH… --dry-run` with nothing that needs a workspace or Django's options."""
    return (
        len(args) > 2
        and args[0] == "import"
        and args[1] in SOURCES
        and "--dry-run" in args
        and not any(arg.startswith(_NEEDS_DJANGO) for arg in args[2:])
    )


def dry_run_main(args: list[str]) -> int:
    """Run `kenal import SOURCE … --dry-run` without starting Django: a dry run reads files and nothing else.

    Starting Django (every app's registrations, the system checks) cost more than scanning 100,000
    messages; the output, and the exit status on a refused file, are the management command's.
    """
    from argparse import ArgumentParser

    parser = ArgumentParser(prog="kenal import")
    add_import_parsers(parser.add_subparsers(dest="source", required=True))
    options = vars(parser.parse_args(args[1:]))
    command = _Command(_Output(sys.stdout), _Output(sys.stderr))
    try:
        options.pop("handler")(command, **options)
    except Exception as error:
        from django.core.management.base import CommandError

        if not isinstance(error, CommandError):
            raise
        command.stderr.write(f"{error.__class__.__name__}: {error}")
        return error.returncode
    return 0


def _error(message: str) -> Exception:
    """A CommandError, Django's command machinery imported only when one is raised (a dry run starts faster)."""
    from django.core.management.base import CommandError

    return CommandError(message)


class _Output:
    """What a handler needs of Django's OutputWrapper: write a line."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, message: str = "") -> None:
        self.stream.write(message if message.endswith("\n") else message + "\n")


class _Command:
    """What a handler needs of a management command: its two outputs."""

    def __init__(self, stdout, stderr):
        self.stdout, self.stderr = stdout, stderr


def _both(on_progress, heartbeat):
    """The progress bar's callback (if any) and the run's heartbeat, after every batch."""
    if on_progress is None:
        return heartbeat
    return lambda line: (on_progress(line), heartbeat(line))


def _emit(command, as_json: bool, data: dict) -> None:
    if as_json:
        command.stdout.write(json.dumps(data, ensure_ascii=False))
    else:
        command.stderr.write(f"{data['file']}: {data['malformed'][0]['message']}")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _error(f"Unknown time zone {name!r}; use a name such as Asia/Jakarta.") from None


class _progress:
    """A rich progress bar on stderr over the file's lines, for large files only."""

    def __init__(self, command, path: Path, *, enabled: bool):
        self.bar = None
        if enabled and path.is_file() and path.stat().st_size >= PROGRESS_FROM_BYTES and sys.stderr.isatty():
            from rich.progress import Progress

            self.total = _count_lines(path) if path.suffix.lower() == ".txt" else None
            self.bar = Progress(transient=True, console=None)

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.start()
        task = self.bar.add_task("import", total=self.total)
        return lambda line: self.bar.update(task, completed=line)

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.stop()


def _count_lines(path: Path) -> int:
    lines = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines
