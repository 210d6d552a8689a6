"""person_save: the one way a person is created or changed, from any page, the API or an import."""

import pytest
from django.core.exceptions import ValidationError

from kenal.accounts.models import AuditEntry
from kenal.people.models import ContactPoint, Person, StageChange
from kenal.people.services import person_save


def test_it_creates_a_person_with_their_stage_phones_and_an_audit_entry(alice, workspace):
    dewi = person_save(
        workspace=workspace,
        user=alice,
        full_name="  Dewi Lestari ",
        stage="client",
        phones=["0812-3456-7890"],
        emails=["Dewi@Example.com"],
        circles=["golf"],
        tags=["vip"],
    )
    assert dewi.full_name == "Dewi Lestari" and dewi.stage == "client"
    assert sorted(dewi.contact_points.values_list("value", flat=True)) == [
        "+6281234567890",
        "dewi@example.com",
    ]
    assert [c.name for c in dewi.circles.all()] == ["golf"] and [t.name for t in dewi.tags.all()] == ["vip"]
    assert StageChange.objects.get(person=dewi).stage == "client"
    entry = AuditEntry.objects.get(action="person.create")
    assert (entry.user, entry.object_id, entry.workspace) == (alice, str(dewi.pk), workspace)


def test_it_refuses_a_person_without_a_name(alice, workspace):
    with pytest.raises(ValidationError) as refused:
        person_save(workspace=workspace, user=alice, full_name="   ")
    assert "full_name" in refused.value.error_dict
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("1985-04-12", (1985, 4, 12)),
        ("--04-12", (None, 4, 12)),
        ("--0229", (None, 2, 29)),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_it_reads_a_birthday_with_or_without_the_year(alice, workspace, typed, parts):
    dewi = person_save(workspace=workspace, user=alice, full_name="Dewi", birthday=typed)
    assert (dewi.birth_year, dewi.birth_month, dewi.birth_day) == parts


@pytest.mark.parametrize("typed", ["31/02", "1985-02-30", "besok"])
def test_it_refuses_a_birthday_that_is_not_a_date_and_keeps_the_old_one(alice, person, typed):
    person_save(workspace=person.workspace, user=alice, person=person, birthday="--08-02")
    with pytest.raises(ValidationError) as refused:
        person_save(workspace=person.workspace, user=alice, person=person, birthday=typed, nickname="X")
    assert "birthday" in refused.value.error_dict
    person.refresh_from_db()
    assert person.birthday_iso == "--08-02" and person.nickname == "Yuna"


def test_an_update_leaves_the_birthday_alone_unless_given(alice, person):
    person_save(workspace=person.workspace, user=alice, person=person, birthday="1980-01-02")
    person_save(workspace=person.workspace, user=alice, person=person, city="Bandung")
    person.refresh_from_db()
    assert person.birthday_iso == "1980-01-02" and person.city == "Bandung"


def test_it_updates_fields_records_the_stage_change_and_audits_what_changed(alice, person):
    person_save(workspace=person.workspace, user=alice, person=person, city="Bandung", stage="client")
    person.refresh_from_db()
    assert person.city == "Bandung" and person.stage == "client"
    assert list(person.stage_changes.order_by("changed_at").values_list("stage", flat=True)) == [
        "friend",
        "client",
    ]
    entry = AuditEntry.objects.get(action="person.update")
    assert "city" in entry.detail and "stage" in entry.detail and entry.user == alice


def test_it_refuses_a_phone_someone_else_has_and_saves_nothing(alice, workspace, person):
    dewi = person_save(workspace=workspace, user=alice, full_name="Dewi", phones=["0812-0000-0002"])
    with pytest.raises(ValidationError) as refused:
        person_save(
            workspace=workspace,
            user=alice,
            person=dewi,
            city="Bandung",
            phones=["0813-1111-0001", "0812-0000-0003"],
            emails=["yuna@example.com"],
        )
    errors = refused.value.message_dict
    assert "Yuna Kristina" in errors["phones"][0] and "Yuna Kristina" in errors["emails"][0]
    dewi.refresh_from_db()
    assert dewi.city == "" and list(dewi.contact_points.values_list("value", flat=True)) == ["+6281200000002"]
    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_it_refuses_a_new_person_whose_number_is_taken_and_creates_no_one(alice, workspace, person):
    with pytest.raises(ValidationError):
        person_save(workspace=workspace, user=alice, full_name="Yuna Copy", phones=["+62 813 1111 0001"])
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Yuna Kristina"]


def test_the_same_number_in_another_workspace_is_no_clash(charlie, person):
    other = person_save(
        workspace=charlie.current_workspace, user=charlie, full_name="Y", phones=["0813-1111-0001"]
    )
    assert ContactPoint.objects.filter(value="+6281311110001").count() == 2
    assert other.workspace == charlie.current_workspace


def test_it_never_changes_a_person_of_another_workspace(charlie, person):
    with pytest.raises(ValueError):
        person_save(workspace=charlie.current_workspace, user=charlie, person=person, city="Medan")
    person.refresh_from_db()
    assert person.city == ""


def test_it_refuses_an_introducer_from_another_workspace_or_the_person_themselves(alice, charlie, person):
    stranger = person_save(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    for introducer in (stranger, person):
        with pytest.raises(ValidationError) as refused:
            person_save(workspace=person.workspace, user=alice, person=person, introduced_by=introducer)
        assert "introduced_by" in refused.value.error_dict


def test_it_refuses_an_unknown_stage(alice, workspace):
    with pytest.raises(ValidationError):
        person_save(workspace=workspace, user=alice, full_name="Dewi", stage="king")


def test_a_misspelled_field_fails_loudly(alice, workspace):
    with pytest.raises(TypeError, match="fullname"):
        person_save(workspace=workspace, user=alice, fullname="Dewi")


def test_the_score_follows_what_is_saved(alice, person):
    before = person.score_base
    person_save(workspace=person.workspace, user=alice, person=person, birthday="--08-02", met_where="Golf")
    person.refresh_from_db()
    assert person.score_base == before + 15 + 10
