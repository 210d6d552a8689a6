"""`kenal responsiveness --user EMAIL [--json]`: reply times, who starts, the trend and who is waiting."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kenal.conversations import selectors
from kenal.lib.formatting import duration


class Command(BaseCommand):
    help = "Reply times (mine and theirs), who starts conversations, the monthly trend, and who is waiting."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose workspace to measure.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, user, json: bool = False, **options):
        from kenal.people.cli import workspace_of

        user, workspace = workspace_of(user)
        language = user.language or settings.LANGUAGE_CODE
        now = timezone.now()
        figures = selectors.responsiveness(workspace=workspace)
        waiting = selectors.waiting_for_reply(workspace=workspace, now=now)
        data = {
            "workspace": figures | {"trend_points": None},
            "waiting": [
                {
                    "person": item.person,
                    "person_id": item.person_id,
                    "conversation_id": item.conversation_id,
                    "at": item.at.isoformat(),
                    "hours": round(item.seconds / 3600, 2),
                    "working_hours": round(item.working_seconds / 3600, 2),
                    "text": item.text[:200],
                }
                for item in waiting
            ],
            "fairness": selectors.fairness(workspace=workspace),
        }
        del data["workspace"]["trend_points"]
        if json:
            self.stdout.write(_dumps(data))
            return
        with translation.override(language):
            for side, label in (("me", _("My replies")), ("them", _("Their replies"))):
                summary = figures[side]
                values = {
                    "median": duration(summary["median_seconds"], language),
                    "p90": duration(summary["p90_seconds"], language),
                    "count": summary["count"],
                }
                self.stdout.write(
                    f"{label}: " + _("median %(median)s, p90 %(p90)s (%(count)s replies)") % values
                )
            starts = {"me": figures["starts"].get("me", 0), "them": figures["starts"].get("them", 0)}
            self.stdout.write(_("Who starts: me %(me)s, them %(them)s") % starts)
            self.stdout.write(_("Waiting for your reply: %(count)s") % {"count": len(waiting)})


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
