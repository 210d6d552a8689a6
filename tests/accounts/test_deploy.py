"""Putting Kenal on the internet: one HTTPS switch, loopback hosts by default, private files, idle sessions."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import time_machine
from django.utils import timezone

from kenal.accounts.http import absolute_url

ROOT = Path(__file__).resolve().parents[2]


def _kenal(tmp_path, *args, **env):
    environment = dict(os.environ)
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests of the same session; a server never has it.
    for name in (
        "KENAL_DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
        "KENAL_SECRET_KEY",
        "KENAL_ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        environment.pop(name, None)
    environment.update(KENAL_HOME=str(tmp_path / "home"), **env)
    return subprocess.run(
        [sys.executable, "-m", "kenal.cli", *args], env=environment, cwd=ROOT, capture_output=True, text=True
    )


def test_the_https_switch_passes_the_deploy_check(tmp_path):
    result = _kenal(tmp_path, "check", "--deploy", "--fail-level", "WARNING", KENAL_HTTPS="1")
    assert result.returncode == 0, result.stderr


def test_without_the_switch_the_deploy_check_warns(tmp_path):
    result = _kenal(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr


def _last_line(result) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_the_https_switch_sets_what_a_proxy_needs(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.KENAL_BASE_URL, s.ALLOWED_HOSTS)"
    )
    result = _kenal(tmp_path, "shell", "-c", code, KENAL_HTTPS="1", KENAL_ALLOWED_HOSTS="crm.agensi.id")
    assert _last_line(result) == (
        "('HTTP_X_FORWARDED_PROTO', 'https') True True True True https://crm.agensi.id ['crm.agensi.id']"
    )
    plain = _kenal(tmp_path, "shell", "-c", code)
    assert _last_line(plain) == (
        "None False False False False http://localhost:8000 ['localhost', '127.0.0.1', '[::1]']"
    )


def test_the_old_secure_cookies_switch_still_works(tmp_path):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    assert _last_line(_kenal(tmp_path, "shell", "-c", code, KENAL_SECURE_COOKIES="1")) == "True False"


def test_kenal_home_and_the_database_are_private(tmp_path):
    assert _kenal(tmp_path, "migrate", "-v", "0").returncode == 0
    home = tmp_path / "home"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "kenal.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "secret_key").stat().st_mode) == 0o600


def test_an_unknown_host_header_is_refused(client, alice_client):
    assert alice_client.get("/people/", HTTP_HOST="evil.example").status_code == 400


def test_addresses_for_outside_come_from_the_base_url_not_the_host(alice_client, settings):
    settings.KENAL_BASE_URL = "https://crm.agensi.id"
    assert absolute_url("/feeds/abc/") == "https://crm.agensi.id/feeds/abc/"
    alice_client.post("/agenda/settings/feed/")
    page = alice_client.get("/agenda/settings/", HTTP_HOST="localhost").content.decode()
    assert "https://crm.agensi.id/feeds/" in page


def test_an_idle_session_expires_and_an_active_one_does_not(alice_client, settings):
    idle = settings.SESSION_COOKIE_AGE
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert alice_client.get("/people/").status_code == 200
        # Active: a request every half of the idle time keeps the session.
        for _ in range(3):
            traveller.shift(idle / 2)
            assert alice_client.get("/people/").status_code == 200
        traveller.shift(idle + 60)
        response = alice_client.get("/people/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_idle_time_is_configurable(tmp_path):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE)"
    assert _last_line(_kenal(tmp_path, "shell", "-c", code, KENAL_SESSION_IDLE_MINUTES="30")) == "1800"
