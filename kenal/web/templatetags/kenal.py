"""Template helpers for dates, money and the score ring, in the user's language."""

import math
from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from kenal.lib import formatting
from kenal.web.problems import translate_problem

register = template.Library()


def _local(value):
    """A datetime in the reader's time zone; dates, ISO strings (from import reports) and None pass through."""
    if isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def longdate(value) -> str:
    """ "Selasa, 3 Maret 2026" / "Tuesday, 3 March 2026"."""
    value = _local(value)
    return formatting.long_date(value, get_language()) if not isinstance(value, str) else value


@register.filter
def shortdate(value) -> str:
    """ "3 Mar 2026 09.15" / "3 Mar 2026 09:15", or without the time for a date."""
    value = _local(value)
    return formatting.short_date(value, get_language()) if not isinstance(value, str) else value


@register.filter
def clock(value) -> str:
    """ "09.15" / "09:15"."""
    value = _local(value)
    return formatting.clock(value, get_language()) if isinstance(value, datetime) else ""


@register.filter
def daymonth(value) -> str:
    """ "14 Maret" / "14 March": a date's day and month, e.g. for birthdays and agenda rows."""
    value = _local(value)
    if isinstance(value, date):
        return formatting.day_month(value.month, value.day, get_language(), short=True)
    return ""


@register.filter
def birthday(person) -> str:
    """A person's birthday: "14 Maret 1985", or "14 Maret" when the year is unknown."""
    return formatting.birthday(person.birth_year, person.birth_month, person.birth_day, get_language())


@register.filter
def money(value, currency: str = "IDR") -> str:
    """Rp 1.500.000 in Indonesian, IDR 1,500,000 in English."""
    return formatting.money(value, currency, get_language())


@register.filter
def duration(seconds) -> str:
    """ "3,7 jam", "26 menit" / "3.7 hours", "26 minutes"."""
    return formatting.duration(seconds, get_language())


@register.filter
def number(value, digits=None) -> str:
    """ "12.345" / "12,345"; `number:1` gives one decimal."""
    return formatting.number(value, get_language(), None if digits is None else int(digits))


@register.filter
def problem(message) -> str:
    """A parser's finding about a user's file (a chat export, a vCard), in the user's language."""
    return translate_problem(message)


@register.simple_tag
def score_ring(score: int, size: int = 56):
    """The Kenal score as a small ring (inline SVG)."""
    score = max(0, min(100, int(score or 0)))
    radius = size / 2 - 5
    circumference = 2 * math.pi * radius
    filled = circumference * score / 100
    color = "#1a7f4b" if score >= 60 else "#9a6700" if score >= 30 else "#b42318"
    return format_html(
        '<svg class="ring" width="{0}" height="{0}" viewBox="0 0 {0} {0}" role="img" aria-label="Kenal score {1}">'
        '<circle cx="{2}" cy="{2}" r="{3}" fill="none" stroke="#e5e7eb" stroke-width="6"/>'
        '<circle cx="{2}" cy="{2}" r="{3}" fill="none" stroke="{4}" stroke-width="6" '
        'stroke-dasharray="{5} {6}" transform="rotate(-90 {2} {2})" stroke-linecap="round"/>'
        '<text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-size="{7}" '
        'font-weight="700" fill="#111827">{1}</text></svg>',
        size,
        score,
        size / 2,
        f"{radius:.1f}",
        color,
        f"{filled:.1f}",
        f"{circumference:.1f}",
        int(size / 3.2),
    )


@register.filter
def age_on(year, on: date | None = None):
    if not year:
        return ""
    on = on or timezone.localdate()
    return on.year - int(year)


@register.simple_tag(takes_context=True)
def querystring_page(context, page: int) -> str:
    """The current query string with another page number."""
    query = context["request"].GET.copy()
    query["page"] = page
    return "?" + query.urlencode()
