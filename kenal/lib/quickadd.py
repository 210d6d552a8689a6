"""One-line quick add: "Bu Yuna Kristina – anak: Raka, SD Tunas, lahir 2016; suka: wayang"."""

import re
from dataclasses import dataclass, field

from kenal.lib.salutations import salutation_and_name

# Keys people actually type, in both languages, mapped to what they mean.
RELATIONS = {
    "anak": "child",
    "child": "child",
    "kid": "child",
    "son": "child",
    "daughter": "child",
    "istri": "spouse",
    "suami": "spouse",
    "wife": "spouse",
    "husband": "spouse",
    "spouse": "spouse",
    "pasangan": "spouse",
}
FACTS = {
    "suka": "interest",
    "hobi": "hobby",
    "hobby": "hobby",
    "likes": "interest",
    "loves": "interest",
    "interest": "interest",
    "minat": "interest",
    "makanan": "food",
    "food": "food",
    "musik": "music",
    "music": "music",
    "tokoh": "character",
    "character": "character",
    "brand": "brand",
    "merek": "brand",
    "favorit": "favourite",
    "favourite": "favourite",
    "favorite": "favourite",
    "hindari": "avoid",
    "avoid": "avoid",
    "pantang": "avoid",
    "tidak suka": "avoid",
    "dislikes": "avoid",
}
# Stage words in both languages, to Person.stage values ("tahap: klien", or "klien" on its own).
STAGES = {
    "calon klien": "prospect",
    "prospek": "prospect",
    "prospect": "prospect",
    "klien": "client",
    "client": "client",
    "mitra": "partner",
    "partner": "partner",
    "teman": "friend",
    "kawan": "friend",
    "friend": "friend",
    "mantan klien": "former_client",
    "former client": "former_client",
}
STAGE_KEYS = {"tahap", "stage", "status"}
# How we met: "kenal di: Jakarta Fair 2025", "met at: a wedding", with or without the colon.
MET = re.compile(r"^(?:kenal di|ketemu di|awal kenal|met at|how we met)\s*:?\s*(\S.*)$", re.IGNORECASE)
BIRTH = re.compile(r"\b(?:lahir|born|lhr)\s*(?:th(?:n|un)?\.?\s*)?(\d{4})\b", re.IGNORECASE)
YEAR = re.compile(r"^\s*(\d{4})\s*$")
SEPARATOR = re.compile(r"\s+[–—-]\s+|;")


@dataclass
class FamilyEntry:
    relation: str
    name: str
    birth_year: int | None = None
    school: str = ""


@dataclass
class QuickAdd:
    salutation: str = ""
    name: str = ""
    family: list[FamilyEntry] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stage: str = ""  # a Person.stage value, or "" when the line names none
    met_where: str = ""


def parse(line: str) -> QuickAdd:
    """Split a typed line into a name and the facts that follow it."""
    result = QuickAdd()
    parts = [part.strip() for part in SEPARATOR.split(line) if part and part.strip()]
    for index, part in enumerate(parts):
        key, sep, value = part.partition(":")
        key_lower = key.strip().lower()
        met = MET.match(part)
        if met:
            result.met_where = met.group(1).strip()
        elif _stage(part):
            result.stage = _stage(part)
        elif sep and key_lower in STAGE_KEYS and _stage(value):
            result.stage = _stage(value)
        elif sep and key_lower in RELATIONS:
            result.family.append(_family(RELATIONS[key_lower], value))
        elif sep and key_lower in FACTS:
            for item in value.split(","):
                if item.strip():
                    result.facts.append((FACTS[key_lower], item.strip()))
        elif index == 0 and not sep:
            result.salutation, result.name = salutation_and_name(part)
        else:
            result.notes.append(part)
    return result


def _stage(text: str) -> str:
    return STAGES.get(" ".join(text.lower().split()), "")


def _family(relation: str, value: str) -> FamilyEntry:
    pieces = [piece.strip() for piece in value.split(",") if piece.strip()]
    entry = FamilyEntry(relation=relation, name=pieces[0] if pieces else "")
    for piece in pieces[1:]:
        birth = BIRTH.search(piece) or YEAR.match(piece)
        if birth:
            entry.birth_year = int(birth.group(1))
        elif not entry.school:
            entry.school = piece
    return entry
