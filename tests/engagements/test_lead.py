"""Who leads an engagement: set when it is entered, shown on its page, and passed on with a handover."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from kenal.accounts.services import token_create
from kenal.engagements import services
from kenal.engagements.models import Engagement
from kenal.people.services import person_handover


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_member_who_enters_an_engagement_leads_it(engagement, alice):
    assert engagement.owner == alice and engagement.created_by == alice


def test_a_team_names_another_member_as_lead_but_not_an_outsider(workspace, alice, bob, charlie, ratna):
    led = services.engagement_create(workspace=workspace, user=alice, title="Web", person=ratna, owner=bob)
    assert led.owner == bob and led.created_by == alice
    with pytest.raises(ValidationError) as refused:
        services.engagement_create(workspace=workspace, user=alice, title="x", person=ratna, owner=charlie)
    assert "owner" in refused.value.error_dict
    assert not Engagement.objects.filter(title="x").exists()


def test_the_handover_moves_open_engagements_led_by_the_old_owner(workspace, alice, bob, ratna, engagement):
    ended = services.engagement_create(workspace=workspace, user=alice, title="Dulu", person=ratna)
    services.engagement_end(engagement=ended, lessons_learned="Tulis MoU lebih rinci")
    planned = services.engagement_create(
        workspace=workspace, user=alice, title="Nanti", person=ratna, status="planned"
    )
    bobs = services.engagement_create(workspace=workspace, user=alice, title="Bob", person=ratna, owner=bob)
    ratna.owner = alice
    ratna.save(update_fields=["owner"])
    bob_entered = services.engagement_create(workspace=workspace, user=bob, title="Lain", person=ratna)

    person_handover(person=ratna, to_user=bob, by=alice, include_promises=True)

    owners = dict(Engagement.objects.values_list("title", "owner"))
    assert owners[engagement.title] == bob.pk
    assert owners[planned.title] == bob.pk
    assert owners[ended.title] == alice.pk  # ended work keeps who led it
    assert owners[bobs.title] == bob.pk and owners[bob_entered.title] == bob.pk  # others' work untouched
    assert Engagement.objects.get(pk=engagement.pk).created_by == alice  # history stays


def test_the_handover_leaves_engagements_when_told_not_to(workspace, alice, bob, ratna, engagement):
    ratna.owner = alice
    ratna.save(update_fields=["owner"])
    person_handover(person=ratna, to_user=bob, by=alice, include_promises=False)
    engagement.refresh_from_db()
    assert engagement.owner == alice


def test_someone_elses_lead_stays_with_them(workspace, alice, bob, ratna):
    from kenal.accounts.models import Membership
    from kenal.accounts.services import membership_add, user_create

    dewi = user_create(email="dewi@example.com", password="password-dewi", name="Dewi Lestari")
    membership_add(workspace=workspace, user=dewi, role=Membership.Role.MEMBER)
    theirs = services.engagement_create(
        workspace=workspace, user=alice, title="Dewi", person=ratna, owner=dewi
    )
    ratna.owner = alice
    ratna.save(update_fields=["owner"])
    person_handover(person=ratna, to_user=bob, by=alice, include_promises=True)
    theirs.refresh_from_db()
    assert theirs.owner == dewi


def test_the_api_handover_moves_the_engagement_and_its_json_names_the_lead(
    client, alice, alice_token, bob, ratna, engagement
):
    ratna.owner = alice
    ratna.save(update_fields=["owner"])
    url = f"/api/engagements/{engagement.pk}"
    assert client.get(url, **_auth(alice_token)).json()["owner"] == {
        "id": alice.pk,
        "email": "alice@example.com",
        "name": "Alice Wulandari",
    }
    response = client.post(
        f"/api/people/{ratna.pk}/handover",
        json.dumps({"to": "bob@example.com", "note": "Bob pegang", "include_promises": True}),
        content_type="application/json",
        **_auth(alice_token),
    )
    assert response.status_code == 200
    assert client.get(url, **_auth(alice_token)).json()["owner"]["email"] == "bob@example.com"
    listed = client.get("/api/engagements", **_auth(alice_token)).json()["items"]
    assert [row["owner"]["id"] for row in listed] == [bob.pk]


def test_the_api_creates_with_a_lead_and_refuses_an_outsider(client, alice_token, bob, charlie, ratna):
    def create(**fields):
        return client.post(
            "/api/engagements",
            json.dumps({"title": "Baru", "person_id": ratna.pk, **fields}),
            content_type="application/json",
            **_auth(alice_token),
        )

    assert create(owner=bob.pk).json()["owner"]["email"] == "bob@example.com"
    refused = create(owner="charlie@example.com")
    assert refused.status_code == 400 and "owner" in refused.json()["errors"]


def test_a_viewer_cannot_create_with_a_lead(client, vera, ratna):
    token = token_create(user=vera, name="test")[1]
    response = client.post(
        "/api/engagements",
        json.dumps({"title": "Baru", "person_id": ratna.pk, "owner": vera.pk}),
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 403
    assert not Engagement.objects.filter(title="Baru").exists()


@pytest.mark.parametrize(("language", "words"), [("id", "Dipimpin"), ("en", "Led by")])
def test_the_engagement_page_shows_who_leads_it(alice_client, engagement, language, words):
    page = alice_client.get(engagement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<dt>{words}</dt><dd>Alice Wulandari</dd>" in page


def test_the_team_form_chooses_the_lead_among_members(alice_client, bob, ratna):
    form = alice_client.get(reverse("engagements:create"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="owner"' in form and "Bob Pratama" in form
    response = alice_client.post(
        reverse("engagements:create"),
        {
            "title": "Logo",
            "person_name": "Ratna Sari",
            "status": "active",
            "currency": "IDR",
            "owner": bob.pk,
        },
    )
    assert response.status_code == 302
    assert Engagement.objects.get(title="Logo").owner == bob


def test_the_team_form_refuses_someone_outside_the_workspace(alice_client, bob, charlie, ratna):
    response = alice_client.post(
        reverse("engagements:create"),
        {
            "title": "Logo",
            "person_name": "Ratna Sari",
            "status": "active",
            "currency": "IDR",
            "owner": charlie.pk,
        },
    )
    assert response.status_code == 200
    assert not Engagement.objects.filter(title="Logo").exists()


def test_alone_the_form_asks_nobody_to_lead(alice_client, ratna):
    form = alice_client.get(reverse("engagements:create")).content.decode()
    assert 'name="owner"' not in form


def test_a_handover_form_says_engagements_go_too(alice_client, alice, bob, ratna):
    ratna.owner = alice
    ratna.save(update_fields=["owner"])
    for language, words in (("en", "open promises and engagements go too"), ("id", "Janji dan proyek")):
        page = alice_client.get(ratna.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert words in page


@pytest.mark.django_db(transaction=True)
def test_existing_engagements_are_led_by_whoever_entered_them():
    old = _migrate([("engagements", "0004_remove_engagement_referral")])
    User = old.get_model("accounts", "User")
    Workspace = old.get_model("accounts", "Workspace")
    Engagement = old.get_model("engagements", "Engagement")
    ours = Workspace.objects.create(name="Ours")
    maker = User.objects.create(email="maker@example.com")
    entered = Engagement.objects.create(workspace=ours, title="Web", created_by=maker)
    unknown = Engagement.objects.create(workspace=ours, title="Lama")
    try:
        new = _migrate([("engagements", "0005_engagement_owner")])
        NewEngagement = new.get_model("engagements", "Engagement")
        assert NewEngagement.objects.get(pk=entered.pk).owner_id == maker.pk
        assert NewEngagement.objects.get(pk=unknown.pk).owner_id is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    # As in test_migrations: the apps not named stay at their latest migration.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    named = {app for app, _name in targets}
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in named]
    return executor.loader.project_state(targets + others).apps


def test_the_page_leaves_out_what_the_engagement_does_not_have(alice, alice_client, workspace, person):
    import re

    from kenal.engagements.services import engagement_create

    engagement = engagement_create(workspace=workspace, user=alice, title="Kampanye Ramadan", person=person)
    page = alice_client.get(engagement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "? – ?" not in page and "Dates" not in page
    assert not re.search(r'<p class="muted">\s*·', page)  # no stray "·" where the organization would be
