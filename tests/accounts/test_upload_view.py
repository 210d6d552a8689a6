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


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _headers_forbid_running(response):
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_svg_photo_from_a_vcard_downloads_instead_of_running(alice_client, workspace, alice, tmp_path):
    import base64

    from kenal.people.models import Person
    from kenal.people.vcard import vcard_import

    card = tmp_path / "evil.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil Eve\r\n"
        f"PHOTO;ENCODING=b;TYPE=image/svg+xml:{base64.b64encode(SVG_WITH_SCRIPT).decode()}\r\n"
        "END:VCARD\r\n"
    )
    vcard_import(workspace=workspace, user=alice, path=card)
    photo = Person.objects.get(full_name="Evil Eve").photo
    assert photo.content_type == "image/svg+xml"  # what the card claimed

    response = alice_client.get(f"/accounts/uploads/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    _headers_forbid_running(response)


def test_an_html_mou_named_like_a_png_downloads_instead_of_running(alice_client, workspace):
    upload = upload_store(
        workspace=workspace, name="x.png", content=b"<html><script>alert(1)</script></html>"
    )
    assert upload.content_type == "image/png"  # guessed from the name
    response = alice_client.get(f"/accounts/uploads/{upload.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.png"'
    _headers_forbid_running(response)


def test_a_real_image_is_shown_inline_with_its_sniffed_type(alice_client, workspace):
    upload = upload_store(workspace=workspace, name="photo.jpg", content=PNG, content_type="image/jpeg")
    response = alice_client.get(f"/accounts/uploads/{upload.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    _headers_forbid_running(response)
    assert b"".join(response.streaming_content) == PNG


def test_a_webp_and_a_gif_are_images_and_a_pdf_is_not():
    from kenal.lib.images import sniff_image

    assert sniff_image(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image(b"GIF89a\x01\x00") == "image/gif"
    assert sniff_image(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_image(b"%PDF-1.4") == ""
    assert sniff_image(b"<svg") == ""


def test_a_download_name_cannot_break_the_header(alice_client, workspace):
    upload = upload_store(workspace=workspace, name='bad"\r\nSet-Cookie: x=1.pdf', content=b"%PDF-1.4")
    response = alice_client.get(f"/accounts/uploads/{upload.pk}/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "\n" not in response["Content-Disposition"]
