from django.test import RequestFactory

from kenal.engagements.views import organization_page_block, person_page_block


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.workspace = user.current_workspace
    return request


def test_the_person_page_shows_their_engagements(alice_client, engagement, ratna):
    page = alice_client.get(ratna.get_absolute_url()).content.decode()
    assert "Kampanye PR 2026" in page


def test_the_organization_page_shows_its_engagements(alice_client, engagement):
    page = alice_client.get(engagement.organization.get_absolute_url()).content.decode()
    assert "Kampanye PR 2026" in page


def test_blocks_never_show_another_workspaces_engagements(engagement, ratna, charlie):
    assert "Kampanye PR 2026" not in person_page_block(request=_request(charlie), person=ratna)
    assert "Kampanye PR 2026" not in organization_page_block(
        request=_request(charlie), organization=engagement.organization
    )
