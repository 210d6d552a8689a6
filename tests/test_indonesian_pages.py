"""Indonesian pages speak Indonesian: the terms of shared/UI.md, local numbers and dates, no internal keys."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from kenal.accounts.demo import demo_load

# English words that have an Indonesian term in the interface's vocabulary (UI.md), as whole words.
ENGLISH_TERMS = [
    "Today",
    "People",
    "promise",
    "promises",
    "vague",
    "keep in touch",
    "how we met",
    "prospect",
    "engagement",
    "engagements",
    "scope",
    "change request",
    "revision",
    "referral",
    "referrals",
    "favour",
    "favours",
    "gift",
    "gifts",
    "waiting for your reply",
    # Units that used to be hand-written ("26 min", "5.1 h"); "median" is Indonesian as well.
    "min",
    "h",
]


class VisibleText(HTMLParser):
    """The text a reader sees, with aria-labels and titles, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def indonesian_pages():
    from kenal.accounts.models import User
    from kenal.conversations.models import Conversation
    from kenal.engagements.models import Engagement, Opportunity
    from kenal.people.models import Person

    demo_load()
    user = User.objects.get(email="demo@kenal.local")
    user.language = "id"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    workspace = user.current_workspace
    # Pages of people who write in English carry their words (their messages, their promises); the
    # interface around them is what this test reads, so take the Indonesian-speaking ones.
    paths = [
        "/",
        "/people/",
        Person.objects.filter(workspace=workspace, full_name="Yuna Kristina").get().get_absolute_url(),
        "/promises/?show=owed",
        "/promises/review/?state=dismissed",
        "/conversations/review/",
        "/work/",
        Engagement.objects.filter(workspace=workspace).order_by("pk").first().get_absolute_url(),
        Opportunity.objects.filter(workspace=workspace).exclude(fit_score=None).first().get_absolute_url(),
        "/work/pipeline/",
        "/work/vetting/",
        "/network/",
        "/conversations/responsiveness/",
        "/conversations/import/",
        "/people/import/vcard/",
        "/accounts/settings/",
        "/agenda/settings/",
    ]
    assert Conversation.objects.filter(workspace=workspace).exists()
    return client, paths


@pytest.mark.django_db
def test_indonesian_pages_use_the_indonesian_terms(now):
    client, paths = indonesian_pages()
    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = visible_text(response.content.decode())
        english = [
            term for term in ENGLISH_TERMS if re.search(rf"\b{re.escape(term)}\b", text, re.IGNORECASE)
        ]
        keys = re.findall(r"\b[a-z]+_[a-z_]+\b", text)
        leftovers = [mark for mark in ("`", "DEBUG", "IDR ", "T09:", "--1", "--0") if mark in text]
        if english or keys or leftovers:
            found[path] = english + keys + leftovers
    assert found == {}


@pytest.mark.django_db
def test_the_expired_form_page_speaks_the_users_language_and_never_mentions_debug(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/people/quick-add/", {"line": "Bu Yuna"}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 403
    page = response.content.decode()
    assert "DEBUG" not in page and "CSRF" not in page
    assert "Formulir ini kedaluwarsa" in page and "Tidak ada yang tersimpan" in page


@pytest.mark.django_db
def test_a_missing_page_says_so_in_indonesian(alice_client):
    response = alice_client.get("/people/999999/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 404
    assert "Halaman ini tidak ada" in response.content.decode()
