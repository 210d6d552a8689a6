"""Who leads an engagement, on a phone: the team's form picks the lead, the page says who it is, and a handover
of the client contact passes it on, at 360x740 in Indonesian and English.
Screenshots land in test-artifacts/engagement-lead-<place>-360-<language>.png."""

import pytest

from kenal.engagements.models import Engagement
from kenal.people.services import person_save
from tests.browser.test_every_place_on_a_phone import HEIGHT, PROBLEMS_JS, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_lead_is_chosen_shown_and_handed_over_on_a_phone(
    browser, live_server, screenshot, alice, bob, workspace, person, language
):
    alice.language = language
    alice.save(update_fields=["language"])
    person_save(workspace=workspace, user=alice, person=person, owner=alice)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/work/new/?person={person.full_name}")
    page.fill("#id_title", "Kampanye Ramadan")
    assert page.input_value("#id_owner") == str(alice.pk)
    assert page.evaluate(PROBLEMS_JS) == []
    screenshot(page, f"engagement-lead-form-360-{language}")
    page.click("main form button")
    engagement = Engagement.objects.get(title="Kampanye Ramadan")
    page.wait_for_url(f"{live_server.url}{engagement.get_absolute_url()}")
    led_by = "Dipimpin" if language == "id" else "Led by"
    assert f"{led_by}\nAlice Wulandari" in page.inner_text("main dl")
    assert page.evaluate(PROBLEMS_JS) == []
    screenshot(page, f"engagement-lead-page-360-{language}")

    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.click("#handover summary")
    page.select_option("#handover select", str(bob.pk))
    assert ("proyek" if language == "id" else "engagements") in page.inner_text("#handover")
    screenshot(page, f"engagement-lead-handover-360-{language}")
    page.click("#handover form button")
    page.wait_for_url(f"{live_server.url}{person.get_absolute_url()}")
    page.goto(f"{live_server.url}{engagement.get_absolute_url()}")
    assert f"{led_by}\nBob Pratama" in page.inner_text("main dl")
    context.close()
