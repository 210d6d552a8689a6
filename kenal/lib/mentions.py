"""Finding and blanking out what names a person, in text and in streamed files, without loading them whole."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

CHUNK = 1 << 20
_NON_DIGITS = re.compile(rb"\D")


def redact(text: str, needles: Iterable[str], replacement: str) -> str:
    """Replace every needle in text, ignoring case; longer needles first, so a full name wins over a part."""
    needles = sorted({needle for needle in needles if needle}, key=len, reverse=True)
    if not text or not needles:
        return text
    pattern = re.compile("|".join(re.escape(needle) for needle in needles), re.IGNORECASE)
    return pattern.sub(replacement, text)


def chunks_mention(chunks: Iterable[bytes], needles: Iterable[str], digits: Iterable[str] = ()) -> bool:
    """Whether a byte stream holds a needle (ignoring case) or, once non-digits are dropped, a phone's digits.

    Chunks overlap by the longest needle, so a needle split across two chunks is still found.
    """
    words = [needle.lower().encode() for needle in needles if needle]
    numbers = [number.encode() for number in digits if number]
    keep = max((len(word) for word in words), default=0)
    keep_digits = max((len(number) for number in numbers), default=0)
    tail = digit_tail = b""
    for chunk in chunks:
        text = tail + chunk.lower()
        if any(word in text for word in words):
            return True
        tail = text[-keep:] if keep else b""
        if numbers:
            only_digits = digit_tail + _NON_DIGITS.sub(b"", chunk)
            if any(number in only_digits for number in numbers):
                return True
            digit_tail = only_digits[-keep_digits:]
    return False


def file_mentions(handle: BinaryIO, needles: Iterable[str], digits: Iterable[str] = ()) -> bool:
    """Like chunks_mention for an open file; a zip archive is searched member by member, decompressed."""
    needles, digits = list(needles), list(digits)
    head = handle.read(4)
    handle.seek(0)
    if head == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(handle) as archive:
                for info in archive.infolist():
                    if needles and any(n.lower() in info.filename.lower() for n in needles):
                        return True
                    with archive.open(info) as member:
                        if chunks_mention(_read_chunks(member), needles, digits):
                            return True
            return False
        except zipfile.BadZipFile:
            handle.seek(0)
    return chunks_mention(_read_chunks(handle), needles, digits)


def _read_chunks(handle: BinaryIO | io.BufferedIOBase) -> Iterable[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk
