import json
from decimal import Decimal

import pytest

from kenal.engagements.services import engagement_create
from kenal.network import services
from kenal.network.models import Gift
from kenal.network.services import referral_link_engagement


@pytest.fixture
def api(client, alice_token):
    def call(method, url, token=alice_token, **data):
        kwargs = {"content_type": "application/json"} if data else {}
        return getattr(client, method)(
            f"/api{url}", json.dumps(data) if data else None, **kwargs, HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    return call


@pytest.fixture
def rows(workspace, alice, people, referral):
    project = engagement_create(
        workspace=workspace, user=alice, title="Web", person=people["Lars Eriksen"], fee=Decimal("60000000")
    )
    referral_link_engagement(referral=referral, engagement=project)
    favour = services.favour_record(
        workspace=workspace,
        person=people["Dewi Anggraini"],
        direction="received",
        description="MC launching buku",
    )
    gift = services.gift_record(
        workspace=workspace,
        person=people["Bambang Wijaya"],
        title="Wayang kulit tokoh Bima",
        status="given",
        reaction="Terharu",
    )
    return {"referral": referral, "favour": favour, "gift": gift}


def test_anonymous_gets_401(client):
    for url in ("/referrals", "/favours", "/gifts"):
        assert client.get(f"/api{url}").status_code == 401


def test_lists_and_details(api, rows):
    referrals = api("get", "/referrals").json()["items"]
    assert referrals[0]["introducer"] == "Budi Santoso" and Decimal(referrals[0]["revenue"]) == Decimal(
        "60000000"
    )
    assert api("get", f"/referrals/{rows['referral'].pk}").json()["engagement_ids"]
    assert api("get", "/favours").json()["items"][0]["description"] == "MC launching buku"
    assert api("get", f"/favours/{rows['favour'].pk}").status_code == 200
    assert api("get", "/favours/balances").json()[0]["balance"] == -1
    assert api("get", "/gifts").json()["items"][0]["reaction"] == "Terharu"
    assert api("get", f"/gifts/{rows['gift'].pk}").json()["status"] == "given"
    assert api("get", "/referrals/top").json()[0]["name"] == "Budi Santoso"


def test_gift_ideas_skip_what_was_given(api, rows, people):
    ideas = api("get", f"/gifts/ideas/{people['Bambang Wijaya'].pk}?language=en").json()
    titles = [idea["title"] for idea in ideas]
    assert "Wayang Bima figure" not in titles and "Tickets to a wayang performance" in titles


def test_the_outsider_gets_empty_lists_and_404(api, charlie_token, rows, people):
    for url in ("/referrals", "/favours", "/gifts"):
        assert api("get", url, token=charlie_token).json()["items"] == []
    for url in (
        f"/referrals/{rows['referral'].pk}",
        f"/favours/{rows['favour'].pk}",
        f"/gifts/{rows['gift'].pk}",
        f"/gifts/ideas/{people['Bambang Wijaya'].pk}",
    ):
        assert api("get", url, token=charlie_token).status_code == 404, url
    assert api("get", "/referrals/top", token=charlie_token).json() == []
    assert (
        api(
            "post",
            "/favours",
            token=charlie_token,
            person_id=people["Dewi Anggraini"].pk,
            direction="given",
            description="x",
        ).status_code
        == 400
    )


def test_create_endpoints(api, people):
    created = api(
        "post",
        "/referrals",
        introducer_id=people["Dewi Anggraini"].pk,
        introduced_id=people["Budi Santoso"].pk,
    )
    assert created.status_code == 201
    assert (
        api(
            "post",
            "/referrals",
            introducer_id=people["Budi Santoso"].pk,
            introduced_id=people["Budi Santoso"].pk,
        ).status_code
        == 400
    )
    assert (
        api(
            "post",
            "/favours",
            person_id=people["Dewi Anggraini"].pk,
            direction="given",
            description="Antar Naura",
        ).status_code
        == 201
    )
    assert (
        api(
            "post", "/gifts", person_id=people["Bambang Wijaya"].pk, title="Batik tulis", cost="500000"
        ).status_code
        == 201
    )
    assert (
        api("post", "/gifts", person_id=people["Bambang Wijaya"].pk, title="x", cost="-1").status_code == 400
    )


def test_it_refuses_a_gift_for_another_workspaces_person_and_says_so(api, people, charlie):
    from kenal.people.services import person_create

    stranger = person_create(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    response = api("post", "/gifts", person_id=stranger.pk, title="Batik tulis")
    # Alice reads Kenal in Indonesian.
    assert response.status_code == 400
    assert response.json()["detail"] == f"Tidak ada orang {stranger.pk} di ruang kerja ini."
    assert not Gift.objects.filter(person=stranger).exists()
