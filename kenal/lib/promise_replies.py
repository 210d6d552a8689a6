"""Turn a vague promise into an explicit reply: "Oke, saya kirim besok paling lambat jam 13.00 ya"."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kenal.lib.promises import Commitment

# Proposed hours on a day: 13.00 leaves the afternoon to recover; later ones when 13.00 has passed.
PROPOSED_HOURS = (13, 17, 21)
ID_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ID_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# (pattern in the promise's text, Indonesian verb, English verb phrase)
VERBS = (
    (r"\b(?:kabar|info|let you know|update|report|inform|confirm|konfirmasi)", "kabari", "get back to you"),
    (r"\b(?:telp|telepon|call|hubungi)", "telepon", "call you"),
    (r"\b(?:transfer|tf|bayar|pay|lunasi)", "transfer", "make the payment"),
    (r"\b(?:datang|dateng|ke toko|ke kantor|visit|come|hadir|mampir)", "datang", "come over"),
    (r"\b(?:cek|check|look)", "cek dan kabari", "check and get back to you"),
    (r"\b(?:revisi|benerin|perbaiki|fix|revise)", "kirim revisinya", "send the fix"),
)


def suggest_reply(commitment: Commitment) -> str:
    """An explicit reply for the commitment, in its language, proposing a concrete time."""
    moment = proposed_time(commitment)
    indonesian = commitment.language == "id"
    day = _day_id(moment, commitment.made_at) if indonesian else _day_en(moment, commitment.made_at)
    clock = f"{moment:%H.%M}" if indonesian else _clock_en(moment)
    verb_id, verb_en = _verbs(commitment.what)
    if commitment.debtor == "them":
        if indonesian:
            return f"Baik, jadi saya tunggu {day} paling lambat jam {clock} ya, apakah bisa?"
        return f"Great — so I can expect it {day} by {clock} at the latest, is that right?"
    if not commitment.vague:
        if indonesian:
            return f"Siap, saya {verb_id} {day} jam {clock} ya."
        return f"Confirmed — I'll {verb_en} {day} at {clock}."
    if indonesian:
        return f"Oke, saya {verb_id} {day} paling lambat jam {clock} ya, apakah oke?"
    return f"Sure — I'll {verb_en} {day} by {clock} at the latest, is that okay?"


def proposed_time(commitment: Commitment) -> datetime:
    """A concrete time to propose: the stated minute, else 13.00 on the day the promise points to."""
    due, made = commitment.due, commitment.made_at
    if due.at is None:
        # No time at all: the next working day.
        day = made.date() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return datetime.combine(day, time(PROPOSED_HOURS[0]), made.tzinfo)
    if due.precision == "minute":
        return due.at
    day = due.at.date()
    if due.precision == "month":
        while day.weekday() >= 5:  # the last working day of the month
            day -= timedelta(days=1)
    zone = due.at.tzinfo
    local_made = made.astimezone(zone)
    for hour in PROPOSED_HOURS:
        candidate = datetime.combine(day, time(hour), zone)
        if candidate >= local_made + timedelta(hours=1):
            return candidate
    return datetime.combine(day, time(23), zone)


def _verbs(what: str) -> tuple[str, str]:
    lowered = what.lower()
    for pattern, verb_id, verb_en in VERBS:
        if re.search(pattern, lowered):
            return verb_id, verb_en
    return "kirim", "send it"


def _day_id(moment: datetime, made: datetime) -> str:
    ahead = (moment.date() - made.astimezone(moment.tzinfo).date()).days
    if ahead in (0, 1, 2):
        return ("hari ini", "besok", "lusa")[ahead]
    return f"hari {ID_DAYS[moment.weekday()]}, {moment.day} {ID_MONTHS[moment.month - 1]}"


def _day_en(moment: datetime, made: datetime) -> str:
    ahead = (moment.date() - made.astimezone(moment.tzinfo).date()).days
    if ahead in (0, 1):
        return ("today", "tomorrow")[ahead]
    return f"on {moment:%A} {moment.day} {moment:%B}"


def _clock_en(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour} {suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d} {suffix}"
