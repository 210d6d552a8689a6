"""The agency story of issue 11, walked on a phone through the real pages: the owner starts a team workspace and
invites a member and a viewer, both join, the member adds a client with a private note, the owner hands the client
over, the viewer reads but cannot change, and nobody but the author sees the private note.
The walk is in Indonesian; the last pages are looked at in English too.
Screenshots land in test-artifacts/agency-<step>-360-<language>.png."""

import pytest

from tests.browser.test_every_place_on_a_phone import HEIGHT, PROBLEMS_JS, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Anaknya sedang dirawat, jangan bahas tender minggu ini"


def _phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="id-ID")
    return context, context.new_page()


def _log_in(page, url, email, password):
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button")


def _looks_right(page, screenshot, step, language="id"):
    screenshot(page, f"agency-{step}-360-{language}")
    assert page.evaluate(PROBLEMS_JS) == [], step


def _invite(page, url, email, role):
    page.fill("#id_email", email)
    page.select_option("#id_role", role)
    page.click("form[action='/settings/members/invite/'] button")
    page.wait_for_url(f"{url}/settings/members/")
    address = page.inner_text("#invitation-url").strip()
    assert "/invite/" in address
    return address[address.index("/invite/") :]


def _post_as(page, url, path, data):
    """A write sent straight to the server with the page's own session and CSRF token, as a crafted form would."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(
        f"{url}{path}",
        form={"csrfmiddlewaretoken": token, **data},
        headers={"X-CSRFToken": token, "Referer": f"{url}{path}"},
        max_redirects=0,
    )


def _search(page, url, text):
    page.goto(f"{url}/people/?q={text.split()[0]}%20{text.split()[1]}")
    return page.inner_text("main")


def test_the_agency_story_on_a_phone(browser, live_server, screenshot, alice, charlie):
    url = live_server.url
    for user in (alice, charlie):
        user.language = "id"
        user.save(update_fields=["language"])

    # 1. The owner logs in and starts the team workspace in Settings.
    owner_context, owner = _phone(browser)
    _log_in(owner, url, "alice@example.com", "password-alice")
    owner.wait_for_url(f"{url}/")
    owner.goto(f"{url}/accounts/settings/#workspaces")
    _looks_right(owner, screenshot, "settings")
    owner.fill("#id_workspace_name", "Cahaya PR")
    owner.click("form[action='/accounts/workspace/new/'] button")
    owner.wait_for_url(f"{url}/settings/members/")

    # 2. She invites a member and a viewer, reading each address from the page.
    member_address = _invite(owner, url, "dina@example.com", "member")
    viewer_address = _invite(owner, url, "charlie@example.com", "viewer")
    assert member_address != viewer_address
    _looks_right(owner, screenshot, "invited")

    # 3a. Dina has no account: she sets her name and password on the invitation and lands in the team.
    member_context, member = _phone(browser)
    member.goto(url + member_address)
    _looks_right(member, screenshot, "join-new")
    member.fill("#id_name", "Dina Lestari")
    member.fill("#id_password1", "kopi-susu-2026")
    member.fill("#id_password2", "kopi-susu-2026")
    member.click("main form button")
    member.wait_for_url(f"{url}/")
    assert "Cahaya PR" in member.content()

    # 3b. Charlie has an account of his own: he logs in from the invitation and accepts with one button.
    viewer_context, viewer = _phone(browser)
    viewer.goto(url + viewer_address)
    viewer.click("main a.button")
    viewer.fill("#id_username", "charlie@example.com")
    viewer.fill("#id_password", "password-charlie")
    viewer.click("main form button")
    viewer.wait_for_url(f"{url}{viewer_address}")
    _looks_right(viewer, screenshot, "join-existing")
    viewer_invitation = viewer.inner_text("main")
    assert viewer.locator("main form button").count() == 1
    viewer.click("main form button")
    viewer.wait_for_url(f"{url}/")
    assert "Cahaya PR" in viewer.content()
    assert "sebagai pembaca" in viewer_invitation

    owner.goto(f"{url}/settings/members/")
    members = owner.inner_text("main")
    assert "dina@example.com" in members and "charlie@example.com" in members
    _looks_right(owner, screenshot, "members")

    # 4. Dina adds a client she looks after, and a note only she may read.
    member.goto(f"{url}/people/new/")
    member.fill("#id_full_name", "Ratna Sari")
    member.select_option("#id_owner", label="Dina Lestari")
    member.click("main form[method=post] > button")
    member.wait_for_url(f"{url}/people/*/")
    client_path = member.url[len(url) :]
    note = member.locator("form[action$='/add/note/']")
    member.locator("details.add", has=note).locator("summary").click()
    note.locator("textarea[name=body]").fill(SECRET)
    note.locator("select[name=visibility]").select_option("private")
    note.locator("button").click()
    member.wait_for_url(f"{url}{client_path}")
    assert SECRET in member.inner_text("main")
    assert "pekerjaan" in member.inner_text(".timeline li.private")  # the note's context, in Indonesian
    _looks_right(member, screenshot, "private-note")

    # 5. The owner hands the client over to herself; the timeline says from whom to whom.
    owner.goto(f"{url}{client_path}")
    assert SECRET not in owner.content()
    owner.click("#handover summary")
    owner.select_option("#handover select", label="Alice Wulandari")
    owner.fill("#handover textarea", "Saya yang pegang selama Dina cuti")
    _looks_right(owner, screenshot, "handover-form")
    owner.click("#handover form button")
    owner.wait_for_url(f"{url}{client_path}")
    timeline = owner.inner_text("main")
    assert "Diserahkan dari Dina Lestari ke Alice Wulandari" in timeline
    assert SECRET not in owner.content()
    _looks_right(owner, screenshot, "handed-over")

    # 6. Charlie reads the client but has nothing to change it with, and a crafted write is refused.
    viewer.goto(f"{url}{client_path}")
    assert "Ratna Sari" in viewer.inner_text("main")
    assert "Diserahkan dari Dina Lestari ke Alice Wulandari" in viewer.inner_text("main")
    assert viewer.locator("main form[method=post]").count() == 0
    assert viewer.locator(f"main a[href^='{client_path}']").count() == 0  # no edit or add links
    _looks_right(viewer, screenshot, "viewer-person")
    refused = _post_as(viewer, url, f"{client_path}edit/", {"full_name": "Ratna Dihapus", "stage": "client"})
    assert refused.status == 403
    assert "Anda pembaca" in refused.text()
    viewer.goto(f"{url}{client_path}")
    assert "Ratna Dihapus" not in viewer.content()

    # 7. Nobody but Dina sees the private note: not on the person page, not in search.
    assert SECRET not in viewer.content()
    for page in (owner, viewer):
        found = _search(page, url, SECRET)
        assert "Ratna Sari" not in found and SECRET not in found
    member.goto(f"{url}{client_path}")
    assert SECRET in member.inner_text("main")

    # The last pages in English.
    for page in (owner, viewer):
        page.goto(f"{url}{client_path}")
        page.click("form.lang button[value=en]")
        page.wait_for_url(f"{url}{client_path}")
    assert "Handed over from Dina Lestari to Alice Wulandari" in owner.inner_text("main")
    assert owner.get_attribute("#quick_line", "placeholder").startswith("child: Raka")
    _looks_right(owner, screenshot, "handed-over", "en")
    _looks_right(viewer, screenshot, "viewer-person", "en")
    owner.goto(f"{url}/settings/members/")
    _looks_right(owner, screenshot, "members", "en")
    for context in (owner_context, member_context, viewer_context):
        context.close()
