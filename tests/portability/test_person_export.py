"""A person's right of access: everything about them as JSON, from the API and their page, never to outsiders."""

import json
from pathlib import Path

import jsonschema

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "export-schema.json").read_text())


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_api_gives_everything_about_the_person(sekar_world, client, alice_token):
    sekar = sekar_world["sekar"]
    document = client.get(f"/api/people/{sekar.pk}/export", headers=_auth(alice_token)).json()
    jsonschema.validate(document, {**SCHEMA, "$ref": "#/$defs/person"})
    kinds = document["kinds"]
    assert [p["full_name"] for p in kinds["people"]] == ["Sekar Ayuningtyas"]
    texts = [m["text"] for m in kinds["messages"]]
    assert "Saya bawa durian montong" in texts  # what they said in the group
    assert "Sudah bu, besok jam 10 saya kirim" in texts  # the one-to-one chat, both sides
    assert "Rapat jam 2 ya" not in texts  # others' group messages are not about them
    assert [p["what"] for p in kinds["promises"]] == ["Sekar Ayuningtyas kirim brief"]
    assert {c["value"] for c in kinds["contact_points"]} == {"+6281377774242", "sekar.ayu@example.com"}
    assert [f["name"] for f in kinds["family"]] == ["Raka Ayuningtyas"]
    assert len(kinds["referrals"]) == len(kinds["favours"]) == len(kinds["gifts"]) == 1


def test_the_api_gives_an_outsider_404(sekar_world, client, charlie_token):
    response = client.get(f"/api/people/{sekar_world['sekar'].pk}/export", headers=_auth(charlie_token))
    assert response.status_code == 404


def test_the_person_page_downloads_it(sekar_world, alice_client):
    sekar = sekar_world["sekar"]
    page = alice_client.get(sekar.get_absolute_url()).content.decode()
    assert f"/data/people/{sekar.pk}/export.json" in page
    response = alice_client.get(f"/data/people/{sekar.pk}/export.json")
    assert response["Content-Disposition"] == f'attachment; filename="kenal-person-{sekar.pk}.json"'
    assert json.loads(response.content)["person_id"] == sekar.pk


def test_an_outsider_gets_404_on_the_download(sekar_world, charlie_client):
    assert charlie_client.get(f"/data/people/{sekar_world['sekar'].pk}/export.json").status_code == 404


def test_private_notes_of_a_teammate_stay_out(sekar_world, bob, client):
    from kenal.accounts.services import token_create

    document = client.get(
        f"/api/people/{sekar_world['sekar'].pk}/export", headers=_auth(token_create(user=bob)[1])
    ).json()
    assert document["kinds"]["notes"] == []  # alice's note about Sekar is private
