"""Due times typed by people (ISO in the CLI and API, a date or date+time in forms) and how they read back."""

from datetime import date, datetime, time, tzinfo

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from kenal.commitments.models import Precision
from kenal.lib.timeexpr import END_OF_DAY


def parse_due(text: str, zone: tzinfo) -> tuple[datetime | None, str]:
    """An ISO date (precision day) or datetime (minute, in `zone` unless it has an offset); '' is no due."""
    text = (text or "").strip()
    if not text:
        return None, Precision.NONE
    if len(text) == 10:
        try:
            return datetime.combine(date.fromisoformat(text), END_OF_DAY, zone), Precision.DAY
        except ValueError:
            pass
    else:
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=zone)
            return moment.replace(second=0, microsecond=0), Precision.MINUTE
    raise ValidationError(
        _("%(value)s is not a date. Use 2026-03-04 for a day or 2026-03-04T13:00 for an exact time.")
        % {"value": text[:40]}
    )


def due_from_parts(day: date | None, clock: time | None, zone: tzinfo) -> tuple[datetime | None, str]:
    """A form's date and optional time fields as a due."""
    if day is None:
        return None, Precision.NONE
    if clock is None:
        return datetime.combine(day, END_OF_DAY, zone), Precision.DAY
    return datetime.combine(day, clock, zone), Precision.MINUTE


def due_value(due_at: datetime | None, precision: str, zone: tzinfo) -> str | None:
    """The due as the extractor writes it: 2026-03-03T13:00, 2026-03-03, 2026-W11, 2026-04 or None."""
    if due_at is None or precision == Precision.NONE:
        return None
    local = due_at.astimezone(zone)
    if precision == Precision.MINUTE:
        return local.strftime("%Y-%m-%dT%H:%M")
    if precision == Precision.WEEK:
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == Precision.MONTH:
        return local.strftime("%Y-%m")
    return local.date().isoformat()


def due_label(due_at: datetime | None, precision: str, zone: tzinfo) -> str:
    """The due for people, in the active language: 'Selasa, 3 Maret 2026 13:00', 'minggu 2026-W11'."""
    if due_at is None or precision == Precision.NONE:
        return _("no date yet")
    local = due_at.astimezone(zone)
    if precision == Precision.MINUTE:
        return formats.date_format(local, "l, j F Y") + " " + local.strftime("%H:%M")
    if precision == Precision.WEEK:
        year, week, _day = local.isocalendar()
        return _("week %(week)s of %(year)s") % {"week": week, "year": year}
    if precision == Precision.MONTH:
        return formats.date_format(local, "F Y")
    return formats.date_format(local, "l, j F Y")
