"""Passwords: changed and reset in the web, checked by the validators everywhere, stored with Argon2."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core import mail

from kenal.accounts.models import User
from kenal.accounts.services import user_create

ROOT = Path(__file__).resolve().parents[2]


def test_a_user_changes_her_password(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/",
        {
            "old_password": "password-alice",
            "new_password1": "rumah-gadang-77",
            "new_password2": "rumah-gadang-77",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("rumah-gadang-77")
    assert alice_client.get("/people/").status_code == 200  # still logged in


def test_a_weak_new_password_is_refused_with_the_reason(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/",
        {"old_password": "password-alice", "new_password1": "12345678", "new_password2": "12345678"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("password-alice")


def test_a_viewer_may_change_her_own_password(vera_client, vera):
    response = vera_client.post(
        "/accounts/password/",
        {
            "old_password": "password-vera",
            "new_password1": "rumah-gadang-77",
            "new_password2": "rumah-gadang-77",
        },
    )
    assert response.status_code == 302


def test_a_reset_link_comes_by_email_from_the_base_url_not_the_host_header(client, alice, settings):
    settings.KENAL_BASE_URL = "https://kenal.example.id"
    response = client.post("/accounts/password/reset/", {"email": "ALICE@example.com"}, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"(\S+/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    assert link.startswith("https://kenal.example.id/accounts/password/reset/")
    path = link.removeprefix("https://kenal.example.id")
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "rumah-gadang-77", "new_password2": "rumah-gadang-77"}
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("rumah-gadang-77")
    # The link works once.
    assert "no longer works" in client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302 and response.url == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_reset_pages_speak_indonesian(client, db):
    page = client.get("/accounts/password/reset/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Lupa kata sandi?" in page


def test_a_new_password_is_stored_with_argon2_under_the_real_settings(db, settings):
    from kenal import settings as real

    settings.PASSWORD_HASHERS = real.PASSWORD_HASHERS
    user = user_create(email="dina@example.com", password="rumah-gadang-77", name="Dina")
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def _adduser(tmp_path, password):
    env = {
        **os.environ,
        "KENAL_HOME": str(tmp_path),
        "KENAL_PASSWORD": password,
        "DJANGO_SETTINGS_MODULE": "kenal.settings",
    }
    env.pop("KENAL_DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "kenal.cli", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    return subprocess.run(
        [sys.executable, "-m", "kenal.cli", "adduser", "dina@example.com"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_adduser_refuses_a_weak_password_without_a_traceback(tmp_path):
    result = _adduser(tmp_path, "1")
    assert result.returncode != 0
    assert "terlalu pendek" in result.stderr and "Traceback" not in result.stderr
