"""Numbers, durations, money and dates as people read them, in Indonesian or English (built on Babel).

One function per kind of value, each taking the language code ("id", "en"). The template filters in
kenal/web/templatetags/kenal.py call these with the active language; the digest, the feed and the CLI call
them directly.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal
from babel.units import format_unit

LEAP_YEAR = 2000  # a year that has 29 February, for birthdays without a year


def _locale(language: str | None) -> str:
    return "id" if (language or "id").lower().startswith("id") else "en"


def number(value, language: str | None, digits: int | None = None) -> str:
    """12.345 / 12,345; with `digits`, that many decimals: 3,7 / 3.7."""
    if value is None or value == "":
        return ""
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def duration(seconds: float | None, language: str | None) -> str:
    """A short duration in words: "45 detik", "26 menit", "3,7 jam", "2,5 hari" / "26 minutes", "3.7 hours"."""
    if seconds is None:
        return "–"
    seconds = max(0.0, float(seconds))
    if seconds < 60:
        value, unit = round(seconds), "duration-second"
    elif seconds < 3600:
        value, unit = round(seconds / 60), "duration-minute"
    elif seconds < 86400:
        value, unit = round(seconds / 3600, 1), "duration-hour"
    else:
        value, unit = round(seconds / 86400, 1), "duration-day"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_unit(value, unit, length="long", locale=_locale(language))


def money(amount, currency: str | None, language: str | None) -> str:
    """Rp 25.500.000 in Indonesian, IDR 25,500,000 in English; cents only when there are some."""
    if amount is None or amount == "":
        return ""
    try:
        amount = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    currency = (currency or "IDR").upper()
    locale = _locale(language)
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    digits = format_decimal(amount, format=pattern, locale=locale)
    prefix = "Rp" if currency == "IDR" and locale == "id" else currency
    return f"{prefix} {digits}"


def long_date(value: date | datetime | None, language: str | None) -> str:
    """Selasa, 3 Maret 2026 / Tuesday, 3 March 2026 (a datetime should be in the reader's zone already)."""
    if not value:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return _babel_date(day, "EEEE, d MMMM y", locale=_locale(language))


def month_year(month: str, language: str | None) -> str:
    """'2026-11' as "November 2026" in either language (a month of figures)."""
    year, number = (int(part) for part in month.split("-"))
    return _babel_date(date(year, number, 1), "LLLL y", locale=_locale(language))


def short_date(value: date | datetime | None, language: str | None) -> str:
    """3 Mar 2026, or with a time 3 Mar 2026 09.15 / 3 Mar 2026 09:15."""
    if not value:
        return ""
    locale = _locale(language)
    if isinstance(value, datetime):
        return f"{_babel_date(value.date(), 'd MMM y', locale=locale)} {clock(value, language)}"
    return _babel_date(value, "d MMM y", locale=locale)


def clock(value: datetime, language: str | None) -> str:
    """09.15 in Indonesian, 09:15 in English."""
    return _babel_time(value, "HH.mm" if _locale(language) == "id" else "HH:mm", locale=_locale(language))


def day_month(month: int | None, day: int | None, language: str | None, *, short: bool = False) -> str:
    """A day without its year, like a birthday whose year nobody knows: 14 Maret / 14 March."""
    if not (month and day):
        return ""
    return _babel_date(date(LEAP_YEAR, month, day), "d MMM" if short else "d MMMM", locale=_locale(language))


def birthday(year: int | None, month: int | None, day: int | None, language: str | None) -> str:
    """14 Maret 1985, or 14 Maret when the year is unknown."""
    if not (month and day):
        return ""
    if year:
        return _babel_date(date(year, month, day), "d MMMM y", locale=_locale(language))
    return day_month(month, day, language)
