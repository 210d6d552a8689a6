"""Invitations: an owner or admin invites an email with a role; the address works once, for 7 days."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from kenal.accounts.models import Invitation, Membership, User
from kenal.accounts.services import (
    invitation_accept,
    invitation_create,
    invitation_email,
    invitation_revoke,
    user_create,
)


@pytest.fixture
def invited(workspace, alice):
    """An invitation for dina, who has no account yet, to join alice's workspace as a member."""
    return invitation_create(workspace=workspace, email="Dina@Example.com", role="member", by=alice)


def _path(token):
    return f"/invite/{token}/"


def test_only_the_hash_of_the_token_is_kept_and_it_expires_in_7_days(invited, now):
    invitation, token = invited
    assert invitation.email == "dina@example.com"
    assert token not in invitation.token_hash and invitation.token_hash == Invitation.hash_token(token)
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=1)
    )


def test_a_member_or_viewer_may_not_invite(workspace, bob, vera):
    for user in (bob, vera):
        with pytest.raises(PermissionDenied):
            invitation_create(workspace=workspace, email="x@example.com", role="member", by=user)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_a_bad_role_an_existing_member_and_a_bad_email_are_refused(english, workspace, alice, bob):
    with pytest.raises(ValidationError, match="owner, admin, member or viewer"):
        invitation_create(workspace=workspace, email="x@example.com", role="boss", by=alice)
    with pytest.raises(ValidationError, match="already a member"):
        invitation_create(workspace=workspace, email="BOB@example.com", role="viewer", by=alice)
    with pytest.raises(ValidationError):
        invitation_create(workspace=workspace, email="not an email", role="viewer", by=alice)


def test_an_admin_may_not_invite_an_owner(english, workspace, bob):
    Membership.objects.filter(user=bob).update(role="admin")
    with pytest.raises(ValidationError, match="Only an owner"):
        invitation_create(workspace=workspace, email="x@example.com", role="owner", by=bob)


def test_inviting_the_same_email_again_withdraws_the_first_address(client, workspace, alice):
    _first, first_token = invitation_create(
        workspace=workspace, email="x@example.com", role="member", by=alice
    )
    invitation_create(workspace=workspace, email="x@example.com", role="viewer", by=alice)
    assert client.get(_path(first_token)).status_code == 410


def test_the_invitation_works_once(english, invited, charlie, workspace):
    invitation, _token = invited
    dina = user_create(email="dina@example.com", password="rahasia-dina-123")
    membership = invitation_accept(invitation=invitation, user=dina)
    assert membership.role == "member" and membership.workspace == workspace
    dina.refresh_from_db()
    assert dina.current_workspace == workspace
    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(invitation=invitation, user=dina)


def test_someone_with_another_email_cannot_accept(invited, charlie):
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=invited[0], user=charlie)
    assert not Membership.objects.filter(user=charlie, workspace=invited[0].workspace).exists()


# The command


def test_invite_prints_the_absolute_address_on_its_last_line(workspace, alice, capsys, client):
    with override_settings(KENAL_BASE_URL="https://kenal.example.org"):
        call_command(
            "invite",
            "dina@example.com",
            "--workspace",
            str(workspace.pk),
            "--role",
            "viewer",
            "--by",
            alice.email,
        )
    url = capsys.readouterr().out.strip().splitlines()[-1]
    assert url.startswith("https://kenal.example.org/invite/") and url.endswith("/")
    assert Invitation.objects.get().role == "viewer"
    assert "dina@example.com" in client.get(url.removeprefix("https://kenal.example.org")).content.decode()


@pytest.mark.parametrize(
    ("workspace_id", "role", "by", "message"),
    [
        (999999, "member", "alice@example.com", "No workspace with the id 999999"),
        (None, "member", "bob@example.com", "not an owner or admin"),
        (None, "member", "ghost@example.com", "No user with the email ghost@example.com"),
        (None, "boss", "alice@example.com", "owner, admin, member or viewer"),
    ],
)
def test_invite_explains_a_refusal_in_one_line(english, workspace, bob, workspace_id, role, by, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command(
            "invite",
            "x@example.com",
            "--workspace",
            str(workspace_id or workspace.pk),
            "--role",
            role,
            "--by",
            by,
        )
    assert "\n" not in str(refused.value)
    assert not Invitation.objects.exists()


# The page behind the address


def test_a_visitor_without_an_account_sets_a_password_and_lands_in_the_workspace(client, invited, workspace):
    _invitation, token = invited
    page = client.get(_path(token))
    assert page.status_code == 200 and "dina@example.com" in page.content.decode()
    response = client.post(
        _path(token), {"name": "Dina Lestari", "password1": "kopi-susu-2026", "password2": "kopi-susu-2026"}
    )
    assert response.status_code == 302
    dina = User.objects.get(email="dina@example.com")
    assert dina.check_password("kopi-susu-2026") and dina.get_full_name() == "Dina Lestari"
    assert Membership.objects.get(user=dina, workspace=workspace).role == "member"
    assert dina.current_workspace == workspace
    # Logged in, acting in the team workspace.
    assert client.get("/settings/members/").context["request"].workspace == workspace


def test_a_weak_password_is_refused_with_the_reason_and_the_name_kept(client, invited):
    response = client.post(
        _path(invited[1]), {"name": "Dina Lestari", "password1": "12345", "password2": "12345"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "errorlist" in body and "Dina Lestari" in body
    assert not User.objects.filter(email="dina@example.com").exists()


def test_a_visitor_whose_email_has_an_account_is_asked_to_log_in(client, invited):
    user_create(email="dina@example.com", password="rahasia-dina-123")
    body = client.get(_path(invited[1])).content.decode()
    assert f"/accounts/login/?next=%2Finvite%2F{invited[1]}%2F" in body
    assert client.post(_path(invited[1]), {"password1": "x"}).status_code == 200
    assert not Membership.objects.filter(
        workspace=invited[0].workspace, user__email="dina@example.com"
    ).exists()


def test_a_logged_in_user_with_the_invited_email_accepts_with_one_button(client, invited, workspace):
    dina = user_create(email="dina@example.com", password="rahasia-dina-123")
    client.force_login(dina)
    assert (
        "Accept the invitation" in client.get(_path(invited[1]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert client.post(_path(invited[1])).status_code == 302
    assert Membership.objects.get(user=dina, workspace=workspace).role == "member"


def test_any_other_logged_in_user_is_refused(charlie_client, invited, charlie):
    response = charlie_client.get(_path(invited[1]))
    assert response.status_code == 403 and "charlie@example.com" in response.content.decode()
    assert charlie_client.post(_path(invited[1])).status_code == 403
    assert not Membership.objects.filter(user=charlie, workspace=invited[0].workspace).exists()


def test_a_viewer_elsewhere_may_still_accept_an_invitation_to_her(vera_client, vera, charlie):
    invitation, token = invitation_create(
        workspace=charlie.current_workspace, email=vera.email, role="member", by=charlie
    )
    assert vera_client.post(_path(token)).status_code == 302
    assert Membership.objects.get(user=vera, workspace=invitation.workspace).role == "member"


def test_a_used_revoked_expired_or_unknown_address_says_so(client, invited, alice, time_machine):
    invitation, token = invited
    assert client.get("/invite/not-a-token/").status_code == 404
    invitation_revoke(invitation=invitation, by=alice)
    response = client.get(_path(token), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert (
        client.post(
            _path(token), {"name": "D", "password1": "kopi-susu-2026", "password2": "kopi-susu-2026"}
        ).status_code
        == 410
    )
    assert not User.objects.filter(email="dina@example.com").exists()
    fresh, fresh_token = invitation_create(
        workspace=invitation.workspace, email="eko@example.com", role="member", by=alice
    )
    time_machine.move_to(fresh.expires_at + timedelta(minutes=1))
    assert client.get(_path(fresh_token)).status_code == 410


def test_the_refusal_pages_speak_indonesian(client, invited, alice):
    invitation_revoke(invitation=invited[0], by=alice)
    body = client.get(_path(invited[1]), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Undangan ini" in body


# The email


@pytest.mark.parametrize(("language", "words"), [("id", "mengundang Anda"), ("en", "invites you")])
def test_the_email_speaks_the_inviters_language(invited, alice, language, words):
    alice.language = language
    alice.save(update_fields=["language"])
    invitation_email(invitation=invited[0], url="http://localhost:8000" + _path(invited[1]))
    (sent,) = mail.outbox
    assert words in sent.subject and sent.to == ["dina@example.com"]
    assert _path(invited[1]) in sent.body


def test_after_logging_in_the_invited_one_comes_back_to_accept(client, invited, workspace):
    user_create(email="dina@example.com", password="rahasia-dina-123")
    path = _path(invited[1])
    response = client.post(
        "/accounts/login/", {"username": "dina@example.com", "password": "rahasia-dina-123", "next": path}
    )
    assert response.status_code == 302 and response["Location"] == path
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user__email="dina@example.com", workspace=workspace).exists()
