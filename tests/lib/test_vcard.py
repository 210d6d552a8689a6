import base64
import io
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kenal.lib.vcard import BirthDate, CardError, ExportCard, ParsedCard, iter_cards, write_vcard

JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0"
    "Hyc5PTgyPC4zNDL/2Q=="
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg=="
)

# Android's contacts app: vCard 2.1, every non-ASCII field quoted-printable byte by byte with
# "=" soft line breaks, bare TEL;CELL parameters, and a BASE64 photo ended by a blank line.
ANDROID_21 = """\
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=53=C3=A9=74=69=61=77=61=6E;=44=65=77=69;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=44=65=77=69=20=53=C3=A9=74=69=61=77=61=6E
TEL;CELL;PREF:0812-3456-7890
TEL;CELL:+62 812 3456 7890
TEL;HOME:(021) 555 1234
TEL;WORK:12
EMAIL;HOME:Dewi.Setiawan@Gmail.COM
ORG:PT Sinar Abadi
TITLE:Manajer Keuangan
NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4B=6C=69=65=6E=20=6C=61=6D=61=2C=20=73=75=6B=61=20=6B=6F=70=69=20=
=E2=98=95=0A=54=65=6D=75=20=64=69=20=4B=65=6D=61=6E=67
BDAY:1985-04-12
X-SKYPE-USERNAME:dewi.setiawan
PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U
  HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==

END:VCARD
"""

# iPhone / iCloud: vCard 3.0 with item1. groups and X-ABLabel, PHOTO;ENCODING=b and a
# birthday without a year stored as 1604.
IPHONE_30 = """\
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Kristina;Yuna;;;
FN:Yuna Kristina
NICKNAME:Yun
ORG:Studio Lentera;Desain
TITLE:Art Director
item1.TEL;type=pref:+62 813-1111-2222
item2.TEL:6281311112222
item2.X-ABLabel:WhatsApp
item3.EMAIL;type=INTERNET;type=pref:yuna@studiolentera.id
item3.X-ABLabel:_$!<Work>!$_
BDAY;X-APPLE-OMIT-YEAR=1604:1604-08-17
X-SOCIALPROFILE;type=instagram;x-user=yuna.kristina:http://instagram.com/yuna.kristina
X-SOCIALPROFILE;type=twitter;x-user=yunakris:http://twitter.com/yunakris
IMPP;X-SERVICE-TYPE=Telegram;type=pref:x-apple:yunakris
item4.URL;type=pref:https://studiolentera.id
item4.X-ABLabel:_$!<HomePage>!$_
item5.URL:https://behance.net/yunakristina
item5.X-ABLabel:Behance
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHB
 wgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==
UID:8F3A2C1E-5B7D-4E2A-9C0B-1D2E3F405162
END:VCARD
"""

# Google Contacts export: vCard 3.0, escaped colons in URLs, item groups for custom fields,
# and a photo given as a URL.
GOOGLE_30 = """\
BEGIN:VCARD
VERSION:3.0
FN:Rina Sari
N:Sari;Rina;;;
NICKNAME:Rin
EMAIL;TYPE=INTERNET;TYPE=HOME:rina.sari@yahoo.co.id
EMAIL;TYPE=INTERNET:RINA.SARI@yahoo.co.id
TEL;TYPE=CELL:+62 857-1234-5678
TEL;TYPE=WORK:(022) 2501234
ADR;TYPE=HOME:;;Jl. Dago No. 12;Bandung;Jawa Barat;40135;Indonesia
ORG:CV Kopi Kenangan
TITLE:Pemilik
BDAY:--02-28
item1.URL:https\\://www.instagram.com/rina.sari/
item1.X-ABLabel:Instagram
item2.X-ABDATE:2020-06-01
item2.X-ABLabel:_$!<Anniversary>!$_
NOTE:Ketemu di pameran\\, Jakarta 2023\\nMinta penawaran logo
CATEGORIES:myContacts,Klien
PHOTO:https://lh3.googleusercontent.com/contacts/ABC123
END:VCARD
"""

# RFC 6350 vCard 4.0: year-less BDAY, tel: URIs and a data: URI photo.
VCARD_40 = f"""\
BEGIN:VCARD
VERSION:4.0
FN:Agus Pratama
N:Pratama;Agus;;;
BDAY:--0412
TEL;VALUE=uri;TYPE="cell,voice":tel:+62-811-222-333
EMAIL;TYPE=work:Agus@Pratama.Dev
IMPP;PREF=1:xmpp:agus@jabber.id
PHOTO:data:image/png;base64,{base64.b64encode(PNG).decode()}
UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
END:VCARD
"""

BROKEN = """\
BEGIN:VCARD
VERSION:3.0
FN:Tanpa Titik Dua
this line has no colon
END:VCARD
"""


def parse(text: str) -> list[ParsedCard | CardError]:
    return list(iter_cards(io.StringIO(text)))


def parse_one(text: str) -> ParsedCard:
    (card,) = parse(text)
    assert isinstance(card, ParsedCard), card
    return card


def test_it_reads_android_quoted_printable_names_and_notes():
    card = parse_one(ANDROID_21)
    assert card.line == 1
    assert card.full_name == "Dewi Sétiawan"
    assert (card.given_name, card.family_name) == ("Dewi", "Sétiawan")
    # vobject's own 3.0 text decoding would stop at the first comma here.
    assert card.note == "Klien lama, suka kopi ☕\nTemu di Kemang"
    assert card.organization == "PT Sinar Abadi"
    assert card.title == "Manajer Keuangan"


def test_it_normalizes_dedupes_and_orders_phones():
    card = parse_one(ANDROID_21)
    assert card.phones == ["+6281234567890", "+62215551234"]


def test_it_warns_about_unparseable_phones_instead_of_keeping_them():
    card = parse_one(ANDROID_21)
    assert card.warnings == ["phone '12' is not a valid number and was skipped"]


def test_it_lowercases_emails():
    assert parse_one(ANDROID_21).emails == ["dewi.setiawan@gmail.com"]


def test_it_reads_android_base64_photo_and_legacy_im_fields():
    card = parse_one(ANDROID_21)
    assert card.photo == JPEG
    assert card.photo_type == "image/jpeg"
    assert card.birthday == BirthDate(1985, 4, 12)
    assert card.socials == [("skype", "dewi.setiawan")]


def test_it_reads_iphone_cards():
    card = parse_one(IPHONE_30)
    assert card.full_name == "Yuna Kristina"
    assert card.nickname == "Yun"
    assert card.organization == "Studio Lentera, Desain"
    assert card.phones == ["+6281311112222"]
    assert card.emails == ["yuna@studiolentera.id"]
    assert card.uid == "8F3A2C1E-5B7D-4E2A-9C0B-1D2E3F405162"


def test_it_treats_apple_1604_birthdays_as_yearless():
    card = parse_one(IPHONE_30)
    assert card.birthday == BirthDate(None, 8, 17)
    assert card.birthday.iso() == "--08-17"


def test_it_reads_folded_iphone_photo():
    card = parse_one(IPHONE_30)
    assert card.photo == JPEG
    assert card.photo_type == "image/jpeg"


def test_it_reads_iphone_social_profiles_and_labelled_urls():
    assert parse_one(IPHONE_30).socials == [
        ("instagram", "@yuna.kristina"),
        ("twitter", "@yunakris"),
        ("telegram", "@yunakris"),
        ("website", "https://studiolentera.id"),
        ("website", "https://behance.net/yunakristina"),
    ]


def test_it_reads_google_contacts_exports():
    card = parse_one(GOOGLE_30)
    assert card.full_name == "Rina Sari"
    assert card.emails == ["rina.sari@yahoo.co.id"]
    assert card.phones == ["+6285712345678", "+62222501234"]
    assert card.birthday == BirthDate(None, 2, 28)
    assert card.note == "Ketemu di pameran, Jakarta 2023\nMinta penawaran logo"
    assert card.socials == [("instagram", "@rina.sari")]


def test_it_keeps_photo_urls_without_downloading_them():
    card = parse_one(GOOGLE_30)
    assert card.photo is None
    assert card.photo_url == "https://lh3.googleusercontent.com/contacts/ABC123"


def test_it_reads_vcard_40():
    card = parse_one(VCARD_40)
    assert card.birthday == BirthDate(None, 4, 12)
    assert card.phones == ["+62811222333"]
    assert card.emails == ["agus@pratama.dev"]
    assert card.photo == PNG
    assert card.photo_type == "image/png"
    assert card.socials == [("xmpp", "agus@jabber.id")]
    assert card.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def test_it_reports_a_broken_card_with_its_line_and_keeps_going():
    text = ANDROID_21 + BROKEN + GOOGLE_30
    broken_start = ANDROID_21.count("\n") + 1
    first, error, last = parse(text)
    assert first.full_name == "Dewi Sétiawan"
    assert error == CardError(
        broken_start + 3,
        f"unreadable line in the card starting at line {broken_start}: "
        "Failed to parse line: this line has no colon",
    )
    assert last.full_name == "Rina Sari"
    assert last.line == broken_start + BROKEN.count("\n")


def test_it_reports_a_card_without_end():
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Setengah\n" + GOOGLE_30
    error, card = parse(text)
    assert error == CardError(1, "card has no END:VCARD before the next card on line 4")
    assert card.full_name == "Rina Sari"


def test_it_reports_a_truncated_file():
    (card, error) = parse(GOOGLE_30 + "BEGIN:VCARD\nVERSION:3.0\nFN:Terpotong")
    assert card.full_name == "Rina Sari"
    start = GOOGLE_30.count("\n") + 1
    assert error == CardError(start, f"card has no END:VCARD (the file ends at line {start + 2})")


def test_it_reports_text_outside_cards():
    (error, card) = parse("hello\nworld\n" + GOOGLE_30)
    assert error.line == 1
    assert card.full_name == "Rina Sari"


def test_it_handles_crlf_bom_and_bytes():
    data = ("\ufeff" + IPHONE_30 + VCARD_40).replace("\n", "\r\n").encode("utf-8")
    cards = list(iter_cards(io.BytesIO(data)))
    assert [card.full_name for card in cards] == ["Yuna Kristina", "Agus Pratama"]
    assert cards[1].line == IPHONE_30.count("\n") + 1


def test_it_falls_back_to_cp1252_for_non_utf8_files():
    data = "BEGIN:VCARD\nVERSION:2.1\nFN:Andr\u00e9 Wijaya\nEND:VCARD\n".encode("cp1252")
    (card,) = iter_cards(io.BytesIO(data))
    assert card.full_name == "Andr\u00e9 Wijaya"


def test_it_reads_from_a_path(tmp_path):
    path = tmp_path / "kontak.vcf"
    path.write_text(GOOGLE_30 + VCARD_40, encoding="utf-8")
    assert [card.line for card in iter_cards(path)] == [1, GOOGLE_30.count("\n") + 1]


def test_it_builds_full_name_from_n_when_fn_is_missing():
    card = parse_one("BEGIN:VCARD\nVERSION:2.1\nN:Santoso;Budi;;Bapak;\nTEL:0812-3456-7890\nEND:VCARD\n")
    # The N prefix "Bapak" is how he is addressed, not part of his name.
    assert (card.full_name, card.salutation) == ("Budi Santoso", "Pak")


def test_a_salutation_before_the_name_is_how_they_are_addressed_not_a_nickname():
    card = parse_one("BEGIN:VCARD\nVERSION:3.0\nFN:Pak Hendra Wijaya\nEND:VCARD\n")
    assert (card.full_name, card.salutation, card.nickname) == ("Hendra Wijaya", "Pak", "")
    card = parse_one("BEGIN:VCARD\nVERSION:3.0\nN:Wijaya;Hendra;;;\nFN:Mbak Hendra Wijaya\nEND:VCARD\n")
    assert (card.full_name, card.salutation) == ("Hendra Wijaya", "Mbak")
    card = parse_one("BEGIN:VCARD\nVERSION:3.0\nFN:Masayu Putri\nEND:VCARD\n")
    assert (card.full_name, card.salutation) == ("Masayu Putri", "")


def test_it_warns_about_impossible_birthdays():
    card = parse_one("BEGIN:VCARD\nVERSION:3.0\nFN:X\nBDAY:1990-02-30\nEND:VCARD\n")
    assert card.birthday is None
    assert card.warnings == ["birthday skipped: '1990-02-30' is not a real date"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-04-12", BirthDate(1985, 4, 12)),
        ("19850412", BirthDate(1985, 4, 12)),
        ("--0412", BirthDate(None, 4, 12)),
        ("--04-12", BirthDate(None, 4, 12)),
        ("1604-04-12", BirthDate(None, 4, 12)),
        ("2026-04-12T00:00:00Z", BirthDate(2026, 4, 12)),
        ("--0229", BirthDate(None, 2, 29)),
    ],
)
def test_birthdate_parses_the_formats_exporters_write(text, expected):
    assert BirthDate.from_string(text) == expected


@pytest.mark.parametrize("text", ["", "April 12", "1985-13-01", "---12", "1985-02-29"])
def test_birthdate_rejects_non_dates(text):
    with pytest.raises(ValueError):
        BirthDate.from_string(text)


def test_birthdate_honours_apple_omit_year():
    assert BirthDate.from_string("1900-01-05", omit_year=1900) == BirthDate(None, 1, 5)


def test_birthdate_iso():
    assert BirthDate(1985, 4, 12).iso() == "1985-04-12"
    assert BirthDate(None, 4, 12).iso() == "--04-12"


FULL_EXPORT = ExportCard(
    full_name="Yuna Kristina",
    given_name="Yuna",
    family_name="Kristina",
    prefix="Bu",
    nickname="Yun, si desainer",
    phones=["+6281311112222", "+62215551234"],
    phone_types={"+6281311112222": "cell", "+62215551234": "work"},
    emails=["yuna@studiolentera.id"],
    birthday=BirthDate(None, 8, 17),
    organization="Studio Lentera; Desain",
    title="Art Director",
    note="Suka kopi, bukan teh.\nTemu di Kemang; jam 10",
    photo=JPEG,
    photo_type="image/jpeg",
    # vobject writes properties sorted by name, so websites (URL) come back before
    # X-SOCIALPROFILE entries; order within each is kept.
    socials=[
        ("website", "https://studiolentera.id"),
        ("instagram", "@yuna.kristina"),
        ("linkedin", "https://linkedin.com/in/yuna"),
    ],
    uid="kenal-person-42",
)


def round_trip(*cards: ExportCard) -> list[ParsedCard]:
    out = io.StringIO()
    assert write_vcard(cards, out) == len(cards)
    out.seek(0)
    return list(iter_cards(out))


def test_it_writes_vcard_40_that_reads_back_the_same():
    (card,) = round_trip(FULL_EXPORT)
    assert as_export(card) == FULL_EXPORT
    assert card.warnings == []


def test_it_writes_yearless_birthdays_as_rfc6350_dashes():
    out = io.StringIO()
    write_vcard([FULL_EXPORT], out)
    assert "BDAY:--0817\r\n" in out.getvalue()
    assert "VERSION:4.0\r\n" in out.getvalue()


def test_it_fills_n_keeps_phone_types_and_inlines_the_photo_as_a_data_uri():
    out = io.StringIO()
    write_vcard([FULL_EXPORT, ExportCard(full_name="Budi", phones=["+6281311113333"])], out)
    text = out.getvalue().replace("\r\n ", "")
    assert "N:Kristina;Yuna;;Bu;\r\n" in text
    assert "TEL;TYPE=cell:+6281311112222\r\n" in text and "TEL;TYPE=work:+62215551234\r\n" in text
    # A phone whose type isn't known is not called a mobile.
    assert "TEL:+6281311113333\r\n" in text
    assert "PHOTO:data:image/jpeg;base64," in text


def test_a_photo_over_the_cap_is_left_out():
    from kenal.lib.vcard import MAX_EXPORT_PHOTO_BYTES

    big = JPEG + b"\0" * MAX_EXPORT_PHOTO_BYTES
    out = io.StringIO()
    write_vcard([ExportCard(full_name="Budi", photo=big)], out)
    assert "PHOTO" not in out.getvalue()


def test_it_writes_to_a_path(tmp_path):
    path = tmp_path / "export.vcf"
    write_vcard([FULL_EXPORT, ExportCard(full_name="Budi")], path)
    assert [card.full_name for card in iter_cards(path)] == ["Yuna Kristina", "Budi"]


def as_export(card: ParsedCard) -> ExportCard:
    return ExportCard(
        full_name=card.full_name,
        given_name=card.given_name,
        family_name=card.family_name,
        prefix=card.prefix,
        nickname=card.nickname,
        phones=card.phones,
        phone_types=card.phone_types,
        emails=card.emails,
        birthday=card.birthday,
        organization=card.organization,
        title=card.title,
        note=card.note,
        photo=card.photo,
        photo_type=card.photo_type or "image/jpeg",
        socials=card.socials,
        uid=card.uid,
    )


# Names as people type them: letters from Indonesian and other alphabets, vCard's special
# characters, and inner spaces; import trims outer whitespace, so the strategy does too.
TEXT = (
    st.text(alphabet=st.sampled_from(string.ascii_letters + "éñüßçİ王李 ,;:\\'.-"), min_size=1, max_size=90)
    .map(str.strip)
    .filter(bool)
)
PHONES = st.lists(
    st.builds(
        lambda rest: f"+628{rest}", st.integers(min_value=1_000_000_000, max_value=9_999_999_999)
    ).filter(lambda phone: phone[4] in "12357"),
    max_size=3,
    unique=True,
)
EMAILS = st.lists(
    st.from_regex(r"[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,15}\.(co\.id|id|com)", fullmatch=True),
    max_size=3,
    unique=True,
)
BIRTHDAYS = st.none() | st.builds(
    BirthDate, st.none() | st.integers(1900, 2025), st.integers(1, 12), st.integers(1, 28)
)


@settings(max_examples=200, deadline=None)
@given(
    full_name=TEXT,
    given_name=TEXT,
    family_name=TEXT,
    note=TEXT,
    phones=PHONES,
    emails=EMAILS,
    birthday=BIRTHDAYS,
)
def test_written_cards_read_back_equal(full_name, given_name, family_name, note, phones, emails, birthday):
    from kenal.lib.phones import normalize_phone

    phones = [phone for phone in phones if normalize_phone(phone) == phone]
    card = ExportCard(
        full_name=full_name,
        given_name=given_name,
        family_name=family_name,
        note=note,
        phones=phones,
        emails=emails,
        birthday=birthday,
    )
    (parsed,) = round_trip(card)
    assert as_export(parsed) == card


def test_it_reads_back_values_with_spaces_at_a_fold():
    # vobject folds this into a continuation line holding only spaces, which its own
    # reader takes for the end of the property.
    name = "A" * 70 + " " * 100 + "B"
    (card,) = round_trip(ExportCard(full_name=name))
    assert card.full_name == name


def test_it_decodes_quoted_printable_in_other_charsets():
    card = parse_one(
        "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e\nEND:VCARD\n"
    )
    assert card.full_name == "Renée"


def test_it_survives_an_unknown_charset():
    card = parse_one(
        "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e\nEND:VCARD\n"
    )
    assert card.full_name == "Renée"


def test_it_rejects_nested_components():
    (error,) = parse("BEGIN:VCARD\nVERSION:2.1\nFN:Agen\nAGENT:\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCARD\n")
    assert error == CardError(
        5, "unreadable line in the card starting at line 1: nested VEVENT components are not supported"
    )


def test_it_reads_legacy_android_im_fields_and_tiktok_urls():
    card = parse_one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Sari\nX-TWITTER:@sari_id\nX-INSTAGRAM:instagram.com/sari.id\n"
        "URL:https://www.tiktok.com/@sari.id\nEND:VCARD\n"
    )
    assert card.socials == [("twitter", "@sari_id"), ("instagram", "@sari.id"), ("tiktok", "@sari.id")]


def test_it_keeps_backslashes_that_are_not_escapes():
    card = parse_one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Budi\nNOTE:File di D:\\Klien\\budi.pdf\\, lihat\nEND:VCARD\n"
    )
    assert card.note == "File di D:\\Klien\\budi.pdf, lihat"
