from datetime import date

import pytest

from kenal.people.services import fact_add, person_create


@pytest.fixture
def people(workspace, alice, now):
    names = ["Budi Santoso", "Lars Eriksen", "Dewi Anggraini", "Bambang Wijaya"]
    found = {name: person_create(workspace=workspace, user=alice, full_name=name) for name in names}
    fact_add(person=found["Bambang Wijaya"], category="character", value="Bima (Werkudara)")
    fact_add(person=found["Bambang Wijaya"], category="interest", value="wayang kulit")
    return found


@pytest.fixture
def referral(workspace, alice, people):
    from kenal.network.services import referral_create

    return referral_create(
        workspace=workspace,
        user=alice,
        introducer=people["Budi Santoso"],
        introduced=people["Lars Eriksen"],
        introduced_on=date(2025, 5, 1),
    )
