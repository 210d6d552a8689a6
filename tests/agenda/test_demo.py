from datetime import time

from kenal.agenda.demo import load
from kenal.agenda.models import AgendaSettings


def test_the_demo_user_gets_a_7_oclock_digest_once(workspace, alice):
    load(workspace=workspace, user=alice)
    load(workspace=workspace, user=alice)
    prefs = AgendaSettings.objects.get(user=alice)
    assert prefs.digest_time == time(7, 0) and prefs.digest_enabled
