"""`kenal commitments add|list|scan|extract`: the promise ledger from the command line."""

import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kenal.accounts.http import service_errors
from kenal.commitments.selectors import commitment_json


class Command(BaseCommand):
    help = "Promises: add one, list them, scan imported messages, or run the extractor on a JSONL file."
    # `extract` must run before `migrate`, with no database at all.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="actions")
        add = sub.add_parser("add", help="Record a promise.")
        add.add_argument("--user", required=True, help="Who records it (and owes it, with --debtor me).")
        add.add_argument("--person", required=True, metavar="NAME_OR_ID", help="The contact, by name or id.")
        add.add_argument("--what", required=True, help="What is promised.")
        add.add_argument(
            "--due",
            required=True,
            metavar="ISO",
            help="2026-03-04 (a day) or 2026-03-04T13:00 (an exact time, in the workspace's zone "
            "unless an offset is given).",
        )
        add.add_argument("--debtor", choices=("me", "them"), default="me", help="Who owes it (default: me).")
        add.add_argument("--json", action="store_true", help="Print the promise as JSON.")
        listing = sub.add_parser("list", help="Open promises, overdue first.")
        listing.add_argument("--user", required=True)
        listing.add_argument("--overdue", action="store_true", help="Only the overdue ones.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        scan = sub.add_parser(
            "scan", help="Find promises in already-imported messages and queue them for review."
        )
        scan.add_argument("--user", required=True)
        extract = sub.add_parser("extract", help="Run the extractor on threads (JSONL), with no database.")
        extract.add_argument("input", metavar="INPUT.jsonl")
        extract.add_argument("-o", "--output", required=True, metavar="OUTPUT.jsonl")

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def handle_extract(self, *, input, output, **options):
        from kenal.lib.promises import extract_file

        if not Path(input).is_file():
            raise CommandError(f"{input}: no such file.")
        errors = io.StringIO()
        try:
            written = extract_file(input, output, errors=errors)
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{input}: not UTF-8 text ({error.reason}).") from None
        problems = errors.getvalue().splitlines()
        for line in problems:
            self.stderr.write(line)
        self.stderr.write(
            f"{written} threads -> {output}" + (f", {len(problems)} lines skipped" if problems else "")
        )
        if problems:
            raise CommandError(
                f"{len(problems)} lines of {input} could not be read (see above).", returncode=1
            )

    def handle_add(self, *, user, person, what, due, debtor, json: bool = False, **options):
        from kenal.commitments import services
        from kenal.commitments.dues import parse_due
        from kenal.people.cli import workspace_of

        user_obj, workspace = workspace_of(user)
        contact = _find_person(workspace, person)
        with service_errors(command=True):
            due_at, precision = parse_due(due, workspace.tz)
            commitment = services.commitment_create(
                workspace=workspace,
                user=user_obj,
                person=contact,
                what=what,
                due_at=due_at,
                due_precision=precision,
                debtor_kind="contact" if debtor == "them" else "me",
            )
        if json:
            self.stdout.write(_dumps(commitment_json(commitment, workspace)))
        else:
            self.stdout.write(f"Promise {commitment.pk} added: {_line(commitment, workspace)}")

    def handle_list(self, *, user, overdue: bool, json: bool, **options):
        from kenal.commitments.selectors import commitment_list
        from kenal.people.cli import workspace_of

        user_obj, workspace = workspace_of(user)
        promises = commitment_list(workspace=workspace, user=user_obj, overdue=overdue)
        if json:
            self.stdout.write(
                _dumps([commitment_json(p, workspace) for p in promises.iterator(chunk_size=500)])
            )
            return
        count = 0
        for promise in promises.iterator(chunk_size=500):
            self.stdout.write(f"{promise.pk:>6}  {_line(promise, workspace)}")
            count += 1
        if not count:
            self.stdout.write("No open promises." if not overdue else "Nothing overdue.")

    def handle_scan(self, *, user, **options):
        from kenal.commitments.services import suggestions_from_messages
        from kenal.conversations.models import Message
        from kenal.people.cli import workspace_of

        _user, workspace = workspace_of(user)
        messages = Message.objects.filter(workspace=workspace).order_by("conversation_id", "at", "pk")
        created = 0
        batch = []
        for message in messages.iterator(chunk_size=2000):
            if batch and (len(batch) >= 2000 and message.conversation_id != batch[-1].conversation_id):
                created += suggestions_from_messages(workspace=workspace, messages=batch)
                batch = []
            batch.append(message)
        if batch:
            created += suggestions_from_messages(workspace=workspace, messages=batch)
        self.stdout.write(f"{created} new suggestions to review.")


def _find_person(workspace, name_or_id: str):
    from django.core.exceptions import ValidationError

    from kenal.accounts.scoping import scoped
    from kenal.people.models import Person
    from kenal.people.selectors import person_by_name

    text = name_or_id.strip()
    if text.isdigit():
        person = scoped(Person, workspace).filter(pk=int(text)).first()
        if person is None:
            raise CommandError(f"No person with id {text} in this workspace.")
        return person
    try:
        return person_by_name(workspace=workspace, name=text)
    except ValidationError as error:
        if error.code == "ambiguous":
            raise CommandError(f"{text!r} could be several people. Use the id.") from None
        raise CommandError(f"No person called {text!r} in this workspace.") from None


def _line(promise, workspace) -> str:
    data = commitment_json(promise, workspace)
    who = "I owe" if data["debtor"] != "contact" else "owed by"
    person = data["person"]["name"] if data["person"] else "?"
    flag = " OVERDUE" if data["overdue"] else ""
    return f"{data['due'] or 'no date':<16} {who} {person}: {data['what']} [{data['status']}]{flag}"


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
