"""Text similarity for short work phrases, in Indonesian and English, with no models and no database."""

import math
import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

# One canonical token per idea, so "revisi logo" meets "logo revision" and "siaran pers" meets "press release".
SYNONYMS = {
    "revisi": "revision",
    "perbaikan": "revision",
    "ubah": "revision",
    "ganti": "revision",
    "edit": "revision",
    "desain": "design",
    "rancangan": "design",
    "artikel": "article",
    "tulisan": "article",
    "foto": "photo",
    "fotografi": "photo",
    "gambar": "image",
    "video": "video",
    "vidio": "video",
    "postingan": "post",
    "posting": "post",
    "unggahan": "post",
    "konten": "content",
    "spanduk": "banner",
    "laporan": "report",
    "situs": "website",
    "web": "website",
    "halaman": "page",
    "rilis": "release",
    "siaran": "release",
    "pers": "press",
    "media": "media",
    "acara": "event",
    "peluncuran": "launch",
    "launching": "launch",
    "undangan": "invitation",
    "brosur": "brochure",
    "poster": "poster",
    "terjemahan": "translation",
    "terjemah": "translation",
    "logo": "logo",
    "warna": "colour",
    "color": "colour",
    "huruf": "font",
    "teks": "text",
    "naskah": "script",
    "tambahan": "extra",
    "tambah": "extra",
    "additional": "extra",
    "more": "extra",
    "baru": "new",
    "medsos": "social",
    "sosial": "social",
    "instagram": "social",
    "ig": "social",
    "feed": "post",
    "reels": "video",
    "aplikasi": "app",
    "fitur": "feature",
    "ulang": "again",
    "lagi": "again",
    "rapat": "meeting",
    "pertemuan": "meeting",
}
STOPWORDS = frozenset(
    """
a an the and or of to for in on at by with from is are be this that it its as please can could would
yang dan atau di ke dari untuk dengan ini itu pada juga saja ya tolong mohon bisa bisakah dong deh nih
kak mbak mas bu pak ada akan sudah belum lebih kami kita saya aku anda kamu mau minta jadi agar supaya
""".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-cased content words with Indonesian and English variants folded onto one form."""
    result = []
    for word in _WORD.findall((text or "").lower()):
        if word.endswith("nya") and len(word) > 5:
            word = word[:-3]
        if word in STOPWORDS:
            continue
        word = SYNONYMS.get(word, word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        result.append(word)
    return result


def similarity(left: str, right: str) -> float:
    """0..1: token overlap, softened by character similarity for typos ("revsi", "desian")."""
    a, b = set(tokens(left)), set(tokens(right))
    if not a or not b:
        return 0.0
    overlap = len(a & b) / math.sqrt(len(a) * len(b))
    fuzzy = SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio()
    return round(0.75 * overlap + 0.25 * fuzzy, 4)


def best_match(text: str, candidates: Iterable[tuple[object, str]], threshold: float = 0.2):
    """The (key, score) of the candidate closest to text, weighting rare words higher (TF-IDF-ish); or None."""
    candidates = [(key, tokens(candidate)) for key, candidate in candidates]
    query = tokens(text)
    if not candidates or not query:
        return None
    documents = Counter(word for _, words in candidates for word in set(words))
    count = len(candidates)

    def weight(word):
        return math.log(1 + count / (1 + documents.get(word, 0))) + 0.1

    query_vector = {word: weight(word) for word in set(query)}
    best = None
    for key, words in candidates:
        vector = {word: weight(word) for word in set(words)}
        if not vector:
            continue
        dot = sum(value * vector[word] for word, value in query_vector.items() if word in vector)
        norm = math.sqrt(sum(v * v for v in query_vector.values())) * math.sqrt(
            sum(v * v for v in vector.values())
        )
        score = dot / norm if norm else 0.0
        if score == 0.0:
            # A typo still counts for a little: "revsi logo" against "logo".
            score = (
                0.5 * SequenceMatcher(None, " ".join(sorted(query_vector)), " ".join(sorted(vector))).ratio()
            )
            score = score if score >= threshold * 2 else 0.0
        if best is None or score > best[1]:
            best = (key, round(score, 4))
    return best if best and best[1] >= threshold else None
