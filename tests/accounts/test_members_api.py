"""GET/PATCH/DELETE /api/members: owners and admins manage the team; a workspace keeps one owner."""

import json

import pytest

from kenal.accounts.models import AuditEntry, Membership
from kenal.accounts.services import token_create
from kenal.commitments.services import commitment_create


@pytest.fixture
def api(client):
    def call(method, url, token, **data):
        return getattr(client, method)(
            f"/api{url}",
            json.dumps(data) if data else None,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    return call


def _membership(user, workspace):
    return Membership.objects.get(user=user, workspace=workspace)


def test_it_lists_the_members_with_their_roles(api, alice_token, bob, vera):
    members = api("get", "/members", alice_token).json()
    assert {(m["user"]["email"], m["role"]) for m in members} == {
        ("alice@example.com", "owner"),
        ("bob@example.com", "member"),
        ("vera@example.com", "viewer"),
    }
    assert members[0]["user"]["name"] == "Alice Wulandari"


def test_an_owner_changes_a_role_and_it_is_audited(api, alice_token, workspace, bob):
    response = api("patch", f"/members/{_membership(bob, workspace).pk}", alice_token, role="admin")
    assert response.status_code == 200 and response.json()["role"] == "admin"
    assert AuditEntry.objects.filter(action="member.role", detail="admin").exists()


def test_a_member_or_a_viewer_cannot_manage_members(api, workspace, bob, vera, vera_token):
    bob_token = token_create(user=bob)[1]
    target = _membership(vera, workspace).pk
    assert api("patch", f"/members/{target}", bob_token, role="owner").status_code == 403
    assert api("delete", f"/members/{target}", bob_token).status_code == 403
    assert api("delete", f"/members/{target}", vera_token).status_code == 403
    assert _membership(vera, workspace).role == "viewer"


def test_an_admin_manages_members_but_not_owners(api, workspace, alice, bob, vera):
    Membership.objects.filter(user=bob).update(role="admin")
    bob_token = token_create(user=bob)[1]
    assert (
        api("patch", f"/members/{_membership(vera, workspace).pk}", bob_token, role="member").status_code
        == 200
    )
    refused = api("patch", f"/members/{_membership(alice, workspace).pk}", bob_token, role="viewer")
    assert refused.status_code == 400 and "errors" in refused.json()
    assert api("delete", f"/members/{_membership(alice, workspace).pk}", bob_token).status_code == 400
    assert _membership(alice, workspace).role == "owner"


def test_the_last_owner_can_be_neither_demoted_nor_removed(api, alice_token, alice, workspace):
    mine = _membership(alice, workspace).pk
    demoted = api("patch", f"/members/{mine}", alice_token, role="member")
    assert demoted.status_code == 400 and demoted.json()["errors"]["role"]
    assert api("delete", f"/members/{mine}", alice_token).status_code == 400
    assert api("patch", f"/members/{mine}", alice_token, role="boss").status_code == 400
    assert _membership(alice, workspace).role == "owner"


def test_removing_a_member_keeps_what_they_promised(api, alice_token, workspace, bob, person, now):
    promise = commitment_create(workspace=workspace, user=bob, person=person, what="Kirim foto acara")
    assert api("delete", f"/members/{_membership(bob, workspace).pk}", alice_token).status_code == 204
    assert not Membership.objects.filter(user=bob, workspace=workspace).exists()
    promise.refresh_from_db()
    assert promise.workspace == workspace


def test_an_outsider_sees_and_touches_none_of_the_members(api, charlie_token, workspace, bob):
    listed = api("get", "/members", charlie_token).json()
    assert [m["user"]["email"] for m in listed] == ["charlie@example.com"]
    assert api("delete", f"/members/{_membership(bob, workspace).pk}", charlie_token).status_code == 404
    assert (
        api("patch", f"/members/{_membership(bob, workspace).pk}", charlie_token, role="viewer").status_code
        == 404
    )
