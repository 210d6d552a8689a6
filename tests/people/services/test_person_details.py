"""The smaller people services: contact points, jobs, the quick add, deleting, links."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kenal.accounts.models import AuditEntry
from kenal.lib import quickadd
from kenal.people.models import Person
from kenal.people.services import (
    contact_point_add,
    employment_add,
    organization_get_or_create,
    person_delete,
    person_link_add,
    person_save,
    quick_add_apply,
)


def test_contact_point_add_refuses_a_number_someone_else_has(alice, workspace, person):
    dewi = person_save(workspace=workspace, user=alice, full_name="Dewi")
    with pytest.raises(ValidationError, match="Yuna Kristina"):
        contact_point_add(person=dewi, kind="phone", value="0813 1111 0001")
    assert contact_point_add(person=person, kind="phone", value="+6281311110001").person == person


def test_contact_point_add_refuses_what_is_not_a_phone_or_an_email(person):
    for kind, value in (("phone", "abc"), ("email", "no-at-sign")):
        with pytest.raises(ValidationError):
            contact_point_add(person=person, kind=kind, value=value)


def test_a_new_current_job_ends_the_old_one_and_keeps_the_history(alice, workspace, person, now):
    old = organization_get_or_create(workspace=workspace, user=alice, name="PT Lama")
    new = organization_get_or_create(workspace=workspace, user=alice, name="PT Baru")
    employment_add(person=person, organization=old, role="Staf", started_on=date(2020, 1, 1))
    employment_add(person=person, organization=new, role="Direktur", started_on=date(2026, 1, 1))
    jobs = {job.organization.name: job.ended_on for job in person.employments.all()}
    assert jobs == {"PT Lama": date(2026, 1, 1), "PT Baru": None}


def test_the_quick_add_creates_a_person_through_person_save(alice, workspace):
    person = quick_add_apply(
        workspace=workspace, user=alice, parsed=quickadd.parse("Bu Yuna – anak: Raka, SD Tunas, lahir 2016")
    )
    assert person.salutation == "Bu" and person.family.get().name == "Raka"
    assert AuditEntry.objects.filter(action="person.create", object_id=str(person.pk)).exists()


def test_the_quick_add_refuses_a_line_without_a_name(alice, workspace):
    with pytest.raises(ValidationError):
        quick_add_apply(workspace=workspace, user=alice, parsed=quickadd.parse("anak: Raka"))
    assert not Person.objects.exists()


def test_deleting_a_person_leaves_an_audit_entry_with_their_name(alice, person):
    person_delete(person=person, user=alice)
    assert not Person.objects.exists()
    assert AuditEntry.objects.get(action="person.delete").detail == "Yuna Kristina"


def test_a_link_refuses_a_person_of_another_workspace_or_oneself(alice, charlie, person):
    stranger = person_save(workspace=charlie.current_workspace, user=charlie, full_name="Stranger")
    for other in (stranger, person):
        with pytest.raises(ValidationError):
            person_link_add(from_person=person, to_person=other, kind="colleague")


@pytest.mark.parametrize(
    ("line", "stage", "met_where"),
    [
        ("Bu Yuna – klien – kenal di: Jakarta Fair 2025", "client", "Jakarta Fair 2025"),
        ("Pak Hendra; friend; met at: Rina's wedding", "friend", "Rina's wedding"),
        ("Mas Bayu – tahap: calon klien", "prospect", ""),
        ("Kak Dina – teman", "friend", ""),
        ("Bang Togar – mantan klien; kenal di Medan", "former_client", "Medan"),
    ],
)
def test_the_quick_add_understands_the_stage_and_how_we_met(alice, workspace, line, stage, met_where):
    person = quick_add_apply(workspace=workspace, user=alice, parsed=quickadd.parse(line))
    assert (person.stage, person.met_where) == (stage, met_where)
    assert not person.notes.exists()


def test_the_quick_add_on_a_person_changes_their_stage(alice, person):
    quick_add_apply(workspace=person.workspace, user=alice, parsed=quickadd.parse("klien"), person=person)
    person.refresh_from_db()
    assert person.stage == "client" and person.stage_changes.filter(stage="client").exists()
