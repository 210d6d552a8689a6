from django.urls import reverse

from kenal.engagements import services
from kenal.engagements.models import Opportunity, VettingQuestion


def test_the_pipeline_groups_by_stage_with_totals(alice_client, opportunity, workspace, alice):
    services.opportunity_create(
        workspace=workspace,
        user=alice,
        title="Lain",
        value="5000000",
        stage="lead",
        organization=None,
        person=opportunity.person,
    )
    response = alice_client.get(reverse("engagements:pipeline"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Branding Kopi Kita" in page and "IDR 20,000,000" in page


def test_the_pipeline_searches(alice_client, opportunity):
    page = alice_client.get(
        reverse("engagements:pipeline"), {"q": "kopi", "source": "projects_co_id"}
    ).content
    assert b"Branding Kopi Kita" in page
    assert (
        b"Branding Kopi Kita" not in alice_client.get(reverse("engagements:pipeline"), {"q": "zzz"}).content
    )


def test_the_outsider_sees_an_empty_pipeline_and_404_on_the_opportunity(charlie_client, opportunity):
    assert b"Branding Kopi Kita" not in charlie_client.get(reverse("engagements:pipeline")).content
    assert charlie_client.get(opportunity.get_absolute_url()).status_code == 404
    assert (
        charlie_client.post(
            reverse("engagements:opportunity_vet", args=[opportunity.pk]), {"clear_brief": "yes"}
        ).status_code
        == 404
    )
    assert (
        charlie_client.post(
            reverse("engagements:opportunity_stage", args=[opportunity.pk]), {"stage": "won"}
        ).status_code
        == 404
    )


def test_it_creates_an_opportunity(alice_client, opportunity):
    response = alice_client.post(
        reverse("engagements:opportunity_create"),
        {
            "title": "Website klinik",
            "organization_name": "Klinik Sehat",
            "source": "referral",
            "stage": "lead",
            "value": "10000000",
            "currency": "IDR",
            "expected_close": "2026-04-01",
        },
    )
    created = Opportunity.objects.get(title="Website klinik")
    assert response.status_code == 302 and created.organization.name == "Klinik Sehat"


def test_it_vets_an_opportunity_and_shows_the_fit_score_and_reasons(alice_client, opportunity):
    url = reverse("engagements:opportunity_vet", args=[opportunity.pk])
    alice_client.post(
        url,
        {
            "clear_brief": "yes",
            "realistic_budget": "yes",
            "payment_history": "yes",
            "communication": "yes",
            "red_flags": "no",
        },
    )
    opportunity.refresh_from_db()
    assert opportunity.fit_score == 100
    page = alice_client.get(opportunity.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Clear brief" in page and "+25 · Clear brief" in page


def test_declining_without_a_reason_is_refused(alice_client, opportunity):
    url = reverse("engagements:opportunity_stage", args=[opportunity.pk])
    alice_client.post(url, {"stage": "declined"})
    opportunity.refresh_from_db()
    assert opportunity.stage == "lead"
    alice_client.post(url, {"stage": "declined", "decline_reason": "Pembayaran sering telat"})
    opportunity.refresh_from_db()
    assert opportunity.stage == "declined" and opportunity.decline_reason == "Pembayaran sering telat"


def test_lessons_from_the_same_client_show_on_vetting(alice_client, opportunity, workspace, alice):
    past = services.engagement_create(
        workspace=workspace, user=alice, title="Logo Kopi Kita", person=opportunity.person
    )
    services.engagement_end(engagement=past, lessons_learned="Minta DP dulu sebelum mulai.")
    assert "Minta DP dulu" in alice_client.get(opportunity.get_absolute_url()).content.decode()


def test_the_vetting_questions_page_configures_the_checklist(alice_client, workspace, charlie):
    response = alice_client.post(
        reverse("engagements:vetting_questions"),
        {"key": "", "text": "Punya portofolio", "weight": "10", "position": "6"},
    )
    assert response.status_code == 302
    assert VettingQuestion.objects.filter(workspace=workspace, key="punya-portofolio").exists()
    assert "Punya portofolio" in alice_client.get(reverse("engagements:vetting_questions")).content.decode()
    alice_client.force_login(charlie)
    assert (
        "Punya portofolio" not in alice_client.get(reverse("engagements:vetting_questions")).content.decode()
    )


def test_the_pipeline_keeps_a_constant_number_of_queries(
    alice_client, workspace, alice, django_assert_max_num_queries
):
    for number in range(40):
        services.opportunity_create(
            workspace=workspace,
            user=alice,
            title=f"Peluang {number}",
            stage=["lead", "pitching", "won"][number % 3],
            value="1000",
        )
    with django_assert_max_num_queries(20):
        response = alice_client.get(reverse("engagements:pipeline"))
    assert response.status_code == 200
