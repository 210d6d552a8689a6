from datetime import date
from decimal import Decimal

import pytest

from kenal.engagements import services
from kenal.people.services import employment_add, organization_get_or_create, person_create


@pytest.fixture
def ratna(workspace, alice):
    ratna = person_create(workspace=workspace, user=alice, full_name="Ratna Sari", stage="client")
    organization = organization_get_or_create(workspace=workspace, name="PT Global Consumer Indonesia")
    employment_add(person=ratna, organization=organization, role="Head of Corporate Communications")
    return ratna


@pytest.fixture
def engagement(workspace, alice, ratna, now):
    engagement = services.engagement_create(
        workspace=workspace,
        user=alice,
        title="Kampanye PR 2026",
        person=ratna,
        organization=ratna.employments.first().organization,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 4, 30),
        fee=Decimal("45000000"),
    )
    return engagement


@pytest.fixture
def release(engagement):
    return services.scope_item_add(
        engagement=engagement,
        deliverable="Siaran pers (press release)",
        quantity=3,
        revisions_included=3,
        mou_clause="Pasal 2.1: tiga siaran pers, tiga kali revisi.",
    )


@pytest.fixture
def key_visual(engagement):
    return services.scope_item_add(
        engagement=engagement,
        deliverable="Desain key visual",
        quantity=1,
        revisions_included=2,
        mou_clause="Pasal 2.2: satu key visual.",
    )


@pytest.fixture
def opportunity(workspace, alice, now):
    andi = person_create(workspace=workspace, user=alice, full_name="Andi Saputra")
    return services.opportunity_create(
        workspace=workspace,
        user=alice,
        title="Branding Kopi Kita",
        person=andi,
        source="projects_co_id",
        value=Decimal("15000000"),
    )
