"""Speech-act cues for promises in Indonesian, English and mixed chat, read one clause at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kenal.lib.timeexpr import TIME_HINT

_ME = r"(?:sy|saya|aku|aq|ak|gue|gw|gua|kami|i|we)"
_ACTION = (
    r"(?:kirim\w*|krm|kabar\w*|info\w*|cek|check|revisi|benerin|perbaiki|transfer|tf|bayar|lunasi|telp\w*|"
    r"telepon\w*|call|hubungi|datang|dateng|ke|mampir|share|upload|email\w*|siapkan|siapin|buat\w*|bikin\w*|"
    r"selesai\w*|beresin|kerja\w*|proses|review|tandatangani|sampaikan|follow|update|kasih|antar\w*|submit|"
    r"temui|ketemu|send|fix|pay|get|have|deliver|finish|prepare|look|report|confirm|forward|drop|bring|"
    r"visit|come|push|upload|sort|handle)"
)

# An explicit future: strong enough to beat a "sudah" in the same clause ("once I've scoped").
FUTURE = re.compile(
    r"\b(?:i|we|it)(?:'ll| will| shall|'m going to| am going to| are going to|'re going to)\b"
    r"(?! (?:need|have to pass|not|never|see|wait|think|be (?:in|on|out|away|off|busy|back|travel\w*|"
    r"offline|unavailable)\b))"
    r"|^will (?!you\b)|\b(?:let (?:me|us)(?! know\b)|will do|on it|you'll (?:have|get|receive)|you will (?:have|get|receive)"
    r"|expect it|will be (?:sent|ready|done|delivered|there|up)|consider it done|leave it with me"
    rf"|{_ME}\s+(?:\w+\s+)?(?:akan|bakal)|(?:akan|bakal)\s+(?:{_ME}|segera|di\w+)"
    rf"|(?:nanti|nnti|ntar|ntr|entar)\s+(?:{_ME}|di\w+)|diusahakan|usahakan|segera|secepatnya)\b"
)
PRONOUN_ACTION = re.compile(
    rf"(?<!mau )(?<!biar )(?<!supaya )(?<!agar )(?<!buat )(?<!utk )(?<!untuk )(?<!bisa )(?<!boleh )"
    rf"(?<!dapat )(?<!perlu )(?<!harus )(?<!yang )(?<!yg )\b{_ME}\s+(?:coba\s+|usahakan\s+)?{_ACTION}\b"
)
PRONOUN = re.compile(rf"\b{_ME}\b|\b(?:i|we) (?:can|could|should)\b")
DONE = re.compile(
    r"\b(?:sudah|udah|udh|sdh|dah|telah|barusan|baru aja|baru saja|tadi|td|kemarin|kmrn|kmarin|already|"
    r"just sent|(?:i|we)'ve (?:sent|emailed|shared|uploaded|done|finished|paid|transferred)|has been|"
    r"have been|was sent|were sent)\b"
)
STATE = re.compile(
    r"(?<!menit )(?<!jam )(?<!mnt )\b(?:lg|lagi|sedang|masih|di luar kota|full (?:meeting|schedule|day)|fully booked|sibuk|libur|cuti|busy|tight|"
    r"swamped|out of office|ooo|on leave|away|ada (?:meeting|rapat|acara|shooting|janji|urusan|kegiatan|kelas))\b"
)
# "kabari lagi", "kirim lg": an action done again, not a state ("lagi meeting").
AGAIN = re.compile(rf"\b({_ACTION})\s+(?:lagi|lg)\b")
NEGATION = re.compile(
    r"\b(?:tidak|tdk|gak|ga|nggak|ngga|enggak|engga|gk|ndak|belum|blm|gabisa|gbisa|gakbisa|gbs|can't|cannot|"
    r"can not|won't|unable|"
    r"not able|unfortunately|pass on|have to pass|fully booked|decline|(?:will|can|could) not)\b"
)
# Phrases that look negative but are not refusals.
NOT_NEGATION = re.compile(
    r"\b(?:tidak|tdk|gak|ga|nggak|engga) (?:masalah|apa|papa|pa2)\b|\batau (?:tidak|tdk|gak|ga|nggak|belum)\b"
    r"|\bor not\b|\bno (?:problem|worries)\b"
)
STRONG_REQUEST = re.compile(
    r"\b(?:tolong|tlg|mohon(?! maaf)|minta|please|pls|plz|could you|can you|would you|will you|"
    r"would it be possible|any chance|kapan|when can|when will|deadline|need (?:it|them|this|the|your)|"
    r"(?:i|we)'ll need|jangan lupa|don't forget|bisa tolong|dapat kami terima|meminta|memohon|harap|"
    r"(?:i|we) (?:want|would like|need)|requests?|requested|asks?|asked)\b"
)
SOFT_REQUEST = re.compile(
    r"\b(?:bisa|bisakah|bs|can we|could we|let's)\b(?! (?:kak|mas|mbak|pak|bu|banget)\b)"
    # "Besok jadi presentasi jam 10?": asking whether a plan stands asks the other side to confirm it.
    r"|\bjadi\b(?=.*\?)"
)
IMPERATIVE = re.compile(rf"\b{_ACTION}\b.*\b(?:ya|yaa|yah|yo)\b")
ACCEPT = re.compile(
    r"^(?:ok|oke|okey|okay|okee|okeh|oks|okk+|siap|siapp+|sip|sipp+|noted|baik|sure|will do|on it|"
    r"no problem|no worries|of course|absolutely|can do|got it|iya|iyaa|ya|yes|yep|yup|bisa|tentu|roger|"
    r"alright|all right|sounds good|understood|laksanakan|happy to|with pleasure|gas|gaskeun|boleh kak|"
    r"tidak masalah|gak masalah|ga masalah|jadi(?=\s*(?:kak|mas|mbak|pak|bu|bang|dong|[,.!]|$)))\b"
)
SOCIAL = re.compile(
    r"\b(?:kapan[- ]kapan|kapan2|kpn2|sometime|some time|one of these days|lain kali|next time)\b"
    r"|\bkapan\b.*\byuk\b"
)
GREETING = re.compile(
    r"^(?:(?:selamat|slmt) (?:pagi|siang|sore|malam)|(?:pagi|siang|sore|malam)(?=\s*(?:[,!.]|$|bapak\b|ibu\b|"
    r"pak\b|bu\b|mas\b|mbak\b|kak\b|semua\b))|halo|hallo|hai|hi|hello|hey|"
    r"morning|good (?:morning|afternoon|evening)|assalamualaikum)\b[\s,!.]*"
    r"(?:(?:bapak|ibu|pak|bu|mas|mbak|kak|sis|bro|guys|all)\b\s*\w*)?",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"(?<=[?!;\n])|(?<!\d)\.(?!\d)|,(?!\d)|\s+(?:tapi|but|and then)\s+")

ID_WORDS = frozenset(
    "ya kak mas mbak pak bu ibu bapak sy saya kami aku besok bsk nanti kirim jam sore siang malam pagi bisa "
    "sudah udah lagi lg dulu yg yang dan untuk utk akan baik siap oke gpp deh nih sih aja lusa minggu bulan "
    "depan hari ini itu dengan tidak gak ga mohon tolong terima kasih makasih mksh tgl ke di dari".split()
)
EN_WORDS = frozenset(
    "i i'll you the will it to by and send tomorrow today sure we we'll is on at of a please thanks next "
    "week month can could it's that this for with your my have be".split()
)
ALL_CUES = re.compile(
    rf"{TIME_HINT}|\b(?:{_ME}|akan|bakal|nanti|nnti|ntar|ntr|entar|usahakan|diusahakan|expect|segera|asap|let me|will|'ll|on it|tolong|tlg|mohon|minta|please|"
    r"pls|plz|could|can|would|kapan|deadline|need|bisa|bs|ok\w*|siap\w*|sip\w*|noted|baik|sure|iya|ya|yes|"
    r"yep|yup|tentu|roger|alright|sounds|understood|happy|gas\w*|no problem|no worries|of course|"
    r"absolutely|got it|kirim\w*|send)\b"
)


@dataclass(frozen=True)
class ClauseCues:
    """What one clause says, as far as promises go."""

    text: str
    future: bool
    pronoun_action: bool
    pronoun: bool
    done: bool
    state: bool
    negated: bool
    strong_request: bool
    soft_request: bool
    accept: bool
    social: bool
    question: bool

    @property
    def promissory(self) -> bool:
        """Does this clause take on an action, without a time of its own needed?"""
        if self.strong_request or self.negated or self.social or self.question or self.state:
            return False
        return self.future or (self.pronoun_action and not self.done)

    @property
    def usable_for_time(self) -> bool:
        """May this clause's time be the promise's time?"""
        return not (self.done or self.state or self.negated or self.social or self.strong_request)


def split_clauses(text: str) -> list[str]:
    """Split a message at sentence and comma breaks, keeping decimals and clock times whole."""
    parts = [part.strip() for part in CLAUSE_BREAK.split(text)]
    return [part for part in parts if part]


def strip_greeting(clause: str) -> str:
    """Drop a leading 'Selamat pagi Ibu' so 'pagi' is not read as a time."""
    return GREETING.sub("", clause, count=1).strip()


def read_clause(clause: str) -> ClauseCues:
    """Read the cues in one clause (already greeting-stripped)."""
    lowered = clause.lower().replace("’", "'")
    negated = bool(NEGATION.search(NOT_NEGATION.sub(" ", lowered)))
    future = bool(FUTURE.search(lowered))
    return ClauseCues(
        text=clause,
        future=future,
        pronoun_action=bool(PRONOUN_ACTION.search(lowered)),
        pronoun=bool(PRONOUN.search(lowered)),
        done=bool(DONE.search(lowered)) and not future,
        state=bool(STATE.search(AGAIN.sub(r"\1", lowered))),
        negated=negated,
        strong_request=bool(STRONG_REQUEST.search(lowered)),
        soft_request=bool(SOFT_REQUEST.search(lowered) or IMPERATIVE.search(lowered)),
        accept=bool(ACCEPT.match(lowered)) and "?" not in lowered,
        social=bool(SOCIAL.search(lowered)),
        question="?" in lowered,
    )


def language_of(text: str) -> str:
    """'id' or 'en' by counting common words; code-mixed chat counts as Indonesian."""
    words = re.findall(r"[a-z']+", text.lower())
    indonesian = sum(word in ID_WORDS for word in words)
    english = sum(word in EN_WORDS for word in words)
    return "id" if indonesian * 2 >= english and indonesian else "en" if english else ""


# A message made only of these closes a turn: nobody is waiting for an answer to "Oke Mbak ditunggu 🙏".
_ACKNOWLEDGEMENT_WORDS = frozenset(
    "ok oke okey okay okee okeh oks okk siap siapp sip sipp noted baik iya iyaa ya yaa yes yep yup sure "
    "mantap mantab mantul keren good great nice perfect cool alright thanks thank thx tq tks ty makasih "
    "makasi mksh trims terima kasih kasih banyak ditunggu tunggu aja saja ya dong deh nih sih kabarnya "
    "you very much so sama sama-sama too hehe haha wkwk amin aamiin kak kakak mas mbak pak bu bapak ibu "
    "bang dik sis bro guys all semua see will do got it understood roger".split()
)
_WORD = re.compile(r"[a-z][a-z'-]*")


def is_acknowledgement(text: str) -> bool:
    """Does this message only acknowledge ("oke ditunggu", "thanks!", "👍"), asking nothing back?"""
    lowered = text.lower()
    if "?" in lowered:
        return False
    words = _WORD.findall(lowered)
    return all(word in _ACKNOWLEDGEMENT_WORDS for word in words)
