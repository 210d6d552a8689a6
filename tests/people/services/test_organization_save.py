"""organization_save and organization_get_or_create: one way an organization comes to exist."""

import pytest
from django.core.exceptions import ValidationError

from kenal.accounts.models import AuditEntry
from kenal.people.models import Organization
from kenal.people.services import organization_get_or_create, organization_save


def test_it_creates_and_audits_an_organization(alice, workspace):
    organization = organization_save(workspace=workspace, user=alice, name=" PT Maju ", industry="Retail")
    assert organization.name == "PT Maju" and organization.workspace == workspace
    assert AuditEntry.objects.get(action="organization.create").object_id == str(organization.pk)


def test_it_refuses_an_organization_without_a_name(alice, workspace):
    with pytest.raises(ValidationError) as refused:
        organization_save(workspace=workspace, user=alice, name="  ")
    assert "name" in refused.value.error_dict and not Organization.objects.exists()


def test_get_or_create_finds_the_name_in_any_case_inside_the_workspace_only(alice, charlie, workspace):
    first = organization_get_or_create(workspace=workspace, user=alice, name="PT Maju")
    assert organization_get_or_create(workspace=workspace, user=alice, name="pt maju") == first
    theirs = organization_get_or_create(workspace=charlie.current_workspace, user=charlie, name="PT Maju")
    assert theirs != first and Organization.objects.count() == 2


def test_the_organization_form_saves_through_the_service(alice_client, alice, workspace):
    response = alice_client.post("/people/organizations/new/", {"name": "PT Maju"})
    organization = Organization.objects.get()
    assert response.status_code == 302 and organization.workspace == workspace
    assert AuditEntry.objects.filter(action="organization.create", user=alice).exists()


def test_an_outsider_cannot_edit_an_organization(charlie_client, alice, workspace):
    organization = organization_save(workspace=workspace, user=alice, name="PT Maju")
    response = charlie_client.post(f"/people/organizations/{organization.pk}/edit/", {"name": "Mine"})
    assert response.status_code == 404
    organization.refresh_from_db()
    assert organization.name == "PT Maju"
