"""Resolve Indonesian, English and mixed time expressions against a message's timestamp.

Rules come first; `dateparser` is only a fallback for numeric dates the rules do not read,
because it misreads Indonesian chat ("jam 3" becomes March, "siang" is dropped).

Storage (`Due.at`, aware, in the thread's zone):
- minute: that local time;
- day: 23:59 local that day (a day promise is kept until the day is over);
- week: Friday 23:59 of that ISO week (the working week ends on Friday);
- month: 23:59 on the last day of that month;
- none: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

MINUTE, DAY, WEEK, MONTH, NONE = "minute", "day", "week", "month", "none"
END_OF_DAY = time(23, 59)
ZONES = {"wib": ZoneInfo("Asia/Jakarta"), "wita": ZoneInfo("Asia/Makassar"), "wit": ZoneInfo("Asia/Jayapura")}

WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jumaat": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "tues": 1,
    "wednesday": 2,
    "thursday": 3,
    "thurs": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "feb": 2,
    "maret": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "agustus": 8,
    "august": 8,
    "aug": 8,
    "agu": 8,
    "agt": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "oct": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "december": 12,
    "dec": 12,
    "des": 12,
}
NUMBERS = {
    "se": 1,
    "satu": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "dua": 2,
    "two": 2,
    "tiga": 3,
    "three": 3,
    "empat": 4,
    "four": 4,
    "lima": 5,
    "five": 5,
}
HALF = {"setengah", "half an", "half a", "½"}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_COUNT = r"\d+|setengah|half an?|½|se|satu|dua|tiga|empat|lima|one|two|three|four|five|an?"
_HOUR_UNIT = r"jam|menit|mnt|hours?|hrs?|minutes?|mins?|hari|days?|minggu|weeks?"
_ORD = r"(?:st|nd|rd|th)?"

DURATION = re.compile(
    rf"\b(?:dalam|within|in)\s+(?:waktu\s+)?(?P<n>{_COUNT})\s*(?P<unit>{_HOUR_UNIT})\b"
    rf"|\b(?P<n2>{_COUNT})\s*(?P<unit2>{_HOUR_UNIT})\s+lagi\b"
)
RELATIVE_DAY = re.compile(
    r"\b(?P<lusa>lusa|day after tomorrow)\b"
    r"|\b(?P<tomorrow>besok|bsk|besuk|bsok|besoknya|esok|tomorrow|tmrw|tmr|tomorow|tommorow)\b(?![-\s]*(?:2|besok))"
    r"|\b(?P<today>hari ini|today|tonight|tonite|malam ini|mlm ini|sore ini|siang ini|pagi ini|"
    r"(?:nanti|nnti|ntar|ntr|entar) (?:pagi|siang|sore|malam|malem|mlm)|this (?:morning|afternoon|evening))\b"
)
END_OF_TODAY = re.compile(
    r"\b(?:eod|cob|end of (?:the )?(?:business )?day|close of business|end of business|akhir hari)\b"
)
WEEKDAY = re.compile(rf"\b(?P<next>next |this |hari )?(?P<name>{_WEEKDAY})\b(?P<after>\s+(?:depan|dpn|ini))?")
MINGGU_AS_WEEK = re.compile(r"\s*(?:depan|dpn|ini|lalu|kemarin|depannya|berikutnya|lagi|ke\b)")
WEEK_REL = re.compile(
    r"\b(?P<next>(?:minggu|pekan|mgg) (?:depan|dpn)|next week|following week)\b"
    r"|\b(?P<this>(?:minggu|pekan|mgg) ini|this week)\b"
)
END_OF_WEEK_REL = re.compile(
    r"\b(?P<friday>end of (?:the |this )?week|akhir minggu(?: ini)?)\b"
    r"|\b(?P<saturday>(?:this )?weekend|akhir pekan(?: ini)?)\b"
)
EOM = re.compile(
    r"\b(?:akhir (?:bulan|bln)(?P<id> depan| dpn| ini)?|end of (?:the |this )?(?P<en>next )?month|eom)\b"
)
MONTH_COARSE = re.compile(r"\b(?:(?:bulan|bln) (?P<id>depan|dpn|ini)|(?P<en>next|this) month)\b")
DAY_OF_MONTH = re.compile(
    rf"\b(?:tgl|tanggal|tang|tg)\.?\s*(?P<d>\d{{1,2}})\b(?P<next>\s+(?:bulan|bln) (?:depan|dpn))?"
    rf"|\bthe (?P<d2>\d{{1,2}}){_ORD}\b(?!\s*(?:of\s+)?(?:{_MONTH}))"
)
DATE_DMY = re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH})\.?(?:\s+(?P<y>\d{{4}}))?\b")
DATE_MDY = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>\d{{4}}))?\b(?![:.]\d)")
DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?\b")
DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
MONTH_NAME = re.compile(
    rf"\b(?P<pre>early|mid|late|awal|pertengahan|akhir|end of|in|by|bulan|before|sebelum)\s+"
    rf"(?P<m>{_MONTH})\b(?!\s*\d)"
)
CLOCK = re.compile(
    r"\b(?:jam|jm|pukul|pkl|pk)\.?\s*(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?(?!\d)"
    r"|\b(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?\s*(?P<mer>a\.?m\b\.?|p\.?m\b\.?)"
    r"|\b(?P<h3>\d{1,2}):(?P<m3>\d{2})\b"
    r"|\b(?P<h4>\d{1,2})\.(?P<m4>\d{2})(?=\s*(?:wib|wita|wit)\b)"
    r"|\b(?:at|by|around|sekitar|@)\s*(?P<h5>\d{1,2})(?=\s*(?:$|[.,!?;)]|o'?clock|sharp|works|is\b|ok|okay|then|"
    r"tomorrow|today|tonight|on\b|wib|wita|wit\b|pagi|siang|sore|malam|in the))"
    r"|\b(?P<noon>noon|midday|tengah hari)\b|\b(?P<midnight>midnight|tengah malam)\b"
)
AFTER_CLOCK = re.compile(
    r"\s*(?P<zone>wib|wita|wit)?\s*(?P<part>pagi|siang|sore|malam|mlm|in the morning|"
    r"in the afternoon|in the evening|at night|tonight|this morning|this afternoon|"
    r"this evening)?\b"
)
DAY_PART = re.compile(r"\b(?P<am>pagi|morning)\b|\b(?P<pm>sore|afternoon|evening|malam|mlm|tonight|night)\b")
DATE_LIKE = re.compile(r"\b\d{1,2}[-.]\d{1,2}[-.](?:\d{4}|\d{2})\b|\b\d{4}/\d{1,2}/\d{1,2}\b")
ASAP = re.compile(r"\b(?:asap|segera|secepatnya|sesegera mungkin|as soon as possible|right away)\b")

# A cheap test for "could this text hold a time expression at all"; the extractor's prefilter reuses it.
TIME_HINT = (
    r"\b(?:besok|bsk|besuk|bsok|esok|lusa|tomorrow|tmrw|tmr|tomorow|today|tonight|hari ini|malam ini|"
    r"mlm ini|sore ini|siang ini|pagi ini|(?:at|by|around|sekitar) \d|this (?:morning|afternoon|evening)|nanti|eod|cob|end of|akhir|"
    r"close of|minggu|pekan|mgg|week|weekend|bulan|bln|month|"
    r"tgl|tanggal|jam|jm|pukul|pkl|noon|midday|midnight|menit|mnt|hours?|hrs?|minutes?|mins?|days?|hari|lagi|"
    rf"within|dalam|{_WEEKDAY}|{_MONTH})\b|\d\s*(?:am|pm|a\.m|p\.m)\b|\d[:/]\d|\d{{4}}-\d\d-\d\d|\d\.\d\d\s*wi|\d(?:st|nd|rd|th)\b"
)
TIME_HINT_RE = re.compile(TIME_HINT)


@dataclass(frozen=True)
class Due:
    """A resolved due date: the eval's string, its precision and an aware datetime for storage."""

    value: str | None
    precision: str
    at: datetime | None

    @property
    def vague(self) -> bool:
        """Anything but a clock time is vague."""
        return self.precision != MINUTE


NO_DUE = Due(None, NONE, None)


def resolve(text: str, now: datetime, zone: tzinfo | str, *, default_day: date | None = None) -> Due:
    """Resolve the first time expression in `text`, relative to `now`, in `zone`; NO_DUE if none.

    `default_day` is the day a bare clock time falls on when the text names no day of its own: in a reply
    ("jam 10 sy kirim") it is the day the answered request named ("besok ya").
    """
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    local = now.astimezone(zone)
    lowered = text.lower()
    if not TIME_HINT_RE.search(lowered) and not DATE_LIKE.search(lowered):
        return NO_DUE
    return (
        _duration(lowered, local)
        or _clocked(text, lowered, local, default_day)
        or _coarse(lowered, local)
        or _fallback(lowered, local)
        or NO_DUE
    )


def day_due(day: date, zone: tzinfo) -> Due:
    """A due on a whole day."""
    return Due(day.isoformat(), DAY, datetime.combine(day, END_OF_DAY, zone))


def minute_due(moment: datetime) -> Due:
    """A due at a clock time (local, no offset in the value)."""
    moment = moment.replace(second=0, microsecond=0)
    return Due(moment.strftime("%Y-%m-%dT%H:%M"), MINUTE, moment)


def week_due(day: date, zone: tzinfo) -> Due:
    """A due in the ISO week holding `day`."""
    year, week, weekday = day.isocalendar()
    friday = day + timedelta(days=4 - (weekday - 1))
    return Due(f"{year}-W{week:02d}", WEEK, datetime.combine(friday, END_OF_DAY, zone))


def month_due(year: int, month: int, zone: tzinfo) -> Due:
    """A due in a calendar month."""
    return Due(f"{year}-{month:02d}", MONTH, datetime.combine(_last_day(year, month), END_OF_DAY, zone))


def _last_day(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _count(word: str) -> float:
    word = word.strip()
    if word in HALF:
        return 0.5
    return float(word) if word.isdigit() else float(NUMBERS.get(word, 1))


def _duration(lowered: str, local: datetime) -> Due | None:
    match = DURATION.search(lowered)
    if not match:
        return None
    amount = _count(match["n"] or match["n2"])
    unit = match["unit"] or match["unit2"]
    if unit in ("jam", "hour", "hours", "hr", "hrs"):
        return minute_due(local + timedelta(hours=amount))
    if unit in ("hari", "day", "days"):
        return day_due(local.date() + timedelta(days=round(amount)), local.tzinfo)
    if unit in ("minggu", "week", "weeks"):
        return week_due(local.date() + timedelta(weeks=round(amount)), local.tzinfo)
    return minute_due(local + timedelta(minutes=amount))


def _clocked(text: str, lowered: str, local: datetime, default_day: date | None = None) -> Due | None:
    """A day anchor, a clock time, or both."""
    day, explicit = _anchor(text, lowered, local)
    if day is None and default_day is not None:
        day, explicit = default_day, True
    clock = _clock(lowered)
    if clock is None:
        return day_due(day, local.tzinfo) if day else None
    hour, minute, zone, meridiem_known = clock
    base = day or local.date()
    moment = datetime.combine(base, time(hour, minute), zone or local.tzinfo).astimezone(local.tzinfo)
    if not explicit and moment < local:
        # "jam 8" said at 17:00 means 20:00 today; otherwise a passed clock time means tomorrow.
        later = moment + timedelta(hours=12)
        moment = later if not meridiem_known and hour < 12 and later > local else moment + timedelta(days=1)
    return minute_due(moment)


def _clock(lowered: str) -> tuple[int, int, tzinfo | None, bool] | None:
    for match in CLOCK.finditer(lowered):
        if match["noon"]:
            return 12, 0, None, True
        if match["midnight"]:
            return 23, 59, None, True
        raw_hour = match["h"] or match["h2"] or match["h3"] or match["h4"] or match["h5"]
        hour, minute = int(raw_hour), int(match["m"] or match["m2"] or match["m3"] or match["m4"] or 0)
        if hour > 24 or minute > 59:
            continue
        after = AFTER_CLOCK.match(lowered, match.end())
        zone = ZONES.get(after["zone"] or "") if after else None
        part = (after["part"] or "") if after else ""
        hour, known = _meridiem(
            hour, match["mer"] or "", part, padded=len(raw_hour) == 2 and raw_hour[0] == "0"
        )
        if part == "" and not known:
            hour, known = _meridiem_from_context(hour, lowered)
        return min(hour, 23), (59 if hour >= 24 else minute), zone, known
    return None


def _meridiem(hour: int, mer: str, part: str, padded: bool) -> tuple[int, bool]:
    """Apply am/pm or pagi/siang/sore/malam to a 1-12 hour; return (hour, was it stated)."""
    if hour > 12 or padded:
        return hour, True
    if mer.startswith("p") or part in (
        "sore",
        "malam",
        "mlm",
        "in the afternoon",
        "in the evening",
        "at night",
        "tonight",
        "this afternoon",
        "this evening",
    ):
        if part in ("malam", "mlm") and hour == 12:
            return 24, True
        return (hour + 12 if hour < 12 else hour), True
    if part == "siang":
        return (hour + 12 if hour <= 5 else hour), True
    if mer.startswith("a") or part in ("pagi", "in the morning", "this morning"):
        return (0 if hour == 12 else hour), True
    # Business hours: "jam 3" is 15:00, "jam 10" is 10:00.
    return (hour + 12 if 1 <= hour <= 6 else hour), False


def _meridiem_from_context(hour: int, lowered: str) -> tuple[int, bool]:
    """A day part elsewhere in the text ("tonight ... at 8") settles an unstated am/pm."""
    part = DAY_PART.search(lowered)
    if part and part["pm"] and hour < 12:
        return hour + 12, True
    if part and part["am"] and hour > 12:
        return hour - 12, True
    return hour, False


def _anchor(text: str, lowered: str, local: datetime) -> tuple[date | None, bool]:
    """The first day named in the text, and whether it was named (not just 'end of day')."""
    today = local.date()
    found: list[tuple[int, date]] = []
    for finder in (_relative_day, _weekday, _day_of_month, _explicit_date, _end_of_month, _end_of_week):
        hit = finder(text, lowered, today)
        if hit:
            found.append(hit)
    if found:
        return min(found)[1], True
    if END_OF_TODAY.search(lowered):
        return today, False
    return None, False


def _relative_day(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    match = RELATIVE_DAY.search(lowered)
    if not match:
        return None
    offset = 2 if match["lusa"] else 1 if match["tomorrow"] else 0
    return match.start(), today + timedelta(days=offset)


def _weekday(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    for match in WEEKDAY.finditer(lowered):
        name = match["name"]
        if name == "minggu" and not _is_sunday(text, match):
            continue
        ahead = (WEEKDAYS[name] - today.weekday() - 1) % 7 + 1
        day = today + timedelta(days=ahead)
        wants_next_week = (
            match["next"] == "next "
            or (match["after"] or "").strip() in ("depan", "dpn")
            or bool(WEEK_REL.search(lowered) and WEEK_REL.search(lowered)["next"])
        )
        if wants_next_week and day.isocalendar()[1] == today.isocalendar()[1]:
            day += timedelta(days=7)
        return match.start(), day
    return None


def _is_sunday(text: str, match: re.Match) -> bool:
    """'minggu depan' is a week; 'hari Minggu' or a capitalised 'Minggu' is Sunday."""
    if MINGGU_AS_WEEK.match(text.lower(), match.end("name")):
        return False
    if match["next"] == "hari ":
        return True
    before = text[max(0, match.start("name") - 12) : match.start("name")].lower()
    if re.search(r"(\d|satu|dua|tiga|se)\s*$", before) or before.endswith(("tiap ", "setiap ")):
        return False
    return text[match.start("name")] == "M"


def _day_of_month(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    match = DAY_OF_MONTH.search(lowered)
    if not match:
        return None
    wanted = int(match["d"] or match["d2"])
    if not 1 <= wanted <= 31:
        return None
    year, month = (today.year, today.month)
    if match["next"] or wanted < today.day:
        year, month = _add_months(today, 1)
    return match.start(), date(year, month, min(wanted, _last_day(year, month).day))


def _explicit_date(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    for pattern in (DATE_ISO, DATE_DMY, DATE_MDY, DATE_NUMERIC):
        match = pattern.search(lowered)
        if not match:
            continue
        month = MONTHS.get(match["m"]) or (int(match["m"]) if match["m"].isdigit() else 0)
        day, year = int(match["d"]), match["y"]
        if pattern is DATE_NUMERIC and month > 12 >= day:
            day, month = month, day
        found = _make_date(year, month, day, today)
        if found:
            return match.start(), found
    return None


def _make_date(year: str | None, month: int, day: int, today: date) -> date | None:
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _end_of_month(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    match = EOM.search(lowered)
    if match:
        ahead = 1 if (match["id"] or "").strip() in ("depan", "dpn") or match["en"] else 0
        return match.start(), _last_day(*_add_months(today, ahead))
    match = MONTH_NAME.search(lowered)
    if match and match["pre"] in ("akhir", "end of"):
        year = today.year + (MONTHS[match["m"]] < today.month)
        return match.start(), _last_day(year, MONTHS[match["m"]])
    return None


def _end_of_week(text: str, lowered: str, today: date) -> tuple[int, date] | None:
    match = END_OF_WEEK_REL.search(lowered)
    if not match:
        return None
    target = 4 if match["friday"] else 5
    return match.start(), today + timedelta(days=(target - today.weekday()) % 7)


def _coarse(lowered: str, local: datetime) -> Due | None:
    """A week or a month, when no day was named."""
    today, zone = local.date(), local.tzinfo
    week = WEEK_REL.search(lowered)
    month = MONTH_COARSE.search(lowered)
    named = MONTH_NAME.search(lowered)
    options = [m for m in (week, month, named) if m]
    if not options:
        return None
    first = min(options, key=lambda m: m.start())
    if first is week:
        return week_due(today + timedelta(days=7 if week["next"] else 0), zone)
    if first is month:
        ahead = 0 if (month["id"] == "ini" or month["en"] == "this") else 1
        return month_due(*_add_months(today, ahead), zone)
    wanted = MONTHS[named["m"]]
    return month_due(today.year + (wanted < today.month), wanted, zone)


def _fallback(lowered: str, local: datetime) -> Due | None:
    """Hand a numeric date the rules did not read to dateparser, day-first."""
    match = DATE_LIKE.search(lowered)
    if not match:
        return None
    import dateparser  # imported late: it costs a second and most texts never reach here

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": local.replace(tzinfo=None),
    }
    parsed = dateparser.parse(match.group(), languages=["id", "en"], settings=settings)
    return day_due(parsed.date(), local.tzinfo) if parsed else None


# Every time expression the resolver reads, and the little words that lead into one ("by", "paling lambat").
_TIME_PATTERNS = (
    DURATION,
    RELATIVE_DAY,
    END_OF_TODAY,
    WEEK_REL,
    END_OF_WEEK_REL,
    EOM,
    MONTH_COARSE,
    DAY_OF_MONTH,
    DATE_DMY,
    DATE_MDY,
    DATE_NUMERIC,
    DATE_ISO,
    DATE_LIKE,
    CLOCK,
    WEEKDAY,
    ASAP,
    re.compile(
        r"\b(?:nanti|nnti|ntar|ntr|entar|later|(?:at )?the latest|wib|wita|wit|pagi|siang|sore|malam|mlm)\b"
    ),
)
_LEAD = re.compile(
    r"\b(?:paling (?:lambat|telat)|selambat-lambatnya|sebelum|sblm|by|before|on|at|until|sampai|pada|pd|"
    r"pukul|within|dalam|in)\s*$"
)


def without_time_words(text: str) -> str:
    """`text` without its time expressions: "besok jam 1 siang saya kirim" -> "saya kirim"."""
    lowered = text.lower()
    if len(lowered) != len(text):
        text = lowered
    keep = [True] * len(text)
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(lowered):
            start = match.start()
            lead = _LEAD.search(lowered, 0, start)
            if lead:
                start = lead.start()
            keep[start : match.end()] = [False] * (match.end() - start)
    return " ".join("".join(c if k else " " for c, k in zip(text, keep, strict=True)).split())


def is_asap(text: str) -> bool:
    """'ASAP', 'segera': urgent but with no time at all."""
    return bool(ASAP.search(text.lower()))
