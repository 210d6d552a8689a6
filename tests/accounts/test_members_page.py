"""The Members page (/settings/members/): owners and admins manage the team; everyone else reads it."""

import pytest
from django.core import mail
from django.test import Client

from kenal.accounts.models import Invitation, Membership, User, Workspace
from kenal.accounts.services import invitation_create, membership_add, workspace_create
from kenal.commitments.models import Commitment
from kenal.people.services import employment_add, organization_save, person_create

PAGE = "/settings/members/"


def _membership(user, workspace):
    return Membership.objects.get(user=user, workspace=workspace)


def test_an_owner_sees_the_members_with_their_roles_and_the_tools(alice_client, bob, vera):
    body = alice_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "bob@example.com" in body and "vera@example.com" in body
    assert "Viewer" in body and "Change the role" in body
    assert 'action="/settings/members/invite/"' in body and "/remove/" in body and "/transfer/" in body


@pytest.mark.parametrize("persona", ["bob_client", "vera_client"])
def test_members_and_viewers_read_the_list_without_the_tools(request, persona, alice):
    body = request.getfixturevalue(persona).get(PAGE).content.decode()
    assert "alice@example.com" in body
    assert "/settings/members/invite/" not in body and "/remove/" not in body and "/role/" not in body


def test_the_settings_and_the_user_menu_link_to_it(alice_client):
    assert PAGE in alice_client.get("/accounts/settings/").content.decode()


def test_an_owner_invites_the_address_is_shown_once_and_emailed(alice_client, workspace):
    response = alice_client.post(PAGE + "invite/", {"email": "dina@example.com", "role": "viewer"})
    assert response.status_code == 302
    body = alice_client.get(PAGE).content.decode()
    invitation = Invitation.objects.get()
    assert invitation.role == "viewer" and invitation.workspace == workspace
    (sent,) = mail.outbox
    url = next(line for line in sent.body.splitlines() if "/invite/" in line)
    assert url.startswith("http://localhost:8000/invite/") and url in body
    assert "dina@example.com" in body  # among the pending invitations
    assert url not in alice_client.get(PAGE).content.decode()  # shown once, only the hash is kept


def test_when_the_email_fails_the_address_is_still_shown_to_copy(alice_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr("kenal.accounts.services.send_mail", refuse)
    alice_client.post(PAGE + "invite/", {"email": "dina@example.com", "role": "member"})
    body = alice_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/invite/" in body and Invitation.objects.count() == 1


def test_a_bad_invitation_is_explained(alice_client, bob):
    alice_client.post(PAGE + "invite/", {"email": "bob@example.com", "role": "member"})
    assert "sudah menjadi anggota" in alice_client.get(PAGE).content.decode()
    assert not Invitation.objects.exists()


def test_an_owner_changes_a_role_and_removes_a_member(alice_client, workspace, bob):
    membership = _membership(bob, workspace)
    assert alice_client.post(f"{PAGE}{membership.pk}/role/", {"role": "viewer"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"
    assert alice_client.post(f"{PAGE}{membership.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=bob.pk).exists()


def test_the_last_owner_is_kept(alice_client, workspace, alice):
    membership = _membership(alice, workspace)
    alice_client.post(f"{PAGE}{membership.pk}/role/", {"role": "member"})
    alice_client.post(f"{PAGE}{membership.pk}/remove/")
    membership.refresh_from_db()
    assert membership.role == "owner"
    assert "pemilik" in alice_client.get(PAGE).content.decode()


def test_an_owner_withdraws_an_invitation(alice_client, workspace, alice, client):
    invitation, token = invitation_create(workspace=workspace, email="x@example.com", role="member", by=alice)
    assert alice_client.post(f"{PAGE}invitations/{invitation.pk}/revoke/").status_code == 302
    assert Client().get(f"/invite/{token}/").status_code == 410


def test_an_owner_transfers_ownership_and_stays_as_admin(alice_client, workspace, alice, bob):
    alice_client.post(PAGE + "transfer/", {"member": _membership(bob, workspace).pk})
    assert _membership(bob, workspace).role == "owner"
    assert _membership(alice, workspace).role == "admin"


def test_an_owner_deletes_a_team_workspace_once_its_name_is_typed(alice_client, alice):
    team = workspace_create(name="Cahaya PR", owner=alice)
    alice_client.post(PAGE + "delete-workspace/", {"confirm": "cahaya"})
    assert Workspace.objects.filter(pk=team.pk).exists()
    response = alice_client.post(PAGE + "delete-workspace/", {"confirm": "Cahaya PR"})
    assert response.status_code == 302
    assert not Workspace.objects.filter(pk=team.pk).exists()
    # She is back in her personal workspace.
    assert alice_client.get("/people/").status_code == 200


def test_the_personal_workspace_is_never_deleted(alice_client, workspace):
    body = alice_client.get(PAGE).content.decode()
    assert "/delete-workspace/" not in body
    alice_client.post(PAGE + "delete-workspace/", {"confirm": workspace.name})
    assert Workspace.objects.filter(pk=workspace.pk).exists()


def test_an_admin_manages_members_but_neither_transfers_nor_deletes(bob_client, workspace, alice, bob, vera):
    Membership.objects.filter(user=bob, workspace=workspace).update(role="admin")
    assert (
        bob_client.post(f"{PAGE}{_membership(vera, workspace).pk}/role/", {"role": "member"}).status_code
        == 302
    )
    assert _membership(vera, workspace).role == "member"
    assert bob_client.post(PAGE + "transfer/", {"member": _membership(vera, workspace).pk}).status_code == 403
    assert bob_client.post(PAGE + "delete-workspace/", {"confirm": workspace.name}).status_code == 403
    assert _membership(alice, workspace).role == "owner"


@pytest.mark.parametrize(
    "action",
    [
        "invite/",
        "{bob}/role/",
        "{bob}/remove/",
        "invitations/{inv}/revoke/",
        "transfer/",
        "delete-workspace/",
    ],
)
def test_a_member_gets_403_on_every_change(bob_client, workspace, alice, bob, action):
    invitation, _ = invitation_create(workspace=workspace, email="x@example.com", role="member", by=alice)
    path = PAGE + action.format(bob=_membership(alice, workspace).pk, inv=invitation.pk)
    response = bob_client.post(
        path, {"email": "y@example.com", "role": "owner", "member": "1", "confirm": "x"}
    )
    assert response.status_code == 403
    assert _membership(alice, workspace).role == "owner" and Invitation.objects.count() == 1


@pytest.mark.parametrize("action", ["{bob}/role/", "{bob}/remove/", "invitations/{inv}/revoke/"])
def test_an_outsider_gets_404_for_anothers_members_and_invitations(
    charlie_client, workspace, alice, bob, action
):
    invitation, _ = invitation_create(workspace=workspace, email="x@example.com", role="member", by=alice)
    path = PAGE + action.format(bob=_membership(bob, workspace).pk, inv=invitation.pk)
    assert charlie_client.post(path, {"role": "viewer"}).status_code == 404
    assert _membership(bob, workspace).role == "member"
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_outsider_cannot_transfer_anothers_workspace(charlie_client, workspace, bob):
    # Charlie owns only his own workspace; alice's memberships are not his to name.
    assert (
        charlie_client.post(PAGE + "transfer/", {"member": _membership(bob, workspace).pk}).status_code == 404
    )
    assert _membership(bob, workspace).role == "member"


@pytest.mark.parametrize("action", ["invite/", "1/role/", "1/remove/", "invitations/1/revoke/", "transfer/"])
def test_the_changes_take_only_a_post(alice_client, action):
    assert alice_client.get(PAGE + action).status_code == 405


def test_logged_out_it_asks_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_removed_teammates_promise_stays_under_their_name(alice, bob, bob_client, alice_client):
    """Story 004: a colleague's promises stay on the organization and the person after they leave."""
    team = workspace_create(name="Cahaya PR", owner=alice)
    membership_add(workspace=team, user=bob, role="member")
    bob.current_workspace = team
    bob.save(update_fields=["current_workspace"])
    organization = organization_save(workspace=team, name="Dinas Kominfo")
    bambang = person_create(workspace=team, user=alice, full_name="Bambang Wijaya")
    employment_add(person=bambang, organization=organization)
    added = bob_client.post(
        f"/promises/person/{bambang.pk}/add/", {"promise-what": "Kirim teknisi", "promise-debtor": "me"}
    )
    assert added.status_code == 302
    promise = Commitment.objects.get(workspace=team)
    assert promise.debtor_user == bob

    alice_client.post(f"{PAGE}{_membership(bob, team).pk}/remove/")
    assert not Membership.objects.filter(user=bob, workspace=team).exists()
    assert Commitment.objects.filter(pk=promise.pk, debtor_user=bob).exists()
    for page in (f"/people/{bambang.pk}/", f"/people/organizations/{organization.pk}/"):
        body = alice_client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Kirim teknisi" in body and "Bob Pratama" in body, page
