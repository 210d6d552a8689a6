"""Gift ideas from what a person loves: a small curated table, then the fact itself. Pure, no database."""

from dataclasses import dataclass

from kenal.lib.similarity import tokens

# keywords (any language, lower case) -> [(English idea, Indonesian idea)]
RULES = (
    (("bima", "werkudara", "bratasena"), [("Wayang Bima figure", "Wayang kulit tokoh Bima")]),
    (("arjuna",), [("Wayang Arjuna figure", "Wayang kulit tokoh Arjuna")]),
    (
        ("wayang", "dalang", "pewayangan"),
        [
            ("Tickets to a wayang performance", "Tiket pertunjukan wayang"),
            ("Book on wayang stories", "Buku kisah pewayangan"),
        ],
    ),
    (("golf",), [("Personalised golf balls", "Bola golf dengan nama")]),
    (("yoga",), [("Quality yoga mat", "Matras yoga yang bagus")]),
    (
        ("kopi", "coffee", "espresso"),
        [("Single-origin Indonesian coffee beans", "Biji kopi single origin Nusantara")],
    ),
    (("teh", "tea"), [("Fine tea selection", "Teh pilihan")]),
    (
        ("ramen", "sushi", "jepang", "japan"),
        [("Japanese restaurant voucher", "Voucher makan di restoran Jepang")],
    ),
    (("ski", "skiing"), [("Batik scarf for the cold", "Syal batik untuk musim dingin")]),
    (("memancing", "fishing", "mancing"), [("Fishing tackle set", "Perlengkapan memancing")]),
    (
        ("lari", "maraton", "marathon", "running"),
        [("Running socks and a race entry", "Kaos kaki lari dan tiket lomba lari")],
    ),
    (("musik", "music", "konser", "concert", "tulus"), [("Concert tickets", "Tiket konser")]),
    (("buku", "book", "membaca", "reading"), [("A book by a favourite author", "Buku dari penulis favorit")]),
    (("batik",), [("Hand-drawn batik (batik tulis)", "Batik tulis")]),
    (("jalan", "travel", "traveling"), [("Travel organiser", "Tas perlengkapan perjalanan")]),
    (("sate", "satay"), [("Dinner at a good sate place", "Makan malam di warung sate favorit")]),
)
FACT_CATEGORIES = ("interest", "hobby", "food", "music", "character", "brand", "favourite")


@dataclass(frozen=True)
class Suggestion:
    title: str
    because: str  # the fact it came from


def _key(text: str) -> frozenset:
    return frozenset(tokens(text))


def suggest_gifts(
    facts, *, already: list[str], avoid: list[str] = (), language: str = "en", limit: int = 6
) -> list[Suggestion]:
    """Ideas for (category, value) facts, never one whose words match a gift already given or noted."""
    seen = [_key(title) for title in already]
    avoid_words = set().union(*(_key(text) for text in avoid)) if avoid else set()
    suggestions, used = [], set()
    index = 1 if language.startswith("id") else 0
    for category, value in facts:
        if category not in FACT_CATEGORIES:
            continue
        words = set(value.lower().replace("(", " ").replace(")", " ").split()) | set(tokens(value))
        ideas = [pair[index] for keywords, pairs in RULES if words & set(keywords) for pair in pairs]
        if not ideas:
            ideas = [f"Sesuatu bertema {value}" if index else f"Something with {value}"]
        for idea in ideas:
            key = _key(idea)
            if key in used or _already(key, seen) or key & avoid_words:
                continue
            used.add(key)
            suggestions.append(Suggestion(title=idea, because=value))
    return suggestions[:limit]


def _already(key: frozenset, seen: list[frozenset]) -> bool:
    # Same gift, even in the other language or with extra words: "Wayang Bima" covers "Wayang kulit tokoh Bima".
    core = {word for word in key if word not in {"figure", "tokoh", "kulit"}}
    for other in seen:
        other_core = {word for word in other if word not in {"figure", "tokoh", "kulit"}}
        if other_core and (other_core <= core or core <= other_core):
            return True
    return False
