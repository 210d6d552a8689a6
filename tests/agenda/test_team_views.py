"""Team views: the team's promises page, and Today's "mine / team"."""

from datetime import timedelta

from kenal.commitments.services import commitment_create
from kenal.people.services import person_create, person_save


def test_the_team_tab_lists_teammates_open_promises_with_who_made_them(
    alice_client, workspace, bob, person, now
):
    commitment_create(
        workspace=workspace,
        user=bob,
        person=person,
        what="Kirim rate card",
        due_at=now + timedelta(days=1),
        due_precision="day",
    )
    page = alice_client.get("/promises/?show=team").content.decode()
    assert "Kirim rate card" in page and "Bob Pratama" in page
    assert "Kirim rate card" not in alice_client.get("/promises/?show=mine").content.decode()


def test_today_mine_leaves_teammates_people_and_promises_to_them(alice_client, workspace, alice, bob, now):
    rina = person_create(workspace=workspace, user=alice, full_name="Rina Handayani")
    person_save(workspace=workspace, user=alice, person=rina, owner=bob, birthday="--03-04")
    mine = person_create(workspace=workspace, user=alice, full_name="Sari Dewi", birthday="--03-05")
    commitment_create(
        workspace=workspace,
        user=bob,
        person=rina,
        what="Kirim proposal ke Rina",
        due_at=now + timedelta(hours=3),
        due_precision="day",
    )
    page = alice_client.get("/").content.decode()
    assert mine.full_name in page
    assert "Rina Handayani" not in page and "Kirim proposal ke Rina" not in page
    team = alice_client.get("/?who=team").content.decode()
    assert "Rina Handayani" in team and "Kirim proposal ke Rina" in team
    assert "Bob Pratama" in team  # whose promise it is
    assert 'aria-current="page"' in team


def test_a_personal_workspace_shows_no_mine_team_switch(charlie_client):
    assert "?who=team" not in charlie_client.get("/").content.decode()


def test_a_viewer_sees_the_team_today(vera_client, workspace, bob, alice, now):
    rina = person_create(workspace=workspace, user=alice, full_name="Rina Handayani", birthday="--03-04")
    person_save(workspace=workspace, user=alice, person=rina, owner=bob)
    assert "Rina Handayani" in vera_client.get("/?who=team").content.decode()
