"""The demo user's reminder settings: a daily email at 07:00 and three days' notice for gifts."""

from datetime import time

from kenal.agenda.models import AgendaSettings


def load(*, workspace, user) -> None:
    AgendaSettings.objects.get_or_create(user=user, defaults={"digest_time": time(7, 0), "lead_days": 3})
