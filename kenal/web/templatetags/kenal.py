"""Template helpers for dates, money and the score ring, in the user's language."""

import math
from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def longdate(value) -> str:
    """ "Selasa, 3 Maret 2026" / "Tuesday, 3 March 2026"."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "l, j F Y")


@register.filter
def shortdate(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, datetime):
        return formats.date_format(value, "j M Y, H:i")
    return formats.date_format(value, "j M Y")


@register.filter
def money(value, currency: str = "IDR") -> str:
    """Rp 1.500.000 in Indonesian, IDR 1,500,000 in English."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    digits = f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"
    if get_language() == "id":
        digits = digits.replace(",", "_").replace(".", ",").replace("_", ".")
        prefix = "Rp" if currency == "IDR" else currency
        return f"{prefix} {digits}"
    return f"{currency} {digits}"


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
