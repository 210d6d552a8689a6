from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kenal.lib.responsiveness import WorkingHours, analyse, median, percentile, waiting

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=JAKARTA)


def test_working_seconds_skip_nights_weekends_and_holidays():
    hours = WorkingHours()
    assert hours.seconds_between(at(2, 16), at(3, 10)) == 2 * 3600
    assert hours.seconds_between(at(6, 16), at(9, 10)) == 2 * 3600  # Friday to Monday
    # Nyepi 2026 falls on Thursday 19 March.
    assert hours.seconds_between(at(18, 16), at(20, 10)) == 2 * 3600


def test_a_reply_is_timed_from_the_first_message_of_the_turn():
    rows = [
        (1, 1, at(2, 9), "them", "text"),
        (1, 2, at(2, 9, 30), "them", "text"),
        (1, 3, at(2, 10), "me", "text"),
    ]
    result = analyse(rows, hours=WorkingHours())
    assert [reply.seconds for reply in result.replies] == [3600]


def test_a_long_silence_starts_a_new_conversation_and_media_does_not_count():
    rows = [
        (1, 1, at(2, 9), "them", "text"),
        (1, 2, at(2, 9, 5), "me", "media"),
        (1, 3, at(4, 9), "me", "text"),
    ]
    result = analyse(rows, hours=WorkingHours(), silence=timedelta(hours=24))
    assert result.replies == []
    assert result.starts == {"me": 1, "them": 1}
    assert waiting(result, now=at(4, 12), hours=WorkingHours()) == []


def test_percentiles():
    assert median([1, 3, 2, 4]) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert median([]) is None
