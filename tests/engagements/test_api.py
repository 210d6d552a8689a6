from decimal import Decimal

import pytest

from kenal.engagements import services
from kenal.engagements.models import ChangeRequest


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def api(client, alice_token):
    def call(method, url, token=alice_token, **data):
        """`url` is below /api (e.g. "/engagements/1", "/opportunities/pipeline")."""
        kwargs = {"content_type": "application/json"} if data else {}
        import json

        return getattr(client, method)(
            f"/api{url}", json.dumps(data) if data else None, **kwargs, **_auth(token)
        )

    return call


def test_it_lists_engagements(api, engagement):
    response = api("get", "/engagements")
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["items"]] == ["Kampanye PR 2026"]


def test_anonymous_gets_401(client, engagement):
    assert client.get("/api/engagements").status_code == 401
    assert client.get("/api/opportunities").status_code == 401


def test_the_outsider_gets_an_empty_list_and_404(api, charlie_token, engagement, opportunity):
    assert api("get", "/engagements", token=charlie_token).json()["items"] == []
    assert api("get", "/opportunities", token=charlie_token).json()["items"] == []
    base = f"/engagements/{engagement.pk}"
    for url in (
        base,
        f"{base}/scope-items",
        f"{base}/requests",
        f"{base}/change-requests",
        f"/opportunities/{opportunity.pk}",
    ):
        assert api("get", url, token=charlie_token).status_code == 404, url
    assert (
        api("post", f"{base}/requests", token=charlie_token, text="x", verdict="unclear").status_code == 404
    )
    assert (
        api(
            "post",
            f"/opportunities/{opportunity.pk}/vetting",
            token=charlie_token,
            answers={"clear_brief": "yes"},
        ).status_code
        == 404
    )


def test_the_detail_nests_scope_requests_and_change_requests(api, engagement, release):
    services.client_request_log(
        engagement=engagement, text="Video", verdict="out_of_scope", change_price="7500000"
    )
    ChangeRequest.objects.update(status="accepted")
    body = api("get", f"/engagements/{engagement.pk}").json()
    assert body["scope_items"][0]["mou_clause"].startswith("Pasal 2.1")
    assert body["client_requests"][0]["verdict"] == "out_of_scope"
    assert Decimal(body["change_requests_accepted_total"]) == Decimal("7500000")


def test_it_creates_an_engagement_and_refuses_a_foreign_client(api, ratna, charlie, now):
    from kenal.people.services import person_create

    created = api("post", "/engagements", title="Baru", person_id=ratna.pk, fee="1000")
    assert created.status_code == 201 and created.json()["person"] == "Ratna Sari"
    stranger = person_create(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    assert api("post", "/engagements", title="Baru", person_id=stranger.pk).status_code == 400
    assert api("post", "/engagements", title="", person_id=ratna.pk).status_code == 400


def test_it_adds_scope_and_logs_requests_with_the_warning(api, engagement):
    base = f"/engagements/{engagement.pk}"
    item = api("post", f"{base}/scope-items", deliverable="Logo", revisions_included=1).json()
    for _ in range(2):
        logged = api(
            "post",
            f"/engagements/{engagement.pk}/requests",
            text="revisi logo",
            verdict="in_scope",
            scope_item_id=item["id"],
            is_revision=True,
        )
    assert logged.status_code == 201
    assert logged.json()["warning"] == "revisi ke-2 dari 1 yang termasuk" and logged.json()["over_allowance"]
    out = api("post", f"{base}/requests", text="Tambah banner", verdict="out_of_scope", change_price="500")
    assert out.json()["change_request"]["status"] == "proposed"
    assert len(api("get", f"/engagements/{engagement.pk}/change-requests").json()) == 1
    assert len(api("get", f"/engagements/{engagement.pk}/requests").json()) == 3
    assert api("post", f"/engagements/{engagement.pk}/requests", text="x", verdict="bogus").status_code == 422


def test_opportunities_with_vetting_and_pipeline(api, opportunity):
    assert api("get", "/opportunities").json()["items"][0]["title"] == "Branding Kopi Kita"
    vetted = api(
        "post", f"/opportunities/{opportunity.pk}/vetting", answers={"clear_brief": "yes", "red_flags": "yes"}
    ).json()
    assert vetted["fit_score"] == 0 and {r["key"] for r in vetted["reasons"]} == {"clear_brief", "red_flags"}
    assert api("get", f"/opportunities/{opportunity.pk}").json()["vetting_answers"]["clear_brief"] == "yes"
    assert api("post", f"/opportunities/{opportunity.pk}/stage", stage="declined").status_code == 400
    declined = api(
        "post", f"/opportunities/{opportunity.pk}/stage", stage="declined", decline_reason="Telat bayar"
    )
    assert declined.json()["decline_reason"] == "Telat bayar"
    pipeline = {row["stage"]: row for row in api("get", "/opportunities/pipeline").json()}
    assert pipeline["declined"]["count"] == 1
    created = api("post", "/opportunities", title="Baru", source="upwork", value="100")
    assert created.status_code == 201


def test_a_refused_engagement_says_why_in_the_one_400_shape(api, ratna, now):
    # Alice reads Kenal in Indonesian; the refusal comes in her language.
    untitled = api("post", "/engagements", title="", person_id=ratna.pk)
    assert untitled.status_code == 400 and untitled.json()["detail"] == "Beri judul proyeknya."
    clientless = api("post", "/engagements", title="Baru")
    assert clientless.json()["detail"] == "Sebutkan kliennya: organisasi, orang, atau keduanya."
    bad_fee = api("post", "/engagements", title="Baru", person_id=ratna.pk, fee="-5")
    assert bad_fee.status_code == 400 and "nol atau lebih" in bad_fee.json()["detail"]
