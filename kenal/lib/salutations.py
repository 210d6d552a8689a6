"""How Indonesians address each other in contact names: "Bu Ratna", "Ibu Ratna", "Pak Hendra", "Mbak Yuna".

Model-free: turns a person's name parts and a chat sender's name into comparable keys.
"""

from __future__ import annotations

# Each spelling of a salutation, to the one it means (Ibu is Bu, Bapak is Pak).
SALUTATIONS = {
    "pak": "pak",
    "bapak": "pak",
    "bpk": "pak",
    "bu": "bu",
    "ibu": "bu",
    "mas": "mas",
    "mbak": "mbak",
    "mba": "mbak",
    "kak": "kak",
    "kakak": "kak",
    "bang": "bang",
    "abang": "bang",
    "dik": "dik",
    "dek": "dik",
    "adik": "dik",
    "mr": "mr",
    "ms": "ms",
    "mrs": "ms",
}


# How each salutation is written before a name, as Kenal stores it (Person.salutation).
WRITTEN = {
    "pak": "Pak",
    "bu": "Bu",
    "mas": "Mas",
    "mbak": "Mbak",
    "kak": "Kak",
    "bang": "Bang",
    "dik": "Dik",
    "mr": "Mr",
    "ms": "Ms",
}


def salutation_and_name(text: str) -> tuple[str, str]:
    """("Pak", "Hendra Wijaya") for "Bapak Hendra Wijaya"; ("", text) when it starts with no salutation."""
    words = text.split()
    if len(words) > 1:
        key = SALUTATIONS.get(words[0].casefold().rstrip("."))
        if key:
            return WRITTEN[key], " ".join(words[1:])
    return "", " ".join(words)


def split_salutation(name: str) -> tuple[str, str]:
    """("bu", "ratna") for "Ibu Ratna"; ("", "ratna sari") for a name without a salutation. Casefolded."""
    words = name.casefold().replace(".", " ").split()
    if len(words) > 1 and words[0] in SALUTATIONS:
        return SALUTATIONS[words[0]], " ".join(words[1:])
    return "", " ".join(words)


def address_keys(*, full_name: str, nickname: str, salutation: str) -> set[str]:
    """The addressed names a person answers to: "bu ratna" for Bu + Ratna (nickname or first name)."""
    prefix = SALUTATIONS.get(salutation.casefold().strip(".").strip())
    if not prefix:
        return set()
    first = full_name.split(" ")[0] if full_name else ""
    return {f"{prefix} {name.casefold().strip()}" for name in (nickname, first) if name.strip()}


def sender_key(sender: str) -> str:
    """A sender's addressed name in the form address_keys gives ("Ibu Ratna" -> "bu ratna"), or ""."""
    prefix, rest = split_salutation(sender)
    return f"{prefix} {rest}" if prefix and rest else ""
