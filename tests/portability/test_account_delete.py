"""`kenal account delete` and the settings action: the personal workspace and private notes go, team work stays."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.accounts.models import Membership, Upload, User, Workspace
from kenal.accounts.services import membership_add, user_create, workspace_create
from kenal.people.models import Note, Person
from kenal.people.services import note_add, person_create


@pytest.fixture(autouse=True)
def english(client, alice_client, charlie_client):
    from django.utils import translation

    for each in (client, alice_client, charlie_client):
        each.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def team(charlie, alice):
    """Charlie's agency, where alice works: a person there, with alice's shared and private notes about them."""
    agency = workspace_create(name="Agensi Lentera", owner=charlie)
    membership_add(workspace=agency, user=alice, role=Membership.Role.MEMBER)
    client = person_create(workspace=agency, user=charlie, full_name="Pak Budi")
    note_add(person=client, author=alice, body="Suka rapat pagi", visibility="shared")
    note_add(person=client, author=alice, body="Catatan pribadi Alice", visibility="private")
    return agency


def test_it_deletes_the_personal_workspace_its_files_and_private_notes(sekar_world, team, alice, kenal_home):
    personal = alice.current_workspace
    files = [kenal_home / "uploads" / name for name in Upload.objects.values_list("file", flat=True)]
    assert files and all(path.exists() for path in files)

    call_command("account", "delete", "alice@example.com", "--yes")

    assert not User.objects.filter(email="alice@example.com").exists()
    assert not Workspace.objects.filter(pk=personal.pk).exists()
    assert not Person.objects.filter(workspace=personal).exists()
    assert not any(path.exists() for path in files)
    assert not Note.objects.filter(body="Catatan pribadi Alice").exists()
    # Their shared work in the team stays, with the owner, signed with their name.
    note = Note.objects.get(workspace=team)
    assert note.body == "Suka rapat pagi\n\n— Alice Wulandari"
    assert note.author.email == "charlie@example.com"
    assert Person.objects.filter(workspace=team, full_name="Pak Budi").exists()


def test_it_wants_yes(alice):
    with pytest.raises(CommandError, match="add --yes"):
        call_command("account", "delete", "alice@example.com")
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_last_owner_of_a_team_with_members_is_refused(team, charlie):
    with pytest.raises(CommandError, match="last owner of Agensi Lentera"):
        call_command("account", "delete", "charlie@example.com", "--yes")
    assert User.objects.filter(pk=charlie.pk).exists()
    # Once another member owns it too, the deletion goes ahead and the team keeps its workspace.
    Membership.objects.filter(workspace=team, user__email="alice@example.com").update(role="owner")
    call_command("account", "delete", "charlie@example.com", "--yes")
    assert Person.objects.filter(workspace=team).exists()


def test_the_page_deletes_after_the_password(alice_client, alice):
    assert "Delete my account" in alice_client.get("/data/account/delete/").content.decode()
    response = alice_client.post("/data/account/delete/", {"password": "wrong"}, follow=True)
    assert "not your password" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    response = alice_client.post("/data/account/delete/", {"password": "password-alice"})
    assert response.status_code == 302 and response.url == "/accounts/login/"
    assert not User.objects.filter(email="alice@example.com").exists()
    assert alice_client.get("/people/").status_code == 302  # logged out


def test_the_page_tells_the_last_owner_what_to_do(team, charlie, charlie_client):
    page = charlie_client.get("/data/account/delete/").content.decode()
    assert "You are the last owner of Agensi Lentera" in page and 'name="password"' not in page
    charlie_client.post("/data/account/delete/", {"password": "password-charlie"})
    assert User.objects.filter(pk=charlie.pk).exists()


def test_a_viewer_deletes_her_own_account_and_nothing_of_the_workspace_she_views(
    vera, vera_client, workspace, person
):
    from kenal.people.models import Person

    people = Person.objects.filter(workspace=workspace).count()
    assert vera_client.post("/data/account/delete/", {"password": "password-vera"}).status_code == 302
    assert not User.objects.filter(pk=vera.pk).exists()
    assert Person.objects.filter(workspace=workspace).count() == people
    assert workspace.memberships.filter(role="owner").exists()


def test_anonymous_visitors_are_sent_to_log_in(alice):
    from django.test import Client

    response = Client().post("/data/account/delete/", {"password": "password-alice"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert User.objects.filter(pk=alice.pk).exists()


def test_another_users_account_is_untouched(alice, charlie_client, charlie):
    charlie_client.post("/data/account/delete/", {"password": "password-charlie"})
    assert not User.objects.filter(pk=charlie.pk).exists()
    assert (
        User.objects.filter(pk=alice.pk).exists()
        and Workspace.objects.filter(pk=alice.current_workspace_id).exists()
    )


def test_a_user_alone_in_a_team_workspace_takes_it_with_them(alice):
    solo = workspace_create(name="Solo", owner=alice)
    user_create(email="other@example.com", password="password-other", name="Other")
    call_command("account", "delete", "alice@example.com", "--yes")
    assert not Workspace.objects.filter(pk=solo.pk).exists()
