"""The "your data" page and the archive download, for owners and admins only."""

import io
import json
import zipfile


def test_the_page_offers_the_archive(alice_client):
    page = alice_client.get("/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Download the archive" in page


def test_the_archive_downloads(sekar_world, alice_client):
    response = alice_client.get("/data/export.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert json.loads(archive.read("manifest.json"))["kinds"]["people"]["count"] == 2


def test_an_outsider_downloads_only_their_own_workspace(sekar_world, charlie_client):
    response = charlie_client.get("/data/export.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert json.loads(archive.read("manifest.json"))["kinds"]["people"]["count"] == 0


def test_a_plain_team_member_is_refused(sekar_world, workspace, bob_client):
    workspace.is_personal = False
    workspace.save(update_fields=["is_personal"])
    assert bob_client.get("/data/export.zip").status_code == 403
    assert (
        "only its owners and admins" in bob_client.get("/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
