"""The "your data" pages fit a phone in both languages: erasure, the archive, the legal-basis default, duplicates,
a merge, recently deleted people and deleting one's account."""

import pytest

from kenal.accounts.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_your_data_pages_fit_a_phone(browser, live_server, screenshot, language):
    from kenal.accounts.models import User
    from kenal.people.models import Person
    from kenal.people.services import person_create, person_delete

    demo_load()
    user = User.objects.get(email="demo@kenal.local")
    person = Person.objects.filter(workspace=user.current_workspace).order_by("pk").first()
    twin = person_create(
        workspace=user.current_workspace, user=user, full_name=f"Pak {person.full_name.upper()}"
    )
    person_delete(
        person=person_create(workspace=user.current_workspace, user=user, full_name="Ibu Ratna Sari Dewi"),
        user=user,
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=language)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo@kenal.local")
    page.fill("#id_password", "kenal-demo")
    page.click("main form button")
    page.wait_for_url(f"{live_server.url}/")
    for name, path in [
        ("person", f"/people/{person.pk}/"),
        ("erase", f"/data/people/{person.pk}/erase/"),
        ("data", "/data/"),
        ("duplicates", "/data/duplicates/"),
        ("merge", f"/data/merge/{person.pk}/{twin.pk}/"),
        ("people", "/people/"),
        ("recently-deleted", "/people/deleted/"),
        ("account-delete", "/data/account/delete/"),
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        screenshot(page, f"your-data-{name}-{language}-360")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
