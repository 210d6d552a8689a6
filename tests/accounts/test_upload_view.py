from kenal.accounts.services import upload_store


def test_a_member_downloads_an_upload(bob_client, workspace):
    upload = upload_store(workspace=workspace, name="mou.pdf", content=b"%PDF-1.4 test")
    response = bob_client.get(f"/accounts/uploads/{upload.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_an_outsider_gets_404_for_an_upload(charlie_client, workspace):
    upload = upload_store(workspace=workspace, name="mou.pdf", content=b"%PDF-1.4 test")
    assert charlie_client.get(f"/accounts/uploads/{upload.pk}/").status_code == 404


def test_the_same_bytes_are_stored_once(workspace):
    first = upload_store(workspace=workspace, name="a.vcf", content=b"BEGIN:VCARD")
    second = upload_store(workspace=workspace, name="b.vcf", content=b"BEGIN:VCARD")
    assert first.pk == second.pk
