import json
import re
from datetime import UTC, datetime

import time_machine
from django.core.management import call_command

from kenal.accounts.models import Upload
from kenal.people.models import ContactPoint, Person
from kenal.people.services import person_update

ANDROID_AND_IPHONE = """BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Kristina;Yuna;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Yuna Kristina
TEL;CELL:0813-1111-0001
EMAIL;HOME:yuna@example.com
BDAY:--0514
ORG:PT Cahaya Kosmetika
TITLE:Brand Manager
NOTE:Ketemu di acara kantor
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Eriksen;Lars;;;
FN:Lars Eriksen
item1.TEL;type=CELL:+47 912 34 567
item1.X-ABLabel:mobile
BDAY:1979-10-02
X-SOCIALPROFILE;type=instagram;x-user=lars.fjord:https://instagram.com/lars.fjord
END:VCARD
"""

BROKEN_IN_THE_MIDDLE = """BEGIN:VCARD
VERSION:3.0
FN:Satu
TEL:0812-0000-0001
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Rusak
BDAY:not-a-date-at-all
TEL:0812-0000-0002
BEGIN:VCARD
VERSION:3.0
FN:Tiga
TEL:0812-0000-0003
END:VCARD
"""


def run_import(tmp_path, text, capsys, name="contacts.vcf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import", "vcard", str(path), "--user", "alice@example.com", "--json")
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_it_imports_android_and_iphone_cards(alice, workspace, tmp_path, capsys):
    report = run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    assert report == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
        "possible_duplicates": [],
    }
    yuna = Person.objects.get(workspace=workspace, full_name="Yuna Kristina")
    assert yuna.birthday_iso == "--05-14"
    assert set(yuna.contact_points.values_list("value", flat=True)) == {"+6281311110001", "yuna@example.com"}
    assert yuna.employments.get().organization.name == "PT Cahaya Kosmetika"
    assert yuna.notes.get().body == "Ketemu di acara kantor"
    lars = Person.objects.get(full_name="Lars Eriksen")
    assert lars.birthday_iso == "1979-10-02"
    assert lars.contact_points.filter(kind="phone").get().value == "+4791234567"
    assert lars.contact_points.filter(kind="social").exists()


def test_reimporting_the_same_file_changes_nothing(alice, tmp_path, capsys):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    counts = (Person.objects.count(), ContactPoint.objects.count())
    report = run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 2)
    assert (Person.objects.count(), ContactPoint.objects.count()) == counts


def test_a_changed_card_updates_the_person_it_matches_by_phone(alice, tmp_path, capsys):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    changed = ANDROID_AND_IPHONE.replace("EMAIL;HOME:yuna@example.com", "EMAIL;HOME:yuna@baru.example.com")
    changed = changed.replace("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Yuna Kristina", "FN:Yuna K. Putri")
    report = run_import(tmp_path, changed, capsys, name="changed.vcf")
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 1)
    yuna = Person.objects.get(contact_points__value="+6281311110001")
    assert yuna.full_name == "Yuna K. Putri"
    assert yuna.contact_points.filter(value="yuna@baru.example.com").exists()


def test_a_broken_card_is_reported_with_its_line_and_the_rest_is_imported(alice, tmp_path, capsys):
    report = run_import(tmp_path, BROKEN_IN_THE_MIDDLE, capsys)
    assert report["created"] == 2
    assert [error["line"] for error in report["errors"]] == [6]
    assert set(Person.objects.values_list("full_name", flat=True)) == {"Satu", "Tiga"}


def test_a_card_that_matches_two_people_is_not_merged(alice, workspace, tmp_path, capsys):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    clash = "BEGIN:VCARD\nVERSION:3.0\nFN:Campuran\nTEL:0813-1111-0001\nTEL:+4791234567\nEND:VCARD\n"
    report = run_import(tmp_path, clash, capsys, name="clash.vcf")
    assert report["errors"][0]["line"] == 1
    assert (
        "Lars Eriksen" in report["errors"][0]["message"] and "Yuna Kristina" in report["errors"][0]["message"]
    )
    assert not Person.objects.filter(full_name="Campuran").exists()


def test_the_original_file_is_kept(alice, workspace, tmp_path, capsys):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    upload = Upload.objects.get(workspace=workspace)
    assert upload.file.read().decode() == ANDROID_AND_IPHONE


def test_the_plain_output_names_file_and_line(alice, tmp_path, capsys):
    path = tmp_path / "broken.vcf"
    path.write_text(BROKEN_IN_THE_MIDDLE)
    call_command("import", "vcard", str(path), "--user", "alice@example.com")
    captured = capsys.readouterr()
    assert "2 created" in captured.out
    assert f"{path}:6:" in captured.err


def test_the_upload_page_imports_and_reports(alice_client, workspace):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("contacts.vcf", BROKEN_IN_THE_MIDDLE.encode(), content_type="text/vcard")
    response = alice_client.post("/people/import/vcard/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "2 new, 0 updated, 0 unchanged" in body
    assert "Line 6" in body
    assert Person.objects.filter(workspace=workspace).count() == 2


def test_the_export_round_trips_through_the_import(alice, workspace, tmp_path, capsys, charlie):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    out = tmp_path / "export.vcf"
    call_command("export", "vcard", "--user", "alice@example.com", "-o", str(out))
    exported = out.read_text()
    assert "Yuna Kristina" in exported and "--0514" in exported
    path = tmp_path / "again.vcf"
    path.write_text(exported)
    call_command("import", "vcard", str(path), "--user", "charlie@example.com", "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["created"] == 2
    lars = Person.objects.get(workspace=charlie.current_workspace, full_name="Lars Eriksen")
    assert lars.birthday_iso == "1979-10-02"


def test_the_export_download_holds_only_the_workspaces_people(charlie_client, alice, tmp_path, capsys):
    run_import(tmp_path, ANDROID_AND_IPHONE, capsys)
    response = charlie_client.get("/people/export/vcard/")
    assert b"Yuna" not in b"".join(response.streaming_content)


def test_two_cards_with_one_number_are_one_person_and_stay_so(alice, tmp_path, capsys):
    twins = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Yuna Kantor\nTEL:0813-1111-0001\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Yuna HP\nTEL:0813-1111-0001\nEMAIL:yuna@example.com\nEND:VCARD\n"
    )
    first = run_import(tmp_path, twins, capsys)
    assert (first["created"], Person.objects.count()) == (1, 1)
    assert Person.objects.get().contact_points.count() == 2
    again = run_import(tmp_path, twins, capsys)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert Person.objects.get().full_name == "Yuna Kantor"


SALUTED = """BEGIN:VCARD
VERSION:3.0
FN:Pak Hendra Wijaya
TEL:0812-0000-0101
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Ratna;Ibu;;;
FN:Ibu Ratna
TEL:0812-0000-0102
END:VCARD
BEGIN:VCARD
VERSION:2.1
N:Siregar;Bang Togar;;;
TEL:0812-0000-0103
END:VCARD
"""


def test_a_salutation_in_the_name_becomes_how_they_are_addressed(alice, workspace, tmp_path, capsys):
    run_import(tmp_path, SALUTED, capsys)
    hendra = Person.objects.get(workspace=workspace, full_name="Hendra Wijaya")
    assert (hendra.salutation, hendra.nickname, hendra.address) == ("Pak", "", "Pak Hendra")
    ratna = Person.objects.get(workspace=workspace, full_name="Ratna")
    assert (ratna.salutation, ratna.address) == ("Bu", "Bu Ratna")
    togar = Person.objects.get(workspace=workspace, full_name="Togar Siregar")
    assert togar.address == "Bang Togar"


def test_a_whole_phone_book_never_floods_today(alice, alice_client, workspace, tmp_path, capsys):
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Kontak {number}\nTEL:0813-2000-{number:04d}\nEND:VCARD\n"
        for number in range(300)
    )
    with time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False):
        assert run_import(tmp_path, cards, capsys)["created"] == 300
    people = Person.objects.filter(workspace=workspace)
    assert set(people.values_list("stage", "keep_in_touch_days")) == {("", None)}
    seven, eight = people.get(full_name="Kontak 7"), people.get(full_name="Kontak 8")
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=UTC), tick=False):
        page = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert not re.search(r"/people/\d+/", page)
        # Once the user gives one a stage, that one comes back when it is due.
        person_update(person=seven, user=alice, stage="client")
        page = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f"/people/{seven.pk}/" in page and f"/people/{eight.pk}/" not in page


def _card_fields(person: Person) -> dict:
    """What a vCard carries about a person, as comparable values."""
    from kenal.people.models import Note

    return {
        "full_name": person.full_name,
        "salutation": person.salutation,
        "nickname": person.nickname,
        "birthday": person.birthday_iso,
        "points": sorted(person.contact_points.values_list("kind", "value", "label")),
        "jobs": sorted(person.employments.values_list("organization__name", "role")),
        "notes": sorted(
            person.notes.filter(visibility=Note.Visibility.SHARED).values_list("body", flat=True)
        ),
        "photo": person.photo.file.open("rb").read() if person.photo_id else None,
    }


def test_a_full_person_round_trips_through_vcard_40_into_an_empty_workspace(
    alice, workspace, charlie, tmp_path
):
    from kenal.lib.vcard import write_vcard
    from kenal.people import services
    from kenal.people.vcard import vcard_export_cards, vcard_import

    yuna = services.person_create(
        workspace=workspace, user=alice, full_name="Yuna Kristina", salutation="Bu", nickname="Yuna"
    )
    services.person_update(person=yuna, user=alice, birth_month=5, birth_day=14)
    services.contact_point_add(person=yuna, kind="phone", value="0813-1111-0001", label="cell")
    services.contact_point_add(person=yuna, kind="phone", value="021-555-1234", label="work")
    services.contact_point_add(person=yuna, kind="email", value="yuna@example.com")
    services.contact_point_add(person=yuna, kind="social", value="instagram:@yuna.kristina")
    organization = services.organization_get_or_create(workspace=workspace, user=alice, name="PT Cahaya")
    services.employment_add(person=yuna, organization=organization, role="Brand Manager")
    services.note_add(person=yuna, author=alice, body="Suka kopi tubruk", visibility="shared")
    services.note_add(person=yuna, author=alice, body="Rahasia: sedang cari kerja", visibility="private")
    services.person_photo_set(
        person=yuna, name="yuna.jpg", content=b"\xff\xd8\xff yuna photo", content_type="image/jpeg"
    )
    lars = services.person_create(workspace=workspace, user=alice, full_name="Lars")
    services.person_update(person=lars, user=alice, birth_year=1979, birth_month=10, birth_day=2)

    path = tmp_path / "kenal.vcf"
    write_vcard(vcard_export_cards(workspace=workspace), path)
    text = path.read_text()
    assert "VERSION:4.0" in text and "N:Kristina;Yuna;;Bu;" in text and "BDAY:--0514" in text
    assert "Rahasia" not in text
    report = vcard_import(workspace=charlie.current_workspace, user=charlie, path=path)

    assert (report.created, report.errors) == (2, [])
    again = {p.full_name: p for p in Person.objects.filter(workspace=charlie.current_workspace)}
    for original in (yuna, lars):
        original.refresh_from_db()
        assert _card_fields(again[original.full_name]) == _card_fields(original)


HENDRA_AGAIN = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Héndra  wijaya\nTEL:0812-5555-0101\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Raka Putra\nTEL:0812-5555-0202\nEND:VCARD\n"
)


def test_a_new_card_named_like_someone_here_is_created_and_proposed_as_a_duplicate(
    alice, workspace, tmp_path, capsys
):
    from kenal.people.services import person_create
    from kenal.portability.selectors import duplicate_pairs

    hendra = person_create(workspace=workspace, user=alice, full_name="Hendra Wijaya")
    report = run_import(tmp_path, HENDRA_AGAIN, capsys)
    twin = Person.objects.get(full_name="Héndra  wijaya")
    assert report["created"] == 2
    assert report["possible_duplicates"] == [
        {
            "line": 1,
            "person": {"id": twin.pk, "name": "Héndra  wijaya"},
            "duplicate_of": {"id": hendra.pk, "name": "Hendra Wijaya"},
        }
    ]
    assert [(p.left, p.right) for p in duplicate_pairs(workspace=workspace)] == [(hendra, twin)]


def test_the_plain_output_and_the_upload_page_name_the_possible_duplicate(
    alice, alice_client, workspace, tmp_path, capsys
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kenal.people.services import person_create

    hendra = person_create(workspace=workspace, user=alice, full_name="Hendra Wijaya")
    path = tmp_path / "hendra.vcf"
    path.write_text(HENDRA_AGAIN)
    call_command("import", "vcard", str(path), "--user", "alice@example.com")
    assert "hendra.vcf:1: Héndra  wijaya is a possible duplicate of Hendra Wijaya" in capsys.readouterr().out
    Person.objects.exclude(pk=hendra.pk).delete()
    upload = SimpleUploadedFile("hendra.vcf", HENDRA_AGAIN.encode(), content_type="text/vcard")
    body = alice_client.post(
        "/people/import/vcard/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    twin = Person.objects.get(full_name="Héndra  wijaya")
    assert "possible duplicate of Hendra Wijaya" in body
    assert f"/data/merge/{hendra.pk}/{twin.pk}/" in body


def test_reimporting_proposes_nothing_new(alice, workspace, tmp_path, capsys):
    run_import(tmp_path, HENDRA_AGAIN, capsys)
    assert run_import(tmp_path, HENDRA_AGAIN, capsys)["possible_duplicates"] == []
