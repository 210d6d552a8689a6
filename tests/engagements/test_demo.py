from kenal.accounts.demo import demo_load
from kenal.engagements.models import ChangeRequest, ClientRequest, Engagement, Opportunity
from kenal.network.models import Favour, Gift, Referral


def _counts():
    return [
        model.objects.count()
        for model in (Engagement, ClientRequest, ChangeRequest, Opportunity, Referral, Favour, Gift)
    ]


def test_the_demo_tells_the_stories_and_runs_twice_without_adding(db, now):
    demo_load()
    first = _counts()
    demo_load()
    assert _counts() == first
    ratna = Engagement.objects.get(person__full_name="Ratna Sari")
    assert any(request.over_allowance for request in ratna.requests.select_related("scope_item"))
    assert ratna.change_requests.count() == 1 and ratna.mou is not None
    assert Engagement.objects.filter(person__full_name="Bambang Wijaya").count() == 2
    assert Opportunity.objects.get(person__full_name="Andi Saputra").fit_score is not None
    lars = Engagement.objects.get(person__full_name="Lars Eriksen")
    assert Referral.objects.get(engagements=lars).introducer.full_name == "Budi Santoso"
    assert Favour.objects.filter(person__full_name="Dewi Anggraini", direction="received").exists()
    gift = Gift.objects.get(person__full_name="Bambang Wijaya")
    assert "Bima" in gift.title and gift.status == "given" and gift.reaction
