"""No inline script or style anywhere: the Content-Security-Policy forbids them, so no template may need them."""

import re
from pathlib import Path

KENAL = Path(__file__).resolve().parents[2] / "kenal"
# E-mails are not web pages: the digest keeps the inline styles mail programs need.
EMAILS = {"digest.html"}


def _templates():
    return [p for p in KENAL.rglob("templates/**/*.html") if p.name not in EMAILS]


def test_every_page_carries_the_policy(alice_client):
    policy = alice_client.get("/people/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_login_page_carries_it_too(client, db):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_style():
    offenders = []
    for path in _templates():
        text = path.read_text()
        if re.search(r"<style\b|\sstyle=|\son[a-z]+=\"|<script(?![^>]*\bsrc=)", text):
            offenders.append(str(path.relative_to(KENAL)))
    assert len(_templates()) > 50
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_style(alice_client):
    assert '"includeIndicatorStyles": false' in alice_client.get("/people/").content.decode()


def test_the_upload_keeps_its_own_stricter_policy(alice_client, workspace):
    from kenal.accounts.services import upload_store

    upload = upload_store(workspace=workspace, name="mou.pdf", content=b"%PDF-1.4")
    assert alice_client.get(f"/accounts/uploads/{upload.pk}/")["Content-Security-Policy"] == (
        "sandbox; default-src 'none'"
    )
