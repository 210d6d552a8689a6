"""Several workspaces per user: team workspaces from the CLI and the settings, a switcher, workspace tokens."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.accounts.models import ApiToken, Membership, Workspace
from kenal.accounts.services import membership_add, token_create
from kenal.people.services import person_create


def _last_line(capsys) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_workspace_create_prints_the_new_team_workspaces_id_last(alice, capsys):
    call_command("workspace", "create", "Cahaya PR", "--owner", "alice@example.com")
    team = Workspace.objects.get(pk=int(_last_line(capsys)))
    assert team.name == "Cahaya PR" and not team.is_personal
    assert Membership.objects.get(workspace=team, user=alice).role == "owner"
    # Her personal workspace stays hers.
    assert Membership.objects.filter(user=alice).count() == 2


def test_workspace_create_refuses_an_unknown_owner_and_an_empty_name(alice):
    with pytest.raises(CommandError, match="No user with the email nobody@example.com"):
        call_command("workspace", "create", "Cahaya PR", "--owner", "nobody@example.com")
    with pytest.raises(CommandError):
        call_command("workspace", "create", "  ", "--owner", "alice@example.com")
    assert not Workspace.objects.filter(is_personal=False).exists()


def test_the_settings_create_a_team_workspace_and_switch_into_it(alice_client, alice, person):
    response = alice_client.post("/accounts/workspace/new/", {"name": "Cahaya PR"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.current_workspace.name == "Cahaya PR"
    # Every page now acts in the team workspace: her personal contacts are not in it.
    assert "Yuna Kristina" not in alice_client.get("/people/").content.decode()


def test_the_switcher_moves_between_ones_own_workspaces_only(alice_client, alice, charlie, person):
    personal = alice.current_workspace
    team = Workspace.objects.create(name="Cahaya PR", is_personal=False)
    membership_add(workspace=team, user=alice, role="owner")
    person_create(workspace=team, user=alice, full_name="Ratna Sari")
    settings_page = alice_client.get("/accounts/settings/").content.decode()
    # Alice reads Kenal in Indonesian.
    assert "Cahaya PR" in settings_page and "Pindah ke sini" in settings_page

    alice_client.post("/accounts/workspace/", {"workspace": team.pk})
    people = alice_client.get("/people/").content.decode()
    assert "Ratna Sari" in people and "Yuna Kristina" not in people

    # Charlie's workspace is not hers: refused, and she stays where she was.
    alice_client.post("/accounts/workspace/", {"workspace": charlie.current_workspace_id})
    alice.refresh_from_db()
    assert alice.current_workspace == team
    alice_client.post("/accounts/workspace/", {"workspace": personal.pk})
    assert "Yuna Kristina" in alice_client.get("/people/").content.decode()


def test_a_workspace_token_acts_in_that_workspace_with_the_users_role_there(
    client, alice, bob, capsys, person
):
    team = Workspace.objects.create(name="Cahaya PR", is_personal=False)
    membership_add(workspace=team, user=bob, role="viewer")
    person_create(workspace=team, user=alice, full_name="Ratna Sari")
    call_command("token", "create", "bob@example.com", "--workspace", str(team.pk))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {_last_line(capsys)}"}

    listed = client.get("/api/people", **auth).content.decode()
    assert "Ratna Sari" in listed and "Yuna Kristina" not in listed
    # Bob is a member of alice's workspace but only a viewer of the team's: the token writes nothing there.
    assert (
        client.post("/api/people", '{"full_name": "X"}', content_type="application/json", **auth).status_code
        == 403
    )


def test_a_token_for_a_workspace_one_is_not_in_is_refused(alice, charlie):
    # Services speak the active language (Indonesian by default); the command says the same.
    with pytest.raises(CommandError, match="bukan anggota"):
        call_command("token", "create", "alice@example.com", "--workspace", str(charlie.current_workspace_id))
    with pytest.raises(ValidationError, match="bukan anggota"):
        token_create(user=alice, workspace=charlie.current_workspace)
    assert not ApiToken.objects.exists()
