"""Connecting a WhatsApp Business number from the settings page and from `kenal whatsapp`."""

import pytest
from django.core.management import CommandError, call_command

from kenal.capture.models import WhatsAppConnection
from kenal.lib.sealed import unseal
from tests.capture.conftest import APP_SECRET, PHONE_NUMBER_ID

pytestmark = pytest.mark.django_db


def test_the_settings_page_links_to_live_capture(alice_client):
    assert 'href="/capture/"' in alice_client.get("/accounts/settings/").content.decode()


def test_it_connects_a_number_and_shows_the_webhook_address(alice_client, workspace):
    response = alice_client.post(
        "/capture/whatsapp/",
        {"phone_number_id": PHONE_NUMBER_ID, "verify_token": "kenal-verify", "app_secret": APP_SECRET},
        follow=True,
    )
    connection = WhatsAppConnection.objects.get()
    assert connection.workspace == workspace
    page = response.content.decode()
    assert f"http://localhost:8000/hooks/whatsapp/{connection.secret}/" in page
    assert APP_SECRET not in page


def test_the_app_secret_is_stored_encrypted(connection, settings):
    assert APP_SECRET not in connection.app_secret_sealed
    assert (
        unseal(connection.app_secret_sealed, secret_key=settings.SECRET_KEY, purpose="whatsapp-app-secret")
        == APP_SECRET
    )


def test_it_refuses_a_number_already_connected_and_keeps_what_was_typed(alice_client, connection):
    response = alice_client.post(
        "/capture/whatsapp/",
        {"phone_number_id": PHONE_NUMBER_ID, "verify_token": "another", "app_secret": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert 'value="another"' in response.content.decode()
    assert WhatsAppConnection.objects.count() == 1


def test_it_disconnects_a_number(alice_client, connection):
    alice_client.post(f"/capture/whatsapp/{connection.pk}/remove/")
    assert WhatsAppConnection.objects.count() == 0


def test_the_command_prints_the_webhook_address_on_its_last_line(alice, monkeypatch, capsys):
    monkeypatch.setenv("META_APP_SECRET", APP_SECRET)
    call_command(
        "whatsapp",
        "connect",
        "--user=alice@example.com",
        f"--phone-number-id={PHONE_NUMBER_ID}",
        "--verify-token=kenal-verify",
        "--app-secret-env=META_APP_SECRET",
    )
    connection = WhatsAppConnection.objects.get()
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"/hooks/whatsapp/{connection.secret}/"


def test_the_command_refuses_an_empty_app_secret_variable(alice, monkeypatch):
    monkeypatch.delenv("META_APP_SECRET", raising=False)
    with pytest.raises(CommandError, match="META_APP_SECRET"):
        call_command(
            "whatsapp",
            "connect",
            "--user=alice@example.com",
            f"--phone-number-id={PHONE_NUMBER_ID}",
            "--verify-token=t",
            "--app-secret-env=META_APP_SECRET",
        )
    assert WhatsAppConnection.objects.count() == 0


def test_the_command_refuses_a_workspace_the_user_is_not_in(alice, charlie, monkeypatch):
    monkeypatch.setenv("META_APP_SECRET", APP_SECRET)
    with pytest.raises(CommandError, match="not a member"):
        call_command(
            "whatsapp",
            "connect",
            "--user=alice@example.com",
            f"--workspace={charlie.current_workspace.pk}",
            f"--phone-number-id={PHONE_NUMBER_ID}",
            "--verify-token=t",
            "--app-secret-env=META_APP_SECRET",
        )
