"""Personas shared by every test: alice owns the workspace, bob is her teammate, vera may only read it,
charlie is an outsider."""

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kenal.accounts.models import Membership
from kenal.accounts.services import membership_add, token_create, user_create

JAKARTA = ZoneInfo("Asia/Jakarta")
# Tests run at a fixed moment: Tuesday 3 March 2026, 10:00 in Jakarta.
NOW = datetime(2026, 3, 3, 10, 0, tzinfo=JAKARTA)


@pytest.fixture(autouse=True, scope="session")
def _client_login_passes_a_request():
    """django-axes checks every password login against its request, which Client.login doesn't pass:
    give it one, so `client.login(...)` keeps working (force_login needs nothing)."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory
    from django.test.client import ClientMixin

    original = ClientMixin.login

    def login(self, **credentials):
        user = authenticate(RequestFactory().post("/accounts/login/"), **credentials)
        if user is None:
            return False
        self._login(user)
        return True

    ClientMixin.login = login
    yield
    ClientMixin.login = original


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def alice(db):
    return user_create(email="alice@example.com", password="password-alice", name="Alice Wulandari")


@pytest.fixture
def workspace(alice):
    return alice.current_workspace


@pytest.fixture
def bob(db, workspace):
    bob = user_create(email="bob@example.com", password="password-bob", name="Bob Pratama")
    membership_add(workspace=workspace, user=bob, role=Membership.Role.MEMBER)
    bob.current_workspace = workspace
    bob.save(update_fields=["current_workspace"])
    return bob


@pytest.fixture
def vera(db, workspace):
    """A viewer of alice's workspace: she reads everything and changes nothing."""
    vera = user_create(email="vera@example.com", password="password-vera", name="Vera Viewer")
    membership_add(workspace=workspace, user=vera, role=Membership.Role.VIEWER)
    vera.current_workspace = workspace
    vera.save(update_fields=["current_workspace"])
    return vera


@pytest.fixture
def vera_client(vera):
    from django.test import Client

    client = Client()
    client.force_login(vera)
    return client


@pytest.fixture
def vera_token(vera):
    return token_create(user=vera, name="test")[1]


@pytest.fixture
def charlie(db):
    """An outsider with a workspace of his own."""
    return user_create(email="charlie@example.com", password="password-charlie", name="Charlie Outsider")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def charlie_client(charlie):
    # A client of his own, so a test can use alice_client and charlie_client side by side.
    from django.test import Client

    client = Client()
    client.force_login(charlie)
    return client


@pytest.fixture
def bob_client(bob):
    from django.test import Client

    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def alice_token(alice):
    return token_create(user=alice, name="test")[1]


@pytest.fixture
def charlie_token(charlie):
    return token_create(user=charlie, name="test")[1]


@pytest.fixture
def person(workspace, alice):
    from kenal.people.services import contact_point_add, person_create

    yuna = person_create(
        workspace=workspace,
        user=alice,
        full_name="Yuna Kristina",
        salutation="Bu",
        nickname="Yuna",
        stage="friend",
    )
    contact_point_add(person=yuna, kind="phone", value="0813-1111-0001")
    contact_point_add(person=yuna, kind="email", value="Yuna@Example.com")
    return yuna


# Playwright driving Debian's Chromium; screenshots land in test-artifacts/ for a person to look at.
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo_viewer(vera):
    """Vera, a viewer of the demo's full workspace: every section has something in it."""
    from kenal.accounts.demo import demo_load

    workspace = demo_load().current_workspace
    membership_add(workspace=workspace, user=vera, role=Membership.Role.VIEWER)
    vera.current_workspace = workspace
    vera.save(update_fields=["current_workspace"])
    return workspace
