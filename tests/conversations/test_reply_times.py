"""Reply times are kept from the messages, so a page reads a few stored rows instead of every message."""

from datetime import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenal.conversations import selectors
from kenal.conversations.models import ReplyTime


def test_an_import_leaves_the_reply_times_ready(imported, workspace):
    assert (
        ReplyTime.objects.filter(workspace=workspace, seconds__isnull=False).count() == 2
    )  # my answer, then theirs
    assert ReplyTime.objects.filter(workspace=workspace, seconds__isnull=True).count() == 1


def test_the_person_page_figures_read_no_message(imported, workspace, person):
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.responsiveness(workspace=workspace, person=person)
    assert figures["me"]["count"] == 1 and figures["me"]["median_seconds"] == 3600
    assert not any("conversations_message" in query["sql"] for query in queries.captured_queries)


def test_new_working_hours_recompute_the_working_time(imported, workspace, person):
    before = selectors.responsiveness(workspace=workspace, person=person)["me"]
    workspace.work_start, workspace.work_end = time(10, 0), time(17, 0)
    workspace.save(update_fields=["work_start", "work_end"])
    after = selectors.responsiveness(workspace=workspace, person=person)["me"]
    assert before["median_seconds"] == after["median_seconds"] == 3600
    # 09:15 to 10:15 on a Monday: an hour on the clock, but only 15 working minutes when work starts at 10.
    assert after["median_working_seconds"] < before["median_working_seconds"]


def test_another_workspace_never_sees_the_stored_times(imported, charlie):
    figures = selectors.responsiveness(workspace=charlie.current_workspace)
    assert figures["me"]["count"] == 0 and figures["starts"] == {"me": 0, "them": 0}
