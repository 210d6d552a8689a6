"""The workspace's legal-basis default: chosen on "Your data", given to everyone imports and the quick add create."""

import json
import zipfile

import pytest

from kenal.accounts.models import Workspace
from kenal.lib import quickadd
from kenal.people.models import Person
from kenal.people.services import quick_add_apply, workspace_legal_basis_set

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lars Eriksen\r\nTEL:+47 912 34 567\r\nEND:VCARD\r\n"


@pytest.fixture(autouse=True)
def english(client, alice_client, charlie_client):
    for each in (client, alice_client, charlie_client):
        each.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def consent(workspace, alice):
    workspace_legal_basis_set(workspace=workspace, legal_basis="consent", user=alice)
    return workspace


def test_the_quick_add_and_the_person_form_use_the_default(consent, alice, alice_client):
    quick_add_apply(workspace=consent, user=alice, parsed=quickadd.parse("Bu Yuna – anak: Raka"))
    assert Person.objects.get().legal_basis == "consent"
    page = alice_client.get("/people/new/").content.decode()
    assert '<option value="consent" selected>' in page


def test_a_vcard_import_uses_the_default_and_records_since_when(consent, alice, tmp_path, now):
    from kenal.people.vcard import vcard_import

    path = tmp_path / "contacts.vcf"
    path.write_text(CARD)
    vcard_import(workspace=consent, user=alice, path=path)
    lars = Person.objects.get()
    assert (lars.legal_basis, lars.legal_basis_since) == ("consent", now.date())


def test_a_person_made_from_a_chat_sender_uses_the_default(consent, alice):
    from kenal.conversations.models import UnmatchedSender
    from kenal.conversations.services import unmatched_create_person

    unmatched = UnmatchedSender.objects.create(workspace=consent, name="Hendra Wijaya", address="")
    assert unmatched_create_person(unmatched=unmatched, user=alice).legal_basis == "consent"


def test_without_a_choice_new_people_are_kept_on_legitimate_interest(workspace, alice):
    quick_add_apply(workspace=workspace, user=alice, parsed=quickadd.parse("Pak Hendra"))
    assert Person.objects.get().legal_basis == "legitimate_interest"


def test_the_data_page_sets_it(alice_client, workspace):
    response = alice_client.post("/data/legal-basis/", {"legal_basis": "contract"}, follow=True)
    assert "people you add from now on are kept on this basis" in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.default_legal_basis == "contract"
    assert '<option value="contract" selected>' in alice_client.get("/data/").content.decode()


def test_an_unknown_reason_is_refused(alice_client, workspace):
    response = alice_client.post("/data/legal-basis/", {"legal_basis": "because"}, follow=True)
    assert "Choose client contract, consent or legitimate interest." in response.content.decode()
    workspace.refresh_from_db()
    assert workspace.default_legal_basis == ""


def test_a_viewer_and_a_plain_team_member_are_refused(workspace, vera_client, bob_client):
    workspace.is_personal = False
    workspace.save(update_fields=["is_personal"])
    assert vera_client.post("/data/legal-basis/", {"legal_basis": "consent"}).status_code == 403
    assert bob_client.post("/data/legal-basis/", {"legal_basis": "consent"}).status_code == 403
    workspace.refresh_from_db()
    assert workspace.default_legal_basis == ""


def test_an_outsider_changes_only_his_own_workspace(charlie, charlie_client, workspace):
    charlie_client.post("/data/legal-basis/", {"legal_basis": "consent"})
    workspace.refresh_from_db()
    assert workspace.default_legal_basis == ""
    assert Workspace.objects.get(pk=charlie.current_workspace_id).default_legal_basis == "consent"


def test_the_archive_carries_it_and_restores_it(consent, alice, charlie, tmp_path, kenal_home):
    from kenal.portability.exporting import archive_write
    from kenal.portability.importing import archive_import

    path = tmp_path / "export.zip"
    archive_write(workspace=consent, user=alice, out=path)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("manifest.json"))["workspace"]["default_legal_basis"] == "consent"
    archive_import(path=path, workspace=charlie.current_workspace, user=charlie)
    assert Workspace.objects.get(pk=charlie.current_workspace_id).default_legal_basis == "consent"
