import pytest

from kenal.people.models import Organization, Person
from kenal.people.services import person_create


@pytest.mark.parametrize(
    ("what", "data", "check"),
    [
        (
            "family",
            {"relation": "child", "name": "Raka", "birth_year": "2016", "school": "SD Tunas"},
            lambda p: p.family.get().school == "SD Tunas",
        ),
        ("fact", {"category": "character", "value": "Bima"}, lambda p: p.facts.get().value == "Bima"),
        (
            "life_event",
            {"kind": "trip", "title": "Ke Bali", "happened_on": "2026-02-01"},
            lambda p: p.life_events.get().title == "Ke Bali",
        ),
        (
            "note",
            {"body": "Suka kopi", "visibility": "private", "context": "personal"},
            lambda p: p.notes.get().context == "personal",
        ),
        (
            "activity",
            {"kind": "visit", "context": "work", "title": "Ke kantor", "happened_at": "2026-03-01T10:00"},
            lambda p: p.activities.get().kind == "visit" and p.last_contact_at is not None,
        ),
        (
            "employment",
            {"organization": "PT Baru", "role": "Direktur"},
            lambda p: p.employments.get().organization.name == "PT Baru",
        ),
        ("stage", {"stage": "client", "note": "deal"}, lambda p: p.stage == "client"),
    ],
)
def test_each_quick_form_adds_to_the_person(alice_client, person, what, data, check):
    response = alice_client.post(f"/people/{person.pk}/add/{what}/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert check(person)


def test_an_invalid_form_keeps_what_was_typed(alice_client, person):
    response = alice_client.post(
        f"/people/{person.pk}/add/family/", {"relation": "child", "name": "", "school": "SD Tunas"}
    )
    assert response.status_code == 400
    assert b'value="SD Tunas"' in response.content


def test_an_unknown_form_is_404(alice_client, person):
    assert alice_client.post(f"/people/{person.pk}/add/secrets/", {}).status_code == 404


def test_an_outsider_cannot_add_to_a_person(charlie_client, person):
    assert (
        charlie_client.post(f"/people/{person.pk}/add/fact/", {"category": "hobby", "value": "x"}).status_code
        == 404
    )
    assert not person.facts.exists()


def test_a_job_change_keeps_the_history(alice_client, person):
    alice_client.post(f"/people/{person.pk}/add/employment/", {"organization": "PT Lama", "role": "Manager"})
    alice_client.post(f"/people/{person.pk}/add/employment/", {"organization": "PT Baru", "role": "Direktur"})
    jobs = {job.organization.name: job for job in person.employments.all()}
    assert jobs["PT Lama"].ended_on is not None
    assert jobs["PT Baru"].ended_on is None
    assert Organization.objects.filter(name="PT Lama").exists()


def test_the_stage_history_is_dated(alice_client, person):
    alice_client.post(f"/people/{person.pk}/add/stage/", {"stage": "client"})
    assert list(person.stage_changes.values_list("stage", flat=True)) == ["client", "friend"]


def test_quick_add_line_creates_a_person_with_child_and_interest(alice_client, workspace):
    response = alice_client.post(
        "/people/quick-add/", {"line": "Bu Yuna Kristina – anak: Raka, SD Tunas, lahir 2016; suka: wayang"}
    )
    person = Person.objects.get(workspace=workspace)
    assert response.url == f"/people/{person.pk}/"
    assert (person.salutation, person.full_name) == ("Bu", "Yuna Kristina")
    child = person.family.get()
    assert (child.name, child.school, child.birth_year) == ("Raka", "SD Tunas", 2016)
    assert person.facts.get().value == "wayang"


def test_quick_add_on_a_person_page_adds_to_that_person(alice_client, person):
    alice_client.post(f"/people/{person.pk}/quick-add/", {"line": "anak: Sekar, TK Melati"})
    assert person.family.get().name == "Sekar"


def test_creating_a_person_with_a_phone_that_belongs_to_someone_else_shows_the_clash(alice_client, person):
    response = alice_client.post(
        "/people/new/", {"full_name": "Yuna Lain", "stage": "client", "phones": "+62 813-1111-0001"}
    )
    assert response.status_code == 200
    assert "Yuna Kristina" in response.content.decode()
    assert not Person.objects.filter(full_name="Yuna Lain").exists()


def test_creating_a_person_with_a_year_less_birthday(alice_client, workspace):
    response = alice_client.post(
        "/people/new/",
        {
            "full_name": "Dewi",
            "stage": "friend",
            "birthday": "--08-02",
            "phones": "0812 3456 7890",
            "circles_text": "gankjemputan",
        },
    )
    dewi = Person.objects.get(full_name="Dewi")
    assert response.url == f"/people/{dewi.pk}/"
    assert dewi.birthday_iso == "--08-02"
    assert dewi.contact_points.get().value == "+6281234567890"
    assert dewi.circles.get().name == "gankjemputan"


def test_a_bad_birthday_is_explained(alice_client, workspace):
    response = alice_client.post(
        "/people/new/",
        {"full_name": "Dewi", "stage": "friend", "birthday": "31/02"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"without the year" in response.content


def test_editing_a_person_keeps_what_is_not_on_the_form(alice_client, person):
    person.facts.create(category="hobby", value="golf")
    response = alice_client.post(
        f"/people/{person.pk}/edit/", {"full_name": "Yuna K.", "stage": "friend", "phones": "0813-1111-0001"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Yuna K."
    assert person.facts.count() == 1


def test_delete_requires_post(alice_client, person):
    assert alice_client.get(f"/people/{person.pk}/delete/").status_code == 405


def test_another_workspace_may_hold_the_same_phone(charlie, person):
    from kenal.people.services import contact_point_add

    other = person_create(workspace=charlie.current_workspace, full_name="Yuna di tempat lain")
    assert contact_point_add(person=other, kind="phone", value="081311110001").value == "+6281311110001"


def test_a_handle_or_whatsapp_number_is_added_to_the_person(alice_client, person):
    alice_client.post(f"/people/{person.pk}/add/contact/", {"kind": "social", "value": "@yuna.kristina"})
    alice_client.post(f"/people/{person.pk}/add/contact/", {"kind": "whatsapp", "value": "0813 2222 0001"})
    values = set(person.contact_points.values_list("kind", "value"))
    assert {("social", "@yuna.kristina"), ("whatsapp", "+6281322220001")} <= values


def test_a_meeting_can_include_other_people(alice_client, workspace, person):
    other = person_create(workspace=workspace, full_name="Dewi Anggraini")
    response = alice_client.post(
        f"/people/{person.pk}/add/activity/",
        {
            "kind": "meeting",
            "context": "personal",
            "title": "Jemput anak",
            "happened_at": "2026-03-01T10:00",
            "others": "Dewi Anggraini",
        },
    )
    assert response.status_code == 302
    assert other.activities.get().title == "Jemput anak"
    other.refresh_from_db()
    assert other.last_contact_at is not None


def test_a_photo_is_stored_and_served_only_to_the_workspace(alice_client, charlie, person):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = alice_client.post(
        f"/people/{person.pk}/edit/",
        {
            "full_name": "Yuna Kristina",
            "stage": "friend",
            "phones": "0813-1111-0001",
            "emails": "yuna@example.com",
            "photo": SimpleUploadedFile("yuna.png", png, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    url = person.photo.get_absolute_url()
    assert b"".join(alice_client.get(url).streaming_content) == png
    outsider = Client()
    outsider.force_login(charlie)
    assert outsider.get(url).status_code == 404


def test_a_file_that_is_not_a_picture_is_refused(alice_client, person):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = alice_client.post(
        f"/people/{person.pk}/edit/",
        {
            "full_name": "Yuna Kristina",
            "stage": "friend",
            "photo": SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="image/png"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"Choose a JPEG, PNG, GIF or WebP picture." in response.content
    person.refresh_from_db()
    assert person.photo_id is None


def test_a_note_about_a_meeting_counts_as_being_in_touch(alice_client, person):
    alice_client.post(
        f"/people/{person.pk}/add/note/",
        {"body": "Suka golf", "visibility": "private", "context": "personal"},
    )
    person.refresh_from_db()
    assert person.last_contact_at is None
    alice_client.post(
        f"/people/{person.pk}/add/note/",
        {"body": "Ngopi bareng, bahas event", "visibility": "shared", "context": "work", "interaction": "on"},
    )
    person.refresh_from_db()
    assert person.last_contact_at is not None


def test_editing_a_phone_contact_without_a_stage_keeps_it_without_one(alice_client, person):
    Person.objects.filter(pk=person.pk).update(stage="")
    form = alice_client.get(f"/people/{person.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No stage yet" in form
    response = alice_client.post(f"/people/{person.pk}/edit/", {"full_name": "Yuna K.", "stage": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.stage) == ("Yuna K.", "")
    alice_client.post(f"/people/{person.pk}/edit/", {"full_name": "Yuna K.", "stage": "client"})
    person.refresh_from_db()
    assert person.stage == "client"


def test_the_quick_add_line_sets_the_stage_and_how_we_met(alice_client, workspace):
    page = alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "kenal di: …" in page
    alice_client.post("/people/quick-add/", {"line": "Pak Hendra Wijaya – klien – kenal di: Jakarta Fair"})
    hendra = Person.objects.get(workspace=workspace, full_name="Hendra Wijaya")
    assert (hendra.salutation, hendra.stage, hendra.met_where) == ("Pak", "client", "Jakarta Fair")
