"""Phone number normalisation to E.164, tuned for Indonesian contact lists."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

# Imports repeat the same numbers (one person in many chats, a team in many cards),
# and phonenumbers.parse costs ~50 µs; a bounded cache makes repeats free. Each entry
# holds ~280 bytes, so the cache tops out near 4.5 MB.
CACHE_SIZE = 16_384

_URI_PREFIX = re.compile(r"^(?:tel|sms|whatsapp|callto|wa):/{0,2}", re.IGNORECASE)
# WhatsApp chat ids carry the full international number without a "+".
_WHATSAPP_ID = re.compile(r"^(\d{6,15})(?::\d+)?@(?:s\.whatsapp\.net|c\.us)$", re.IGNORECASE)
_NON_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=CACHE_SIZE)
def normalize_phone(raw: str, region: str = "ID") -> str | None:
    """Return raw as an E.164 string such as +6281234567890, or None if it is not a phone number."""
    text = _strip_wrappers(raw or "")
    if not text:
        return None
    whatsapp = _WHATSAPP_ID.match(text)
    if whatsapp:
        return _parse_valid("+" + whatsapp.group(1), region)
    for candidate in _candidates(text, region):
        e164 = _parse_valid(candidate, region)
        if e164:
            return e164
    return None


@lru_cache(maxsize=CACHE_SIZE)
def format_phone(e164: str) -> str:
    """Return an E.164 number in international display form, e.g. +62 812-3456-7890."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def _strip_wrappers(raw: str) -> str:
    """Drop URI schemes and RFC 3966 parameters (tel:+62-811;ext=2 keeps only the number)."""
    text = raw.strip()
    if _URI_PREFIX.match(text):
        text = _URI_PREFIX.sub("", text).split(";", 1)[0]
    return text.strip()


def _candidates(text: str, region: str) -> list[str]:
    """Return the readings of text to try, most likely first."""
    if text.startswith("+"):
        return [text]
    digits = _NON_DIGITS.sub("", text)
    # Indonesian national numbers always start with the trunk 0, so "62812..." is an
    # international number missing its "+"; phonenumbers alone would read it as +62 62812...
    country_code = str(phonenumbers.country_code_for_region(region))
    if digits.startswith(country_code) and region == "ID":
        return ["+" + digits, text]
    # "0062 812..." is the international dialling prefix typed into the contact.
    if digits.startswith("00") and not digits.startswith("000"):
        return [text, "+" + digits[2:]]
    return [text]


def _parse_valid(candidate: str, region: str) -> str | None:
    """Return candidate in E.164 if phonenumbers considers it a valid number."""
    try:
        number = phonenumbers.parse(candidate, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
