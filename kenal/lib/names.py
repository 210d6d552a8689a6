"""Comparing people's names the way a person would: without salutations, case, spacing or accents."""

import unicodedata

# Words of address that come before a name in Indonesian and English contact lists.
SALUTATIONS = frozenset(
    "pak bapak bp bu ibu mas mbak mba kak bang abang dik adik om tante ko koh ci cik "
    "mr mrs ms miss dr drs ir prof haji hj h".split()
)


def name_key(name: str) -> str:
    """ "Pak Hendra  Wijaya" and "hendra wijaya" give the same key; an empty key matches nothing."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = [word.strip(".,") for word in text.split()]
    while words and words[0] in SALUTATIONS and len(words) > 1:
        words.pop(0)
    return " ".join(word for word in words if word)
