import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kenal.accounts.demo import demo_load
from kenal.accounts.models import Membership, User


def test_adduser_creates_a_user_with_a_personal_workspace(db, monkeypatch, capsys):
    monkeypatch.setenv("KENAL_PASSWORD", "rahasia-sekali")
    call_command("adduser", "sari@example.com")
    user = User.objects.get(email="sari@example.com")
    assert user.check_password("rahasia-sekali")
    assert Membership.objects.get(user=user).role == "owner"


def test_adduser_refuses_a_duplicate(alice, monkeypatch):
    monkeypatch.setenv("KENAL_PASSWORD", "x-password")
    with pytest.raises(CommandError, match="already exists"):
        call_command("adduser", "alice@example.com")


def test_adduser_refuses_a_bad_email(db, monkeypatch):
    monkeypatch.setenv("KENAL_PASSWORD", "x-password")
    with pytest.raises(CommandError, match="not an email"):
        call_command("adduser", "not-an-email")


def test_token_create_prints_a_working_token_on_its_last_line(alice, client, capsys):
    call_command("token", "create", "alice@example.com")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_token_create_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("token", "create", "ghost@example.com")


def test_serve_refuses_a_public_address_while_the_demo_account_exists(db):
    demo_load()
    with pytest.raises(CommandError, match="demo account"):
        call_command("serve", host="0.0.0.0", port=8999)
