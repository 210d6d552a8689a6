"""Specs for the email (mbox / .eml) parser and its quote stripping."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kenal.lib.chats import detect_source, parse
from kenal.lib.chats.base import ChatMessage, Malformed
from kenal.lib.chats.mail import html_to_text, parse_mail, strip_quoted_and_signature

JAKARTA = ZoneInfo("Asia/Jakarta")
REPLY = """\
From: "Budi Santoso" <Budi@Klien.co.id>
To: Sari <sari@kenal.id>, tim@kenal.id
Cc: Joko <joko@kenal.id>
Subject: Re: Penawaran
Date: Tue, 28 Apr 2026 09:15:00 +0000
Message-ID: <reply-2@klien.co.id>
In-Reply-To: <first-1@kenal.id>
References: <root-0@kenal.id> <first-1@kenal.id>
Content-Type: text/plain; charset=utf-8

Oke, saya setuju dengan harganya.
Kirim invoice ya.

Salam,
Budi

Pada Sen, 27 Apr 2026 pukul 10.00 Sari <sari@kenal.id> menulis:
> Berikut penawaran kami.
"""


def mbox(*emails: str) -> str:
    """Join emails into an mbox with envelope lines."""
    return "".join(f"From sender@example.com Tue Apr 28 09:15:00 2026\n{text}\n" for text in emails)


def test_it_reads_an_eml_with_sender_recipients_and_thread(tmp_path):
    path = tmp_path / "reply.eml"
    path.write_text(REPLY, encoding="utf-8")
    [message] = list(parse_mail(path, tz=JAKARTA))
    assert message.at == datetime(2026, 4, 28, 16, 15, tzinfo=JAKARTA)
    assert (message.sender, message.sender_address) == ("Budi Santoso", "budi@klien.co.id")
    assert message.recipients == ("sari@kenal.id", "tim@kenal.id", "joko@kenal.id")
    assert (message.source_id, message.thread_key) == ("<reply-2@klien.co.id>", "<root-0@kenal.id>")
    assert message.text == "Oke, saya setuju dengan harganya.\nKirim invoice ya."
    assert "menulis:" in message.raw


def test_it_reads_every_email_of_an_mbox_with_envelope_line_numbers(tmp_path):
    first = (
        "From: a@x.id\nSubject: hi\nDate: Mon, 27 Apr 2026 10:00:00 +0700\nMessage-ID: <a@x.id>\n\nPertama\n"
    )
    path = tmp_path / "inbox.mbox"
    path.write_text(mbox(first, REPLY), encoding="utf-8")
    items = list(parse("email", path, tz=JAKARTA))
    assert [item.line for item in items] == [1, 9]
    assert items[0].thread_key == "<a@x.id>" and items[0].text == "Pertama"
    assert detect_source(path) == "email"


def test_it_reads_a_folder_recursively(tmp_path):
    (tmp_path / "2026" / "april").mkdir(parents=True)
    (tmp_path / "2026" / "april" / "one.eml").write_text(REPLY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not mail", encoding="utf-8")
    assert [item.sender for item in parse_mail(tmp_path, tz=JAKARTA)] == ["Budi Santoso"]


def test_it_falls_back_to_html_and_drops_its_blockquotes(tmp_path):
    html = (
        "From: Rina <rina@x.id>\nDate: Tue, 28 Apr 2026 09:15:00 +0700\nContent-Type: text/html; charset=utf-8\n\n"
        "<html><head><style>p{}</style></head><body><p>Halo&nbsp;tim,</p><p>Jadi besok.</p>"
        "<blockquote>pesan lama</blockquote></body></html>\n"
    )
    path = tmp_path / "html.eml"
    path.write_text(html, encoding="utf-8")
    [message] = list(parse_mail(path, tz=JAKARTA))
    assert message.text == "Halo tim,\n\nJadi besok."
    assert message.source_id.endswith("@kenal.invalid>")


def test_it_replaces_undecodable_charsets_instead_of_failing(tmp_path):
    raw = b"From: x@y.id\nDate: Tue, 28 Apr 2026 09:15:00 +0700\nContent-Type: text/plain; charset=klingon\n\nHalo \xff\n"
    path = tmp_path / "odd.eml"
    path.write_bytes(raw)
    [message] = list(parse_mail(path, tz=JAKARTA))
    assert message.text.startswith("Halo")


def test_it_uses_the_zone_for_a_missing_date_offset_and_the_envelope_for_a_missing_date(tmp_path):
    no_offset = "From: a@x.id\nDate: 28 Apr 2026 09:15:00\n\nx\n"
    no_date = "From: a@x.id\n\ny\n"
    path = tmp_path / "dates.mbox"
    path.write_text(mbox(no_offset, no_date), encoding="utf-8")
    first, second = list(parse_mail(path, tz=JAKARTA))
    assert first.at == datetime(2026, 4, 28, 9, 15, tzinfo=JAKARTA)
    assert second.at == datetime(2026, 4, 28, 9, 15, tzinfo=JAKARTA)


def test_it_never_raises_on_a_broken_message(tmp_path):
    path = tmp_path / "broken.mbox"
    path.write_bytes(
        mbox("From: <<<@@@\nTo: ,,,\nDate: someday\nContent-Type: multipart/mixed\n\nno boundary\n").encode()
    )
    items = list(parse_mail(path, tz=JAKARTA))
    assert len(items) == 1 and isinstance(items[0], ChatMessage | Malformed)


def test_strip_removes_english_reply_headers_and_signatures():
    body = "Sounds good.\n\nOn Mon, Apr 27, 2026 at 10:00 AM Sari <sari@kenal.id>\nwrote:\n> old\n"
    assert strip_quoted_and_signature(body) == "Sounds good."
    assert strip_quoted_and_signature("Ok.\n\nSent from my iPhone") == "Ok."
    assert strip_quoted_and_signature("Siap.\n\nDikirim dari Yahoo Mail di Android") == "Siap."
    assert strip_quoted_and_signature("Done.\n-- \nBudi | +62 812") == "Done."


def test_strip_removes_outlook_original_message_blocks():
    assert strip_quoted_and_signature("Noted.\n\n-----Original Message-----\nFrom: a\n") == "Noted."
    outlook = (
        "Baik.\n\nFrom: Sari <sari@kenal.id>\nSent: Monday, April 27, 2026 10:00\nTo: Budi\nSubject: x\n\nold"
    )
    assert strip_quoted_and_signature(outlook) == "Baik."


def test_strip_keeps_inline_answers_between_quotes():
    assert strip_quoted_and_signature("> Harga?\nRp 5 juta.\n> Kapan?\nJumat.") == "Rp 5 juta.\nJumat."


def test_strip_drops_a_closing_block_but_not_a_thank_you_sentence():
    assert (
        strip_quoted_and_signature("Sudah saya kirim.\n\nRegards,\nBudi Santoso\nKlien Co")
        == "Sudah saya kirim."
    )
    assert (
        strip_quoted_and_signature("Terima kasih, sudah saya terima filenya.")
        == "Terima kasih, sudah saya terima filenya."
    )


def test_html_to_text_skips_scripts_and_keeps_paragraphs():
    assert html_to_text("<script>x()</script><p>a</p><p>b<br>c</p>") == "a\n\nb\nc"
