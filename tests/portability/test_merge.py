"""Duplicates found by phone, email or name; a merge moves everything onto one person, and undo restores both."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kenal.commitments.models import Commitment
from kenal.conversations.models import Message
from kenal.people import services as people_services
from kenal.people.models import Note, Person
from kenal.portability.selectors import duplicate_pairs
from kenal.portability.services import person_merge, person_merge_undo


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _state(workspace) -> dict:
    """Everything a merge touches, as comparable values."""
    from kenal.portability.exporting import kind_rows
    from kenal.portability.kinds import KINDS

    user = workspace.memberships.first().user
    return {kind.name: list(kind_rows(kind, workspace=workspace, user=user)) for kind in KINDS}


@pytest.fixture
def twin(sekar_world, workspace, alice):
    """Bu Sekar, a second record of Sekar made by hand, with a note, a circle and a promise of her own."""
    twin = people_services.person_create(
        workspace=workspace, user=alice, full_name="Bu  sekar ayuningtyas", nickname="Sekar", city=""
    )
    people_services.contact_point_add(person=twin, kind="email", value="sekar@kantor.id")
    people_services.note_add(person=twin, author=alice, body="Suka kopi tubruk", visibility="shared")
    people_services.person_circles_set(person=twin, names=["gankjemputan"])
    people_services.activity_add(
        workspace=workspace,
        user=alice,
        people=[twin, sekar_world["hendra"]],
        kind="call",
        title="Telepon",
        happened_at=sekar_world["promise"].created_at,
    )
    from kenal.commitments.services import commitment_create

    commitment_create(workspace=workspace, user=alice, person=twin, what="Kirim undangan")
    return twin


def test_it_finds_people_with_the_same_name(twin, sekar_world, workspace):
    pairs = duplicate_pairs(workspace=workspace)
    assert [(p.left.full_name, p.right.full_name, p.reasons) for p in pairs] == [
        ("Sekar Ayuningtyas", "Bu  sekar ayuningtyas", ["same name"])
    ]


def test_it_finds_people_sharing_a_handle(person, workspace, alice):
    other = people_services.person_create(workspace=workspace, user=alice, full_name="Kristina Y.")
    people_services.contact_point_add(person=person, kind="telegram", value="@yunak")
    people_services.contact_point_add(person=other, kind="telegram", value="@yunak")
    assert [p.reasons for p in duplicate_pairs(workspace=workspace)] == [["both have @yunak"]]


def test_a_merge_moves_everything_onto_the_kept_person(twin, sekar_world, workspace, alice):
    sekar = sekar_world["sekar"]
    person_merge(keep=sekar, other=twin, user=alice, take=["nickname"])

    assert not Person.objects.filter(pk=twin.pk).exists()
    sekar.refresh_from_db()
    assert (sekar.full_name, sekar.nickname, sekar.city) == ("Sekar Ayuningtyas", "Sekar", "Bandung")
    assert set(sekar.contact_points.values_list("value", flat=True)) == {
        "+6281377774242",
        "sekar.ayu@example.com",
        "sekar@kantor.id",
    }
    assert "Suka kopi tubruk" in sekar.notes.values_list("body", flat=True)
    assert "Merged with Bu  sekar ayuningtyas." in sekar.notes.values_list("body", flat=True)
    assert [c.name for c in sekar.circles.all()] == ["gankjemputan"]
    assert Commitment.objects.filter(creditor_person=sekar).count() == 1
    assert sekar.activities.count() == 3
    assert Message.objects.filter(person=sekar).exists()


def test_undo_restores_exactly_the_state_before(twin, sekar_world, workspace, alice):
    before = _state(workspace)
    merge = person_merge(keep=sekar_world["sekar"], other=twin, user=alice)
    person_merge_undo(merge=merge, user=alice)
    after = _state(workspace)
    for name in before:
        if name == "people":  # the kept person's updated_at moves, as with any edit
            for row in before[name] + after[name]:
                row.pop("updated_at")
        assert after[name] == before[name], name


def test_undo_is_refused_after_30_days(twin, sekar_world, alice):
    merge = person_merge(keep=sekar_world["sekar"], other=twin, user=alice)
    with time_machine.travel(merge.merged_at + timedelta(days=31)):
        with pytest.raises(ValidationError, match="30 days"):
            person_merge_undo(merge=merge, user=alice)


def test_it_refuses_to_merge_someone_with_themselves(person, alice):
    with pytest.raises(ValidationError):
        person_merge(keep=person, other=person, user=alice)


def test_it_refuses_fields_it_does_not_know(twin, sekar_world, alice):
    with pytest.raises(ValidationError, match="workspace"):
        person_merge(keep=sekar_world["sekar"], other=twin, user=alice, take=["workspace"])
    assert Note.objects.filter(person=twin).exists()


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_api_lists_duplicates_merges_and_undoes(twin, sekar_world, client, alice_token):
    sekar = sekar_world["sekar"]
    pairs = client.get("/api/people/duplicates", headers=_auth(alice_token), HTTP_ACCEPT_LANGUAGE="en").json()
    assert pairs == [
        {
            "left": {"id": sekar.pk, "name": "Sekar Ayuningtyas"},
            "right": {"id": twin.pk, "name": "Bu  sekar ayuningtyas"},
            "reasons": ["same name"],
            "matched_on": ["name"],
        }
    ]
    merged = client.post(
        f"/api/people/{sekar.pk}/merge",
        {"other": twin.pk},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert merged.status_code == 200
    assert not Person.objects.filter(pk=twin.pk).exists()
    undone = client.post(f"/api/people/merges/{merged.json()['merge_id']}/undo", headers=_auth(alice_token))
    assert undone.json() == {"id": twin.pk, "name": "Bu  sekar ayuningtyas"}
    again = client.post(f"/api/people/merges/{merged.json()['merge_id']}/undo", headers=_auth(alice_token))
    assert again.status_code == 400


def test_the_api_refuses_an_unknown_field(twin, sekar_world, client, alice_token):
    response = client.post(
        f"/api/people/{sekar_world['sekar'].pk}/merge",
        {"other": twin.pk, "take": ["score_base"]},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 400
    assert "score_base" in response.json()["detail"]


def test_outsiders_get_404_and_see_no_duplicates(twin, sekar_world, alice, client, charlie_token):
    sekar = sekar_world["sekar"]
    headers = _auth(charlie_token)
    assert client.get("/api/people/duplicates", headers=headers).json() == []
    response = client.post(
        f"/api/people/{sekar.pk}/merge", {"other": twin.pk}, content_type="application/json", headers=headers
    )
    assert response.status_code == 404
    merge = person_merge(keep=sekar, other=twin, user=alice)
    assert client.post(f"/api/people/merges/{merge.pk}/undo", headers=headers).status_code == 404


def test_the_pages_compare_merge_and_undo(twin, sekar_world, alice_client):
    sekar = sekar_world["sekar"]
    en = {"HTTP_ACCEPT_LANGUAGE": "en"}
    page = alice_client.get("/data/duplicates/", **en).content.decode()
    assert f"/data/merge/{sekar.pk}/{twin.pk}/" in page
    compare = alice_client.get(f"/data/merge/{sekar.pk}/{twin.pk}/", **en).content.decode()
    assert 'name="nickname" value="other" checked' in compare
    response = alice_client.post(f"/data/merge/{sekar.pk}/{twin.pk}/", {"full_name": "other"})
    assert response.status_code == 302
    sekar.refresh_from_db()
    assert sekar.full_name == "Bu  sekar ayuningtyas"
    page = alice_client.get("/data/duplicates/", **en).content.decode()
    assert "Recent merges" in page
    from kenal.portability.models import PersonMerge

    merge = PersonMerge.objects.get()
    assert alice_client.post(f"/data/merges/{merge.pk}/undo/").status_code == 302
    assert Person.objects.filter(pk=twin.pk).exists()
    sekar.refresh_from_db()
    assert sekar.full_name == "Sekar Ayuningtyas"


def test_outsiders_get_404_on_the_pages(twin, sekar_world, alice, charlie_client):
    sekar = sekar_world["sekar"]
    assert charlie_client.get(f"/data/merge/{sekar.pk}/{twin.pk}/").status_code == 404
    assert charlie_client.post(f"/data/merge/{sekar.pk}/{twin.pk}/").status_code == 404
    merge = person_merge(keep=sekar, other=twin, user=alice)
    assert charlie_client.post(f"/data/merges/{merge.pk}/undo/").status_code == 404
    assert "Sekar" not in charlie_client.get("/data/duplicates/").content.decode()
