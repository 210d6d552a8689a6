from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kenal.engagements import selectors, services
from kenal.engagements.models import ChangeRequest, ClientRequest
from kenal.people.services import person_create


def test_revisions_are_counted_against_the_allowance(engagement, release, alice):
    for _ in range(4):
        logged = services.client_request_log(
            engagement=engagement,
            user=alice,
            text="revisi siaran pers",
            verdict="in_scope",
            scope_item=release,
            is_revision=True,
        )
    assert logged.revision_number == 4
    assert logged.over_allowance
    with translation.override("en"):
        assert selectors.revision_warning(number=4, included=3) == "revision 4 of 3 included"


def test_the_warning_is_in_indonesian_for_indonesian_users():
    with translation.override("id"):
        assert selectors.revision_warning(number=4, included=3) == "revisi ke-4 dari 3 yang termasuk"


def test_out_of_scope_becomes_a_proposed_change_request(engagement, alice):
    logged = services.client_request_log(
        engagement=engagement,
        user=alice,
        text="Tambah video teaser",
        verdict="out_of_scope",
        change_price=Decimal("7500000"),
    )
    change = ChangeRequest.objects.get(client_request=logged)
    assert (change.price, change.status, change.title) == (
        Decimal("7500000.00"),
        "proposed",
        "Tambah video teaser",
    )


def test_in_scope_needs_its_scope_item(engagement):
    with pytest.raises(ValidationError):
        services.client_request_log(engagement=engagement, text="revisi", verdict="in_scope")


def test_it_refuses_a_scope_item_of_another_engagement(engagement, release, workspace, alice, ratna):
    other = services.engagement_create(workspace=workspace, user=alice, title="Lain", person=ratna)
    with pytest.raises(ValidationError):
        services.client_request_log(engagement=other, text="x", verdict="in_scope", scope_item=release)


def test_it_refuses_a_client_from_another_workspace(workspace, alice, charlie):
    stranger = person_create(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    with pytest.raises(ValidationError):
        services.engagement_create(workspace=workspace, user=alice, title="x", person=stranger)


def test_it_refuses_negative_and_absurd_money(workspace, alice, ratna):
    for fee in ("-1", "1e20", "abc"):
        with pytest.raises(ValidationError):
            services.engagement_create(workspace=workspace, user=alice, title="x", person=ratna, fee=fee)


def test_request_help_suggests_the_item_and_warns(engagement, release, key_visual, alice):
    for _ in range(3):
        services.client_request_log(
            engagement=engagement, text="revisi", verdict="in_scope", scope_item=release, is_revision=True
        )
    with translation.override("en"):
        help_ = selectors.request_help(engagement=engagement, text="tolong revisi judul siaran pers")
    assert help_.suggestion == release
    assert help_.warning == "revision 4 of 3 included"


def test_change_request_totals_are_summed_by_status(engagement):
    services.change_request_create(engagement=engagement, title="a", price="1000", status="accepted")
    services.change_request_create(engagement=engagement, title="b", price="2500", status="accepted")
    services.change_request_create(engagement=engagement, title="c", price="700")
    totals = selectors.change_request_totals(engagement=engagement)
    assert totals["accepted"] == {"total": Decimal("3500.00"), "count": 2}
    assert totals["proposed"]["total"] == Decimal("700.00")


def test_vetting_records_answers_and_score(opportunity, alice):
    fit = services.opportunity_vet(
        opportunity=opportunity,
        user=alice,
        answers={
            "clear_brief": "no",
            "realistic_budget": "partly",
            "payment_history": "partly",
            "communication": "yes",
            "red_flags": "partly",
            "evil": "yes",
        },
    )
    opportunity.refresh_from_db()
    assert opportunity.fit_score == fit.score == 30
    assert "evil" not in opportunity.vetting_answers
    assert opportunity.stage == "researching"


def test_declining_requires_a_reason(opportunity):
    with pytest.raises(ValidationError):
        services.opportunity_set_stage(opportunity=opportunity, stage="declined")
    services.opportunity_set_stage(
        opportunity=opportunity, stage="declined", decline_reason="Budget terlalu kecil"
    )
    assert opportunity.decline_reason == "Budget terlalu kecil"


def test_vetting_questions_are_configurable_per_workspace(workspace, charlie, opportunity):
    services.vetting_question_save(workspace=workspace, key="portfolio", text="Has a portfolio", weight=10)
    keys = [q.key for q in selectors.vetting_questions(workspace=workspace)]
    assert "portfolio" in keys and "clear_brief" in keys
    other = [q.key for q in selectors.vetting_questions(workspace=charlie.current_workspace)]
    assert "portfolio" not in other


def test_lessons_show_for_the_same_client_and_similar_prospects(engagement, workspace, alice, ratna):
    services.engagement_end(engagement=engagement, lessons_learned="Selalu jawab dengan waktu pasti.")
    same = selectors.lessons_for(workspace=workspace, person_id=ratna.pk)
    assert same == [engagement]
    similar = selectors.lessons_for(workspace=workspace, title="Kampanye PR 2027")
    assert similar == [engagement]
    assert selectors.lessons_for(workspace=workspace, title="Instalasi jaringan") == []


def test_a_request_logged_in_scope_without_revision_has_no_number(engagement, release):
    logged = services.client_request_log(
        engagement=engagement, text="kirim file", verdict="in_scope", scope_item=release
    )
    assert logged.revision_number is None and not logged.over_allowance
    assert ClientRequest.objects.count() == 1
