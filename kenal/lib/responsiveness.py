"""Reply times from a stream of messages: turns, medians, p90 and working-hours durations. No models."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# Only these kinds count: system lines, media-only and deleted messages say nothing about replying.
COUNTED_KINDS = frozenset({"text"})
DEFAULT_SILENCE = timedelta(hours=24)


@dataclass(frozen=True)
class WorkingHours:
    """When the workspace works: a zone, daily hours, ISO weekdays, and Indonesian public holidays."""

    tz: ZoneInfo = ZoneInfo("Asia/Jakarta")
    start: time = time(9, 0)
    end: time = time(17, 0)
    days: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    country_holidays: bool = True

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() in self.days and not (self.country_holidays and day in _indonesia(day.year))

    def seconds_between(self, start: datetime, end: datetime) -> float:
        """Working seconds in [start, end]; zero when end is not after start."""
        if end <= start:
            return 0.0
        local_start, local_end = start.astimezone(self.tz), end.astimezone(self.tz)
        total = 0.0
        day = local_start.date()
        last_day = local_end.date()
        while day <= last_day:
            if self.is_working_day(day):
                opens = datetime.combine(day, self.start, tzinfo=self.tz)
                closes = datetime.combine(day, self.end, tzinfo=self.tz)
                overlap = (min(closes, local_end) - max(opens, local_start)).total_seconds()
                if overlap > 0:
                    total += overlap
            day += timedelta(days=1)
        return total


@lru_cache(maxsize=64)
def _indonesia(year: int):
    return holidays.Indonesia(years=year)


@dataclass(frozen=True)
class Reply:
    """One answered turn: who answered, when, and how long it took on the clock and in working hours."""

    conversation_id: int
    side: str  # "me" or "them": who replied
    at: datetime
    seconds: float
    working_seconds: float


@dataclass(frozen=True)
class Start:
    """Who opened a conversation, or spoke first after a long silence."""

    conversation_id: int
    side: str
    at: datetime


@dataclass(frozen=True)
class Waiting:
    """An unanswered turn from the other side: the first message of it and how long it has waited."""

    conversation_id: int
    message_id: int
    at: datetime
    seconds: float
    working_seconds: float


@dataclass
class Analysis:
    replies: list[Reply] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=lambda: {"me": 0, "them": 0})
    start_events: list[Start] = field(default_factory=list)
    open_turns: dict[int, tuple[str, int, datetime]] = field(
        default_factory=dict
    )  # last turn per conversation


def analyse(rows: Iterable[tuple], *, hours: WorkingHours, silence: timedelta = DEFAULT_SILENCE) -> Analysis:
    """Walk (conversation_id, message_id, at, direction, kind) rows ordered by conversation then time."""
    result = Analysis()
    current = None
    turn_side = turn_message = turn_start = last_at = None
    for conversation_id, message_id, at, side, kind in rows:
        if kind not in COUNTED_KINDS:
            continue
        if conversation_id != current or at - last_at > silence:
            # A new conversation, or a long silence: whoever speaks now starts it; nothing is timed.
            current = conversation_id
            result.starts[side] = result.starts.get(side, 0) + 1
            result.start_events.append(Start(conversation_id, side, at))
            turn_side, turn_message, turn_start = side, message_id, at
        elif side != turn_side:
            # A reply is timed from the first message of the turn it answers.
            result.replies.append(
                Reply(
                    conversation_id,
                    side,
                    at,
                    (at - turn_start).total_seconds(),
                    hours.seconds_between(turn_start, at),
                )
            )
            turn_side, turn_message, turn_start = side, message_id, at
        last_at = at
        result.open_turns[conversation_id] = (turn_side, turn_message, turn_start)
    return result


def waiting(analysis: Analysis, *, now: datetime, hours: WorkingHours, side: str = "them") -> list[Waiting]:
    """Unanswered turns from `side`, oldest first, with their wait on the clock and in working hours."""
    found = [
        Waiting(
            conversation_id,
            message_id,
            start,
            (now - start).total_seconds(),
            hours.seconds_between(start, now),
        )
        for conversation_id, (turn_side, message_id, start) in analysis.open_turns.items()
        if turn_side == side
    ]
    found.sort(key=lambda item: item.at)
    return found


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile of values (sorted or not); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summary(replies: list[Reply], *, side: str) -> dict:
    """Median and p90 of one side's replies, on the clock and in working hours (seconds)."""
    wall = [reply.seconds for reply in replies if reply.side == side]
    work = [reply.working_seconds for reply in replies if reply.side == side]
    return {
        "count": len(wall),
        "median_seconds": median(wall),
        "p90_seconds": percentile(wall, 0.9),
        "median_working_seconds": median(work),
        "p90_working_seconds": percentile(work, 0.9),
    }


def monthly(replies: list[Reply], *, side: str, tz: ZoneInfo) -> list[dict]:
    """Month-by-month median reply time of one side, oldest month first."""
    months: dict[str, list[Reply]] = defaultdict(list)
    for reply in replies:
        if reply.side == side:
            months[reply.at.astimezone(tz).strftime("%Y-%m")].append(reply)
    return [
        {
            "month": month,
            "count": len(items),
            "median_seconds": median([item.seconds for item in items]),
            "median_working_seconds": median([item.working_seconds for item in items]),
        }
        for month, items in sorted(months.items())
    ]


def sparkline_points(values: list[float | None], *, width: int = 160, height: int = 40) -> str:
    """SVG polyline points for a small trend chart; gaps (None) are skipped."""
    known = [value for value in values if value is not None]
    if not known:
        return ""
    top = max(known) or 1.0
    step = width / max(1, len(values) - 1)
    points = []
    for index, value in enumerate(values):
        if value is None:
            continue
        y = height - 2 - (value / top) * (height - 4)
        points.append(f"{index * step:.1f},{y:.1f}")
    return " ".join(points)
