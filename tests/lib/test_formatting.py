"""One helper per kind of value, in Indonesian and English."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kenal.lib import formatting


@pytest.mark.parametrize(
    ("seconds", "indonesian", "english"),
    [
        (45, "45 detik", "45 seconds"),
        (26 * 60, "26 menit", "26 minutes"),
        (3.7 * 3600, "3,7 jam", "3.7 hours"),
        (5 * 3600, "5 jam", "5 hours"),
        (2.5 * 86400, "2,5 hari", "2.5 days"),
        (None, "–", "–"),
    ],
)
def test_durations_read_in_the_users_language(seconds, indonesian, english):
    assert formatting.duration(seconds, "id") == indonesian
    assert formatting.duration(seconds, "en") == english


def test_money_is_rupiah_in_indonesian_and_the_code_in_english():
    assert formatting.money(Decimal("25500000"), "IDR", "id") == "Rp 25.500.000"
    assert formatting.money(Decimal("25500000"), "IDR", "en") == "IDR 25,500,000"
    assert formatting.money(Decimal("1250.50"), "USD", "id") == "USD 1.250,50"
    assert formatting.money(None, "IDR", "id") == ""


def test_dates_spell_the_day_and_month():
    assert formatting.long_date(date(2026, 3, 3), "id") == "Selasa, 3 Maret 2026"
    assert formatting.long_date(date(2026, 3, 3), "en") == "Tuesday, 3 March 2026"
    moment = datetime(2026, 12, 2, 9, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert formatting.short_date(moment, "id") == "2 Des 2026 09.15"
    assert formatting.short_date(moment, "en") == "2 Dec 2026 09:15"


def test_a_birthday_without_a_year_is_a_day_and_a_month():
    assert formatting.birthday(None, 3, 14, "id") == "14 Maret"
    assert formatting.birthday(None, 2, 29, "en") == "29 February"
    assert formatting.birthday(1985, 3, 14, "id") == "14 Maret 1985"
    assert formatting.birthday(None, None, 14, "id") == ""


def test_numbers_group_thousands_the_local_way():
    assert formatting.number(12345, "id") == "12.345"
    assert formatting.number(12345, "en") == "12,345"
    assert formatting.number(3.75, "id", 1) == "3,8"


def test_a_month_of_figures_reads_as_a_month_not_a_key():
    from kenal.lib.formatting import month_year

    assert month_year("2026-03", "id") == "Maret 2026"
    assert month_year("2026-03", "en") == "March 2026"
