"""POST/GET /api/members/invitations and DELETE /api/members/invitations/{id}: owners and admins invite."""

import json

import pytest
from django.test import override_settings

from kenal.accounts.models import Invitation, Membership
from kenal.accounts.services import invitation_create, token_create


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


@override_settings(KENAL_BASE_URL="https://kenal.example.org")
def test_an_owner_invites_and_gets_the_address_and_its_expiry(api, alice_token, client, now):
    response = api("post", "/members/invitations", alice_token, email="dina@example.com", role="viewer")
    assert response.status_code == 201
    body = response.json()
    assert body["url"].startswith("https://kenal.example.org/invite/") and body["url"].endswith("/")
    assert body["expires_at"].startswith("2026-03-10")
    assert Invitation.objects.get().role == "viewer"
    assert client.get(body["url"].removeprefix("https://kenal.example.org")).status_code == 200


def test_an_admin_invites_too(api, workspace, bob):
    Membership.objects.filter(user=bob, workspace=workspace).update(role="admin")
    key = token_create(user=bob, name="test")[1]
    response = api("post", "/members/invitations", key, email="dina@example.com", role="member")
    assert response.status_code == 201


def test_a_bad_role_or_email_is_a_400_naming_the_field(api, alice_token):
    response = api("post", "/members/invitations", alice_token, email="dina@example.com", role="boss")
    assert response.status_code == 400 and "role" in response.json()["errors"]
    response = api("post", "/members/invitations", alice_token, email="dina", role="member")
    assert response.status_code == 400 and "email" in response.json()["errors"]
    assert not Invitation.objects.exists()


def test_a_member_may_not_invite_list_or_revoke(api, workspace, alice, bob):
    invitation, _token = invitation_create(
        workspace=workspace, email="x@example.com", role="member", by=alice
    )
    key = token_create(user=bob, name="test")[1]
    assert (
        api("post", "/members/invitations", key, email="dina@example.com", role="member").status_code == 403
    )
    assert api("get", "/members/invitations", key).status_code == 403
    assert api("delete", f"/members/invitations/{invitation.pk}", key).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_viewer_may_not_invite(api, vera_token):
    response = api("post", "/members/invitations", vera_token, email="dina@example.com", role="member")
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_pending_invitations_are_listed_and_one_is_revoked(api, alice_token, workspace, alice, client):
    invitation, token = invitation_create(workspace=workspace, email="x@example.com", role="member", by=alice)
    listed = api("get", "/members/invitations", alice_token).json()
    assert [(i["email"], i["role"], i["invited_by"]) for i in listed] == [
        ("x@example.com", "member", "alice@example.com")
    ]
    assert api("delete", f"/members/invitations/{invitation.pk}", alice_token).status_code == 204
    assert api("get", "/members/invitations", alice_token).json() == []
    assert client.get(f"/invite/{token}/").status_code == 410


def test_an_outsider_cannot_see_or_revoke_anothers_invitations(api, workspace, alice, charlie_token):
    invitation, _token = invitation_create(
        workspace=workspace, email="x@example.com", role="member", by=alice
    )
    # Charlie owns his own workspace: he sees its (empty) list, and another's invitation is a 404.
    assert api("get", "/members/invitations", charlie_token).json() == []
    assert api("delete", f"/members/invitations/{invitation.pk}", charlie_token).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_without_a_token_it_is_a_401(client):
    assert client.get("/api/members/invitations").status_code == 401
    assert client.post("/api/members/invitations", "{}", content_type="application/json").status_code == 401
