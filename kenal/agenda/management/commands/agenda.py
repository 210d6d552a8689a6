"""`kenal agenda --user EMAIL [--date YYYY-MM-DD] [--days N] [--json | --ical]`."""

import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kenal.agenda.ical import agenda_calendar
from kenal.agenda.selectors import agenda, agenda_settings_for, local_today
from kenal.lib import formatting
from kenal.lib.agenda import AgendaKind
from kenal.people.cli import workspace_of


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date; use YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "What needs attention: birthdays, promises, replies, follow-ups and who to keep in touch with."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose agenda (email).")
        parser.add_argument(
            "--date", help="First day, YYYY-MM-DD (default: today in the workspace's time zone)."
        )
        parser.add_argument("--days", type=int, default=1, help="How many days from --date (default 1).")
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="Print the items as a JSON list.")
        output.add_argument("--ical", action="store_true", help="Print an iCalendar (RFC 5545) document.")

    def handle(self, *args, **options):
        user, workspace = workspace_of(options["user"])
        if options["days"] < 1 or options["days"] > 366:
            raise CommandError("--days must be between 1 and 366.")
        # The agenda speaks its reader's language, as the web page, the feed and the digest do.
        with translation.override(user.language or settings.LANGUAGE_CODE):
            self._print(user, workspace, options)

    def _print(self, user, workspace, options):
        # With --date the agenda is seen as on that day: what is overdue is overdue by then.
        start = _date(options["date"]) if options["date"] else local_today(workspace)
        items = agenda(workspace=workspace, user=user, start=start, days=options["days"], today=start)
        if options["json"]:
            self.stdout.write(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2))
            return
        if options["ical"]:
            self.stdout.ending = ""
            prefs = agenda_settings_for(user)
            calendar = agenda_calendar(items, name=f"Kenal · {user.email}", alarm_minutes=prefs.alarm_minutes)
            self.stdout.write(calendar.decode())
            return
        if not items:
            self.stdout.write(str(_("Nothing on the agenda.")))
            return
        for item in items:
            flag = "!" if item.overdue else " "
            detail = f" ({item.detail})" if item.detail else ""
            when = f"{formatting.short_date(item.date, translation.get_language()):<11} {item.clock or '':5}"
            self.stdout.write(f"{flag} {when}  {AgendaKind(item.kind).label:<22} {item.title}{detail}")
