"""vCard syntax: cut a file into cards by line number, unfold lines, split properties.

This layer knows nothing about contacts; kenal.lib.vcard maps its properties to fields.
Where it does its own work instead of vobject's, and why:

* The file is cut into cards here, line by line, so a 50,000-card export never sits in
  memory as one string, every card and error carries the line number of its
  BEGIN:VCARD, and one bad card does not end the import. vobject.readComponents gives
  none of these: without allowQP it reads the whole stream into one string, and the
  first bad card raises out of the generator.
* Lines are unfolded here. vobject's getLogicalLines ends a property at any
  whitespace-only line (its guess at 2.1's blank line after base64), but RFC folding
  makes " " + "   " a continuation, and vobject's own serialiser writes one when a value
  has a run of spaces at a fold point, so its output would not read back.
* Each logical line is split by vobject's parseLine (its name;params:value regex), but
  not wrapped in vobject's ContentLine: building one costs ~20 µs, 75% of our parse
  time in profiles, because every attribute set goes through behaviour lookups.
  Quoted-printable decoding, the only other thing ContentLine does for us, is three
  lines here, and replaces bad bytes instead of raising on them.
"""

from __future__ import annotations

import binascii
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from vobject.base import VObjectError, parseLine

Source = str | os.PathLike[str] | IO[str] | IO[bytes]

# Only the escapes vCard defines (plus Google's "\:"); 2.1 has no escaping, so a stray
# backslash, as in a Windows path in a note, stays as written.
_ESCAPE = re.compile(r"\\([nN,;:\\])")
# One escape, one separator, or a run of plain text: enough to split N and ORG on ";"
# without mistaking the ";" in \\; (an escaped backslash, then a separator) for text.
_FIELD_TOKEN = re.compile(r"\\.|;|[^\\;]+|\\", re.DOTALL)


@dataclass(frozen=True)
class CardError:
    """A card that could not be read; line points at its BEGIN:VCARD or at the bad line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def read_cards(source: Source) -> Iterator[tuple[int, list[Property]] | CardError]:
    """Yield (BEGIN:VCARD line number, properties) for each card, or a CardError."""
    for chunk in split_cards(read_lines(source)):
        if isinstance(chunk, CardError):
            yield chunk
            continue
        start, lines = chunk
        try:
            yield start, lex_card(lines)
        except VObjectError as error:
            where = start + getattr(error, "lineNumber", 1) - 1
            yield CardError(
                where, f"unreadable line in the card starting at line {start}: {_shorten(error.msg)}"
            )


def read_lines(source: Source) -> Iterator[str]:
    """Yield physical lines without line endings, opening source if it is a path."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield from _decode_lines(stream)
    else:
        yield from _decode_lines(source)


def _decode_lines(stream: IO[str] | IO[bytes]) -> Iterator[str]:
    """Decode each line as UTF-8, falling back to cp1252 for old Windows/Nokia exports."""
    first = True
    for raw in stream:
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
        else:
            line = raw
        if first:
            line, first = line.lstrip("\ufeff"), False
        yield line.rstrip("\r\n")


def split_cards(lines: Iterable[str]) -> Iterator[tuple[int, list[str]] | CardError]:
    """Group lines into (BEGIN line number, lines) per card, reporting unclosed cards and stray text."""
    start: int | None = None
    buffer: list[str] = []
    stray: int | None = None
    number = 0
    for number, line in enumerate(lines, 1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if start is not None:
                yield CardError(start, f"card has no END:VCARD before the next card on line {number}")
            if stray is not None:
                yield CardError(stray, "text outside BEGIN:VCARD ... END:VCARD was ignored")
            start, buffer, stray = number, [line], None
        elif start is None:
            if marker and stray is None:
                stray = number
        else:
            buffer.append(line)
            if marker == "END:VCARD":
                yield start, buffer
                start, buffer = None, []
    if start is not None:
        yield CardError(start, f"card has no END:VCARD (the file ends at line {number})")
    elif stray is not None:
        yield CardError(stray, "text outside BEGIN:VCARD ... END:VCARD was ignored")


@dataclass(slots=True)
class Property:
    """One unfolded content line, item1.TEL;TYPE=CELL:0812..., as its parts; group is lowercased."""

    name: str
    group: str
    params: dict[str, list[str]]
    singletons: list[str]
    value: str

    def param_values(self, name: str) -> list[str]:
        """Return every value of a parameter, splitting 3.0's comma-joined TYPE=work,voice."""
        return [part for value in self.params.get(name, []) for part in value.split(",") if part]

    def param(self, name: str) -> str:
        """Return the first value of a parameter, or ''."""
        values = self.param_values(name)
        return values[0] if values else ""


def lex_card(lines: list[str]) -> list[Property]:
    """Lex a card into properties, leaving values undecoded apart from quoted-printable."""
    properties = []
    for text, number in _logical_lines(lines):
        prop = _lex(text, number)
        if prop.name in ("BEGIN", "END") and prop.value.upper() != "VCARD":
            raise VObjectError(f"nested {prop.value} components are not supported", number)
        if prop.name not in ("BEGIN", "END", "VERSION"):
            properties.append(prop)
    return properties


def _lex(text: str, number: int) -> Property:
    """Split one logical line with vobject's parseLine and decode 2.1 quoted-printable."""
    name, params, value, group = parseLine(text, number)
    named: dict[str, list[str]] = {}
    singletons = []
    for param in params:
        if len(param) == 1:
            singletons.append(param[0].upper())
        else:
            named.setdefault(param[0].upper(), []).extend(param[1:])
    prop = Property(name.upper(), (group or "").lower(), named, singletons, value)
    if "QUOTED-PRINTABLE" in singletons or "QUOTED-PRINTABLE" in prop.param("ENCODING").upper():
        prop.value = _decode_quoted_printable(value, prop.param("CHARSET") or "utf-8")
    return prop


def _decode_quoted_printable(value: str, charset: str) -> str:
    """Decode a 2.1 quoted-printable value; bad bytes become U+FFFD rather than losing the card."""
    data = binascii.a2b_qp(value.encode("utf-8"))
    try:
        return data.decode(charset, errors="replace")
    except LookupError:  # an unknown CHARSET; UTF-8 is what Android means in practice
        return data.decode("utf-8", errors="replace")


def _logical_lines(lines: list[str]) -> Iterator[tuple[str, int]]:
    """Unfold a card's physical lines into (logical line, its 1-based line within the card)."""
    current: list[str] = []
    start = 0
    quoted_printable = False
    for number, line in enumerate(lines, 1):
        if quoted_printable:
            # Keep the "=\n" so a2b_qp drops it as a soft line break.
            current.append("\n" + line)
        elif line[:1] in (" ", "\t") and current:
            current.append(line[1:])
        elif not line.strip():
            continue  # vCard 2.1 ends base64 data with a blank line
        else:
            if current:
                yield "".join(current), start
            current, start = [line], number
        quoted_printable = line.endswith("=") and "QUOTED-PRINTABLE" in current[0].split(":", 1)[0].upper()
    if current:
        yield "".join(current), start


def unescape(value: str) -> str:
    """Undo vCard text escaping (\\n \\, \\; \\: \\\\) and trim."""
    unescaped = _ESCAPE.sub(lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)
    return unescaped.replace("\r\n", "\n").strip()


def split_fields(value: str) -> list[str]:
    """Split a structured value (N, ORG) on unescaped semicolons and unescape each part."""
    parts, current = [], []
    for token in _FIELD_TOKEN.findall(value):
        if token == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    return [unescape(part) for part in parts]


def _shorten(text: str, limit: int = 80) -> str:
    """Cut text for an error message; a bad line may be a whole base64 photo."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
