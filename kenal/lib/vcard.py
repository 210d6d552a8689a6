"""Contacts from vCard 2.1/3.0/4.0 files, streamed, and vCard 3.0 export, as plain dataclasses.

kenal.lib.vcard_lexer cuts the file into cards and properties; this module maps them to
fields. Values are decoded here, not by vobject's vCard behaviours, because those treat
every card as 3.0 and read text values as comma lists, keeping only the first item: the
Android 2.1 note "Klien lama, suka kopi" comes back as "Klien lama", and a 4.0
"data:image/png;base64,..." photo as "data:image/png;base64". They also leave Google's
"http\\://" escapes in URLs. Export builds vobject components and lets vobject escape,
fold and serialise them.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO

import vobject
from vobject.base import ContentLine
from vobject.vcard import Name

from kenal.lib.images import sniff_image
from kenal.lib.phones import normalize_phone
from kenal.lib.salutations import SALUTATIONS, WRITTEN, salutation_and_name
from kenal.lib.socials import known_service, normal_service, profile_url, service_from_url, social_handle
from kenal.lib.vcard_lexer import CardError, Property, Source, read_cards, split_fields, unescape

__all__ = ["BirthDate", "CardError", "ExportCard", "ParsedCard", "card_to_vcard", "iter_cards", "write_vcard"]

# iOS stores a birthday without a year as 1604 (flagged by X-APPLE-OMIT-YEAR=1604);
# some Android exporters write year 0000 for the same thing.
YEARLESS_MARKERS = {0, 1604}

_DASHED_DATE = re.compile(r"^(?:(\d{4})|-)-(\d{1,2})-(\d{1,2})$")
_COMPACT_DATE = re.compile(r"^(?:(\d{4})|--)(\d{2})(\d{2})$")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")

# Legacy one-property-per-service fields from Android, Outlook and old Apple exports.
_X_SOCIAL_PROPERTIES = {
    f"X-{name.upper()}": normal_service(name)
    for name in "twitter instagram facebook tiktok linkedin telegram whatsapp skype jabber gtalk "
    "google-talk aim icq msn yahoo line wechat".split()
} | {"X-SKYPE-USERNAME": "skype"}
# The TEL types kept as a phone's label: what the number is, not how it is preferred or used (pref, voice).
PHONE_TYPES = ("cell", "work", "home", "fax", "pager", "text", "video", "main", "iphone")
# A larger photo is left out of exported cards, so a whole address book stays a file phones will open.
MAX_EXPORT_PHOTO_BYTES = 256 * 1024
_GENERIC_TYPES = {"pref", "home", "work", "other", "internet", "x-apple"}


@dataclass(frozen=True)
class BirthDate:
    """A birthday, possibly without a year."""

    year: int | None
    month: int
    day: int

    def __post_init__(self) -> None:
        # 2000 is a leap year, so a year-less 29 February is allowed.
        date(self.year or 2000, self.month, self.day)

    def iso(self) -> str:
        """Return YYYY-MM-DD, or --MM-DD when the year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def vcard_value(self) -> str:
        """Return the BDAY value we export: YYYY-MM-DD, or the RFC 6350 year-less --MMDD."""
        if self.year is None:
            return f"--{self.month:02d}{self.day:02d}"
        return self.iso()

    @classmethod
    def from_string(cls, text: str, omit_year: int | None = None) -> BirthDate:
        """Parse 1985-04-12, 19850412, --0412, --04-12, 1604-04-12 or 2026-04-12T00:00:00Z."""
        value = text.strip().split("T", 1)[0]
        match = _DASHED_DATE.match(value) or _COMPACT_DATE.match(value)
        if not match:
            raise ValueError(f"{text!r} is not a date")
        year = int(match.group(1)) if match.group(1) else None
        if year is not None and (year in YEARLESS_MARKERS or year == omit_year):
            year = None
        try:
            return cls(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None


@dataclass
class ParsedCard:
    """One contact read from a vCard file."""

    line: int  # of its BEGIN:VCARD, 1-based, for messages like "card at line 120: ..."
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    prefix: str = ""  # N's honorific prefix ("Bu", "Mr")
    nickname: str = ""
    salutation: str = ""  # "Pak" from FN:Pak Hendra Wijaya, as Person.salutation writes it
    phones: list[str] = field(default_factory=list)  # E.164, in file order, without repeats
    phone_types: dict[str, str] = field(default_factory=dict)  # phone -> "cell", "work", "home", ...
    emails: list[str] = field(default_factory=list)  # lowercased, without repeats
    birthday: BirthDate | None = None
    organization: str = ""
    title: str = ""
    note: str = ""
    photo: bytes | None = None
    photo_type: str = ""  # e.g. image/jpeg, sniffed from the bytes when possible
    photo_url: str = ""  # a PHOTO given as a link; never fetched here
    socials: list[tuple[str, str]] = field(default_factory=list)  # ("instagram", "@yuna.kristina")
    uid: str = ""
    warnings: list[str] = field(default_factory=list)  # values skipped, for the import report


@dataclass
class ExportCard:
    """One contact to write out as vCard 4.0."""

    full_name: str
    given_name: str = ""
    family_name: str = ""
    prefix: str = ""
    nickname: str = ""
    phones: list[str] = field(default_factory=list)
    phone_types: dict[str, str] = field(default_factory=dict)
    emails: list[str] = field(default_factory=list)
    birthday: BirthDate | None = None
    organization: str = ""
    title: str = ""
    note: str = ""
    photo: bytes | None = None
    photo_type: str = "image/jpeg"
    socials: list[tuple[str, str]] = field(default_factory=list)
    uid: str = ""


# ---------------------------------------------------------------- reading


def iter_cards(source: Source, region: str = "ID") -> Iterator[ParsedCard | CardError]:
    """Yield each card in a .vcf file or file object, or a CardError for one that cannot be read."""
    for chunk in read_cards(source):
        yield chunk if isinstance(chunk, CardError) else _parse_card(*chunk, region)


def _parse_card(start: int, content: list[Property], region: str) -> ParsedCard:
    """Map one card's properties to a ParsedCard."""
    card = ParsedCard(line=start)
    labels = _group_labels(content)
    name_parts = [""] * 5
    for line in content:
        if line.name == "N" and not any(name_parts):
            name_parts = (split_fields(line.value) + [""] * 5)[:5]
        else:
            _apply(card, line, labels.get(line.group, ""), region)
    card.family_name, card.given_name, card.prefix = name_parts[0], name_parts[1], name_parts[3]
    if not card.full_name:
        card.full_name = _compose_name(name_parts) or card.organization
    _take_salutation(card)
    card.socials = list(dict.fromkeys(card.socials))
    return card


def _take_salutation(card: ParsedCard) -> None:
    """FN:Pak Hendra Wijaya is Hendra Wijaya, addressed as Pak: phones save how the user greets them."""
    salutation, name = salutation_and_name(card.full_name)
    if salutation:
        card.salutation, card.full_name = salutation, name
        if card.given_name.casefold() == salutation.casefold():  # N:Hendra Wijaya;Pak;;; says the same
            card.given_name = ""
        if card.nickname.casefold() == salutation.casefold():
            card.nickname = ""
    elif key := SALUTATIONS.get(card.prefix.casefold().strip().rstrip(".")):
        card.salutation = WRITTEN[key]  # N:Kristina;Yuna;;Bu; as Kenal's own export writes it


def _group_labels(lines: list[Property]) -> dict[str, str]:
    """Map iCloud groups (item1) to their X-ABLabel, with Apple's _$!<...>!$_ wrapper removed."""
    labels = {}
    for line in lines:
        if line.name == "X-ABLABEL" and line.group:
            label = unescape(line.value)
            match = _APPLE_LABEL.match(label)
            labels[line.group] = match.group(1) if match else label
    return labels


def _apply(card: ParsedCard, line: Property, label: str, region: str) -> None:
    """Copy one content line into card."""
    name = line.name
    if name in _TEXT_FIELDS:
        _set_text(card, _TEXT_FIELDS[name], unescape(line.value))
    elif name == "TEL":
        _take_phone(card, line, region)
    elif name == "EMAIL":
        _take_email(card, line)
    elif name == "BDAY":
        _take_birthday(card, line)
    elif name == "ORG":
        card.organization = card.organization or ", ".join(filter(None, split_fields(line.value)))
    elif name == "PHOTO":
        _take_photo(card, line)
    elif name in ("X-SOCIALPROFILE", "IMPP", "URL") or name in _X_SOCIAL_PROPERTIES:
        _take_social(card, line, label)


_TEXT_FIELDS = {"FN": "full_name", "NICKNAME": "nickname", "TITLE": "title", "NOTE": "note", "UID": "uid"}


def _set_text(card: ParsedCard, attribute: str, value: str) -> None:
    """Keep the first value, except notes, which are all kept."""
    current = getattr(card, attribute)
    if attribute == "note" and current and value:
        setattr(card, attribute, f"{current}\n{value}")
    elif not current:
        setattr(card, attribute, value)


def _compose_name(parts: list[str]) -> str:
    """Build a display name from N (family;given;additional;prefix;suffix); 2.1 cards often lack FN."""
    family, given, additional, prefix, suffix = parts
    return " ".join(filter(None, [prefix, given, additional, family, suffix]))


def _take_phone(card: ParsedCard, line: Property, region: str) -> None:
    """Add a TEL as E.164, or a warning when it is not a phone number."""
    raw = unescape(line.value)
    phone = normalize_phone(raw, region)
    if phone is None:
        if raw:
            card.warnings.append(f"phone {raw!r} is not a valid number and was skipped")
    elif phone not in card.phones:
        card.phones.append(phone)
        kind = next((t.lower() for t in line.param_values("TYPE") if t.lower() in PHONE_TYPES), "")
        if kind:
            card.phone_types[phone] = kind


def _take_email(card: ParsedCard, line: Property) -> None:
    """Add an EMAIL lowercased, or a warning when it has no @."""
    email = unescape(line.value).lower().removeprefix("mailto:").strip()
    if "@" not in email or " " in email:
        if email:
            card.warnings.append(f"email {email!r} is not an address and was skipped")
    elif email not in card.emails:
        card.emails.append(email)


def _take_birthday(card: ParsedCard, line: Property) -> None:
    """Read BDAY, honouring Apple's X-APPLE-OMIT-YEAR."""
    if card.birthday:
        return
    omit = line.param("X-APPLE-OMIT-YEAR")
    try:
        card.birthday = BirthDate.from_string(unescape(line.value), int(omit) if omit.isdigit() else None)
    except ValueError as error:
        card.warnings.append(f"birthday skipped: {error}")


def _take_photo(card: ParsedCard, line: Property) -> None:
    """Read an inline photo (2.1 BASE64, 3.0 b, 4.0 data: URI) or remember a photo URL."""
    if card.photo or card.photo_url:
        return
    value = line.value.strip()
    encoding = line.param("ENCODING").lower()
    if value.lower().startswith("data:"):
        header, _, value = value.partition(",")
        media_type = header[5:].split(";", 1)[0]
        if ";base64" not in header.lower():
            card.warnings.append("photo skipped: only base64 data: URIs are supported")
            return
    elif encoding in ("b", "base64") or "BASE64" in line.singletons:
        media_type = _photo_media_type(line)
    else:
        card.photo_url = unescape(value)
        return
    data = re.sub(r"\s+", "", value)
    try:
        card.photo = base64.b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        card.warnings.append("photo skipped: its base64 data is damaged")
        return
    card.photo_type = sniff_image(card.photo) or media_type


def _photo_media_type(line: Property) -> str:
    """Return the MIME type a PHOTO declares in TYPE=JPEG (3.0) or a bare JPEG (2.1)."""
    declared = (
        line.param("TYPE")
        or line.param("MEDIATYPE")
        or next((value for value in line.singletons if value != "BASE64"), "")
    )
    declared = declared.lower()
    if not declared or "/" in declared:
        return declared
    return "image/jpeg" if declared == "jpg" else f"image/{declared}"


def _take_social(card: ParsedCard, line: Property, label: str) -> None:
    """Add a social profile from X-SOCIALPROFILE, IMPP, URL or an X-<SERVICE> property."""
    value = unescape(line.value)
    if not value:
        return
    if line.name == "X-SOCIALPROFILE":
        service = _service_from_types(line) or service_from_url(value) or "social"
        value = _strip_scheme(value, "x-apple")
        profile = (service, social_handle(service, value, line.param("X-USER")))
    elif line.name == "IMPP":
        scheme, _, rest = value.partition(":")
        service = normal_service(line.param("X-SERVICE-TYPE") or scheme)
        profile = (service, social_handle(service, _strip_scheme(rest, "x-apple") if rest else value))
    elif line.name == "URL":
        service = service_from_url(value) or known_service(label) or "website"
        profile = (service, social_handle(service, value))
    else:
        service = _X_SOCIAL_PROPERTIES[line.name]
        profile = (service, social_handle(service, value))
    card.socials.append(profile)


def _service_from_types(line: Property) -> str:
    """Return the service named in TYPE, e.g. X-SOCIALPROFILE;type=instagram."""
    for value in line.param_values("TYPE"):
        if value.lower() not in _GENERIC_TYPES:
            return normal_service(value)
    return ""


def _strip_scheme(value: str, scheme: str) -> str:
    """Remove scheme: from the start of value, case-insensitively."""
    prefix = scheme + ":"
    return value[len(prefix) :] if value.lower().startswith(prefix) else value


# ---------------------------------------------------------------- writing


def card_to_vcard(card: ExportCard) -> vobject.base.Component:
    """Build a vCard 4.0 (RFC 6350) vobject component for one contact."""
    vcard = vobject.vCard()
    vcard.add("version").value = "4.0"
    vcard.add("fn").value = card.full_name or " ".join(filter(None, [card.given_name, card.family_name]))
    vcard.add("n").value = Name(family=card.family_name, given=card.given_name, prefix=card.prefix)
    _add_optional(vcard, "nickname", card.nickname)
    for phone in filter(None, card.phones):
        line = _add_text(vcard, "tel", phone)
        if card.phone_types.get(phone):
            line.type_param = card.phone_types[phone]
    for email in filter(None, card.emails):
        _add_text(vcard, "email", email)
    if card.birthday:
        vcard.add("bday").value = card.birthday.vcard_value()
    if card.organization:
        vcard.add("org").value = [card.organization]
    _add_optional(vcard, "title", card.title)
    _add_optional(vcard, "note", card.note)
    if card.photo and len(card.photo) <= MAX_EXPORT_PHOTO_BYTES:
        _add_photo(vcard, card.photo, card.photo_type)
    for service, handle in card.socials:
        _add_social(vcard, service, handle)
    _add_optional(vcard, "uid", card.uid)
    return vcard


def write_vcard(cards: Iterable[ExportCard], out: IO[str] | str | os.PathLike[str]) -> int:
    """Write cards as vCard 4.0 to a text stream or path and return how many were written."""
    if isinstance(out, (str, os.PathLike)):
        # newline="" keeps vobject's CRLF line endings as they are on every platform.
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_vcard(cards, stream)
    count = 0
    for card in cards:
        out.write(card_to_vcard(card).serialize())
        count += 1
    return count


def _add_text(vcard: vobject.base.Component, name: str, value: str) -> ContentLine:
    """Add a text property; callers skip empty values."""
    line = vcard.add(name)
    line.value = value
    return line


def _add_optional(vcard: vobject.base.Component, name: str, value: str) -> None:
    """Add a text property only when value is not empty."""
    if value:
        _add_text(vcard, name, value)


def _add_photo(vcard: vobject.base.Component, photo: bytes, photo_type: str) -> None:
    """Add PHOTO:data:image/jpeg;base64,... (RFC 6350's data URI), written as it is, unescaped."""
    line = vcard.add("photo")
    media_type = photo_type if "/" in photo_type else "image/jpeg"
    line.value = f"data:{media_type};base64,{base64.b64encode(photo).decode('ascii')}"
    # vobject's 3.0 PHOTO behaviour would escape the URI's ";" and ",".
    line.behavior, line.isNative = None, False


def _add_social(vcard: vobject.base.Component, service: str, handle: str) -> None:
    """Add a profile the way iOS writes it: X-SOCIALPROFILE;TYPE=instagram;X-USER=name:URL."""
    if service == "website":
        vcard.add("url").value = handle
        return
    line = vcard.add("x-socialprofile")
    line.type_param = service
    user = handle[1:] if handle.startswith("@") else ""
    if user and '"' not in user:
        line.x_user_param = user
    line.value = profile_url(service, handle)
