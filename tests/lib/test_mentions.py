"""Finding what names a person in text and streamed files, and blanking it out."""

import io
import zipfile

from kenal.lib.mentions import chunks_mention, file_mentions, redact


def test_it_redacts_every_needle_ignoring_case_longest_first():
    text = "Rapat dengan SEKAR Ayuningtyas dan Sekar, hubungi +6281377774242"
    assert (
        redact(text, ["Sekar", "Sekar Ayuningtyas", "+6281377774242"], "X")
        == "Rapat dengan X dan X, hubungi X"
    )


def test_it_leaves_text_without_needles_alone():
    assert redact("Siap", ["Sekar"], "X") == "Siap"
    assert redact("", ["Sekar"], "X") == ""


def test_it_finds_a_needle_split_across_chunks():
    assert chunks_mention([b"hello Sek", b"ar Ayu"], ["sekar ayu"])
    assert not chunks_mention([b"hello Sek", b"ra Ayu"], ["sekar ayu"])


def test_it_finds_a_phone_however_it_was_written():
    assert chunks_mention([b"TEL:0813-7777-", b"4242\r\n"], [], ["81377774242"])
    assert chunks_mention([b"+62 813 7777 4242"], [], ["81377774242"])
    assert not chunks_mention([b"+62 813 7777 4243"], [], ["81377774242"])


def test_it_looks_inside_zip_archives():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("chat.txt", "02/03/26 09.15 - Sekar Ayuningtyas: halo " * 100)
    buffer.seek(0)
    assert file_mentions(buffer, ["Sekar Ayuningtyas"])
    buffer.seek(0)
    assert not file_mentions(buffer, ["Hendra Wijaya"])


def test_a_plain_file_is_read_as_it_is():
    assert file_mentions(io.BytesIO(b"BEGIN:VCARD\nFN:Sekar\n"), ["fn:sekar"])
