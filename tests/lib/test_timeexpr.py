"""Time expressions resolved against a message's timestamp (pure, no database)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kenal.lib.timeexpr import NO_DUE, resolve

JAKARTA = ZoneInfo("Asia/Jakarta")
# Monday 2 March 2026, 09:15 in Jakarta.
MONDAY = datetime(2026, 3, 2, 9, 15, tzinfo=JAKARTA)


def due(text: str, now: datetime = MONDAY, zone: str = "Asia/Jakarta") -> tuple[str | None, str]:
    found = resolve(text, now, zone)
    return found.value, found.precision


def test_besok_jam_1_siang_is_13_00_next_day():
    assert due("besok jam 1 siang") == ("2026-03-03T13:00", "minute")


@pytest.mark.parametrize(
    "text",
    [
        "besok",
        "bsk",
        "tomorrow",
        "tmrw",
        "besok pagi",
        "besok siang",
        "besok sore",
        "besok malam",
        "first thing tomorrow morning",
    ],
)
def test_tomorrow_words_without_clock_are_the_next_day(text):
    assert due(text) == ("2026-03-03", "day")


def test_lusa_is_the_day_after_tomorrow():
    assert due("lusa ya kak") == ("2026-03-04", "day")


@pytest.mark.parametrize(
    "text",
    [
        "hari ini",
        "today",
        "tonight",
        "nanti sore",
        "malam ini",
        "this afternoon",
        "EOD",
        "end of day",
        "akhir hari",
        "COB",
    ],
)
def test_today_words_are_the_same_day(text):
    assert due(text) == ("2026-03-02", "day")


def test_end_of_day_tomorrow_is_tomorrow():
    assert due("by end of day tomorrow") == ("2026-03-03", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jumat", "2026-03-06"),
        ("hari Jumat", "2026-03-06"),
        ("Kamis", "2026-03-05"),
        ("Friday", "2026-03-06"),
        ("on Thursday", "2026-03-05"),
        ("Senin", "2026-03-09"),
        ("Monday", "2026-03-09"),
    ],
)
def test_weekday_is_its_next_occurrence_after_the_message_date(text, expected):
    assert due(text) == (expected, "day")


def test_hari_minggu_is_sunday():
    assert due("hari minggu sy kirim") == ("2026-03-08", "day")


def test_capitalised_minggu_is_sunday():
    assert due("Minggu sy antar ya") == ("2026-03-08", "day")


@pytest.mark.parametrize("text", ["minggu depan", "Minggu depan ya kak", "next week", "pekan depan"])
def test_next_week_is_the_following_iso_week(text):
    assert due(text) == ("2026-W11", "week")


@pytest.mark.parametrize("text", ["minggu ini", "this week"])
def test_this_week_is_the_current_iso_week(text):
    assert due(text) == ("2026-W10", "week")


def test_iso_week_crosses_the_year():
    assert due("next week", datetime(2025, 12, 24, 16, 0, tzinfo=JAKARTA)) == ("2026-W01", "week")


@pytest.mark.parametrize("text", ["bulan depan", "next month"])
def test_next_month_is_a_month(text):
    assert due(text) == ("2026-04", "month")


@pytest.mark.parametrize("text", ["akhir bulan", "end of the month", "akhir bulan ini"])
def test_end_of_month_is_its_last_day(text):
    assert due(text) == ("2026-03-31", "day")


@pytest.mark.parametrize("text", ["tgl 15", "tanggal 15", "the 15th", "paling lambat tanggal 15 bulan ini"])
def test_day_of_month_is_the_next_such_day(text):
    assert due(text) == ("2026-03-15", "day")


def test_day_of_month_already_passed_rolls_to_next_month():
    assert due("tgl 1") == ("2026-04-01", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dalam 1 jam", "2026-03-02T10:15"),
        ("within 30 minutes", "2026-03-02T09:45"),
        ("in 2 hours", "2026-03-02T11:15"),
        ("setengah jam lagi", "2026-03-02T09:45"),
        ("30 menit lagi", "2026-03-02T09:45"),
        ("sejam lagi", "2026-03-02T10:15"),
        ("in half an hour", "2026-03-02T09:45"),
    ],
)
def test_within_a_duration_is_the_message_time_plus_it(text, expected):
    assert due(text) == (expected, "minute")


def test_duration_crosses_midnight():
    late = datetime(2026, 9, 7, 23, 35, tzinfo=JAKARTA)
    assert due("Dalam 1 jam sy kirim", late) == ("2026-09-08T00:35", "minute")


def test_in_days_is_a_day():
    assert due("2 hari lagi") == ("2026-03-04", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jam 3 sore", "2026-03-02T15:00"),
        ("jam 8 malam", "2026-03-02T20:00"),
        ("jam 9 pagi", "2026-03-03T09:00"),
        ("13.00 WIB", "2026-03-02T13:00"),
        ("1 PM the latest", "2026-03-02T13:00"),
        ("10am", "2026-03-02T10:00"),
        ("pukul 14:30", "2026-03-02T14:30"),
        ("by 5 PM today", "2026-03-02T17:00"),
        ("at noon", "2026-03-02T12:00"),
    ],
)
def test_clock_times_on_the_message_day(text, expected):
    assert due(text) == (expected, "minute")


def test_jam_10_without_am_pm_is_business_hours_morning():
    assert due("jam 10") == ("2026-03-02T10:00", "minute")


def test_jam_3_without_am_pm_is_business_hours_afternoon():
    assert due("jam 3") == ("2026-03-02T15:00", "minute")


def test_bare_hour_already_passed_in_the_morning_means_the_evening():
    assert due("jam 8", datetime(2026, 3, 2, 17, 0, tzinfo=JAKARTA)) == ("2026-03-02T20:00", "minute")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow at 1 PM the latest", "2026-03-03T13:00"),
        ("Kamis jam 2 siang", "2026-03-05T14:00"),
        ("Thursday by noon", "2026-03-05T12:00"),
        ("on Monday at 10:00", "2026-03-09T10:00"),
        ("lusa pukul 09.00 WIB", "2026-03-04T09:00"),
        ("bsk jam 10 pagi", "2026-03-03T10:00"),
    ],
)
def test_day_and_clock_combine(text, expected):
    assert due(text) == (expected, "minute")


def test_zone_suffix_converts_to_the_thread_zone():
    makassar = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    assert due("besok pukul 13.00 WIB", makassar, "Asia/Makassar") == ("2026-03-03T14:00", "minute")
    assert due("besok pukul 10.00 WITA", makassar, "Asia/Makassar") == ("2026-03-03T10:00", "minute")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Maret", "2026-03-03"),
        ("15/3", "2026-03-15"),
        ("March 3", "2026-03-03"),
        ("3rd of April", "2026-04-03"),
        ("2026-05-01", "2026-05-01"),
        ("1 Februari", "2027-02-01"),
    ],
)
def test_explicit_dates(text, expected):
    assert due(text) == (expected, "day")


def test_numeric_date_with_year_falls_back_to_dateparser():
    assert due("12.03.2026") == ("2026-03-12", "day")


def test_early_month_name_is_a_month():
    assert due("early January") == ("2027-01", "month")


@pytest.mark.parametrize(
    "text",
    ["kemarin", "Rp 15.000", "halo kak", "jam berapa ya?", "besok2 aja", "Selamat pagi Bu", "ASAP", "segera"],
)
def test_no_time_expression_gives_no_due(text):
    assert resolve(text, MONDAY, "Asia/Jakarta") == NO_DUE


def test_minute_due_is_stored_at_that_local_time():
    found = resolve("besok jam 1 siang", MONDAY, "Asia/Jakarta")
    assert found.at == datetime(2026, 3, 3, 13, 0, tzinfo=JAKARTA) and not found.vague


def test_day_due_is_stored_at_the_end_of_the_day():
    found = resolve("besok", MONDAY, "Asia/Jakarta")
    assert found.at == datetime(2026, 3, 3, 23, 59, tzinfo=JAKARTA) and found.vague


def test_week_due_is_stored_on_the_friday():
    assert resolve("minggu depan", MONDAY, "Asia/Jakarta").at == datetime(2026, 3, 13, 23, 59, tzinfo=JAKARTA)


FUTURE_WORDS = [
    "besok",
    "lusa",
    "Jumat",
    "minggu depan",
    "bulan depan",
    "akhir bulan",
    "tgl 15",
    "jam 3 sore",
    "dalam 2 jam",
    "next week",
    "tomorrow at 10am",
    "EOD",
    "Senin jam 9",
    "the 20th",
    "15/8",
    "hari Minggu",
    "pukul 13.00 WIB",
    "in 45 minutes",
    "next month",
    "end of the month",
]


@settings(max_examples=300, deadline=None)
@given(
    when=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    phrase=st.sampled_from(FUTURE_WORDS),
    zone=st.sampled_from(
        ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Oslo", "Australia/Sydney"]
    ),
)
def test_future_expressions_never_resolve_before_the_message_date(when, phrase, zone):
    now = when.replace(tzinfo=ZoneInfo(zone))
    found = resolve(phrase, now, zone)
    assert found.at is not None
    assert found.at >= now - timedelta(days=6)  # a week due may start before today but ends after it
    if found.precision in ("day", "minute"):
        assert found.at.date() >= now.date()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80),
    when=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
)
def test_resolver_never_raises(text, when):
    resolve(text, when.replace(tzinfo=JAKARTA), "Asia/Jakarta")
