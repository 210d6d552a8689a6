from datetime import date

from kenal.engagements import services
from kenal.engagements.selectors import agenda_engagement_dates


def test_it_lists_engagement_dates_and_milestones_in_the_window(engagement, workspace, alice):
    services.milestone_add(engagement=engagement, label="DP", amount="1000", due_on=date(2026, 3, 10))
    items = agenda_engagement_dates(
        workspace=workspace, user=alice, start=date(2026, 3, 1), end=date(2026, 4, 30), today=date(2026, 3, 3)
    )
    assert [(item.kind, item.date, item.key.split(":")[0]) for item in items] == [
        ("engagement", date(2026, 3, 10), "milestone"),
        ("engagement", date(2026, 4, 30), "engagement"),
    ]
    assert not items[0].overdue and items[0].url == engagement.get_absolute_url()


def test_unpaid_milestones_past_due_are_overdue_until_paid(engagement, workspace, alice):
    milestone = services.milestone_add(
        engagement=engagement, label="DP", amount="1000", due_on=date(2026, 2, 20)
    )
    items = agenda_engagement_dates(
        workspace=workspace, user=alice, start=date(2026, 3, 3), end=date(2026, 3, 10), today=date(2026, 3, 3)
    )
    assert [item.key for item in items if item.overdue] == [f"milestone:{milestone.pk}"]
    services.milestone_mark_paid(milestone=milestone)
    assert (
        agenda_engagement_dates(
            workspace=workspace,
            user=alice,
            start=date(2026, 3, 3),
            end=date(2026, 3, 10),
            today=date(2026, 3, 3),
        )
        == []
    )


def test_the_outsider_gets_nothing(engagement, charlie):
    services.milestone_add(engagement=engagement, label="DP", amount="1000", due_on=date(2026, 3, 10))
    assert (
        agenda_engagement_dates(
            workspace=charlie.current_workspace,
            user=charlie,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            today=date(2026, 3, 3),
        )
        == []
    )
