"""What a people search looks for: the text itself, and the digits of a phone number typed any way."""

from __future__ import annotations

import re

# Trigram indexes (FTS5's trigram tokenizer, pg_trgm) find substrings of three characters or more.
TRIGRAM = 3
_PHONE_LIKE = re.compile(r"[\d\s+().\-/]+")
_NON_DIGITS = re.compile(r"\D")


def search_text(query: str) -> str:
    """The query as searched: trimmed, inner runs of spaces kept as typed."""
    return (query or "").strip()


def phone_digits(query: str) -> str:
    """The digits to look for when the query reads as a phone number, else "".

    A national number's leading 0 stands for the country code in stored numbers, so "0812 3456" looks for
    "8123456", which "+62812-3456…" and "0812-3456…" both contain.
    """
    text = search_text(query)
    if not text or not _PHONE_LIKE.fullmatch(text):
        return ""
    digits = _NON_DIGITS.sub("", text)
    if digits.startswith("0"):
        digits = digits[1:]
    return digits if len(digits) >= TRIGRAM else ""


def indexable(query: str) -> bool:
    """Whether a trigram index can serve the query: shorter ones are scanned within the workspace."""
    return len(search_text(query)) >= TRIGRAM


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression finding the query as a substring (trigram tokenizer), or its phone digits."""
    phrases = [search_text(query)]
    digits = phone_digits(query)
    if digits:
        phrases.append(digits)
    return " OR ".join('"' + phrase.replace('"', '""') + '"' for phrase in phrases)


def like_pattern(text: str) -> str:
    """A LIKE pattern finding text anywhere, with LIKE's own characters escaped (backslash escape)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
