"""Whose client is it, on a phone: the owner on the person page and the list, the handover form, the private
note's lock, Today's mine / team switch and the audit log, at 360x740 in Indonesian and English.
Screenshots land in test-artifacts/owner-<place>-360-<language>.png."""

import pytest

from kenal.people.models import Note
from kenal.people.services import family_member_add, note_add, person_save
from tests.browser.test_every_place_on_a_phone import HEIGHT, PROBLEMS_JS, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_owner_hands_a_client_over_on_a_phone(
    browser, live_server, screenshot, alice, bob, workspace, person, language
):
    alice.language = language
    alice.save(update_fields=["language"])
    person_save(workspace=workspace, user=alice, person=person, owner=alice)
    family_member_add(person=person, relation="child", name="Raka")
    note_add(person=person, author=alice, body="Suka ditelepon pagi", visibility=Note.Visibility.PRIVATE)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice@example.com")
    page.fill("#id_password", "password-alice")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.click("#handover summary")
    page.select_option("#handover select", str(bob.pk))
    page.fill("#handover textarea", "Bu Yuna suka telepon pagi; proposal revisi dijanjikan Jumat")
    assert page.evaluate(PROBLEMS_JS) == []
    screenshot(page, f"owner-handover-form-360-{language}")
    page.click("#handover form button")
    page.wait_for_url(f"{live_server.url}{person.get_absolute_url()}")
    text = page.inner_text("main")
    assert "Bob Pratama" in text
    assert ("Diserahkan dari" if language == "id" else "Handed over from") in text
    assert ("pribadi" if language == "id" else "private") in text
    assert page.evaluate(PROBLEMS_JS) == []
    screenshot(page, f"owner-person-360-{language}")

    for place, path in (
        ("people", f"/people/?owner={bob.pk}"),
        ("today-team", "/?who=team"),
        ("audit", "/settings/audit/"),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, place
        assert page.evaluate(PROBLEMS_JS) == [], place
        screenshot(page, f"owner-{place}-360-{language}")
    assert "Yuna Kristina" in page.inner_text("main")  # the audit log names the handover
    context.close()
