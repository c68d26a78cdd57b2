"""Demand over time: how many job postings required a skill per month or quarter.

A posting counts in the period of its ``postedAt`` (its creation time when it has none),
whether or not it is still open. Periods are calendar months or quarters in UTC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "MAX_PERIODS",
    "TREND_MONTHS",
    "Interval",
    "MarketTrend",
    "SkillTrend",
    "Trend",
    "TrendPoint",
    "bounds",
    "market_trend",
    "period_start",
    "periods",
    "trend",
]

MAX_PERIODS = 120
TREND_MONTHS = 12


class Interval(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"

    @property
    def months(self) -> int:
        return 1 if self is Interval.MONTH else 3


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _from_index(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _day(moment: date | datetime) -> date:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.date()
    return moment


def period_start(moment: date | datetime, interval: Interval) -> date:
    """The first day of the month or quarter holding ``moment`` (UTC)."""
    index = _month_index(_day(moment))
    return _from_index(index - index % interval.months)


def periods(start: date, end: date, interval: Interval) -> list[date]:
    """The starts of every period from the one holding ``start`` to the one holding ``end``.
    Raises ValueError when ``end`` is before ``start`` or there would be more than
    MAX_PERIODS."""
    if end < start:
        raise ValueError("`to` must not be before `from`")
    first = _month_index(period_start(start, interval))
    last = _month_index(period_start(end, interval))
    count = (last - first) // interval.months + 1
    if count > MAX_PERIODS:
        raise ValueError(f"at most {MAX_PERIODS} periods; use a shorter range or QUARTER")
    return [_from_index(first + k * interval.months) for k in range(count)]


@dataclass(frozen=True)
class TrendPoint:
    """``postings`` requiring the skill posted in [start, next start); ``total`` postings
    posted then; ``share`` = postings / total (None when total is 0)."""

    start: date
    postings: int
    total: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.postings, self.total) if self.total else None


@dataclass(frozen=True)
class Trend:
    """``change``: postings in the last period minus the first; ``slope``: least-squares
    slope of postings per period over the series (0 for a single period)."""

    interval: Interval
    points: tuple[TrendPoint, ...]

    @property
    def postings(self) -> int:
        return sum(p.postings for p in self.points)

    @property
    def change(self) -> int:
        return self.points[-1].postings - self.points[0].postings if self.points else 0

    @property
    def slope(self) -> Fraction:
        n = len(self.points)
        if n < 2:
            return Fraction(0)
        mean_x = Fraction(n - 1, 2)
        mean_y = Fraction(self.postings, n)
        num = sum((i - mean_x) * (p.postings - mean_y) for i, p in enumerate(self.points))
        den = sum((i - mean_x) ** 2 for i in range(n))
        return Fraction(num) / den


def trend(
    required: Mapping[date, int],
    everything: Mapping[date, int],
    start: date,
    end: date,
    interval: Interval,
) -> Trend:
    """The series from the period holding ``start`` to the one holding ``end``: ``required``
    counts postings requiring the skill and ``everything`` all postings, by period start
    (periods outside the range are ignored). ValueError as :func:`periods`."""
    return Trend(
        interval,
        tuple(
            TrendPoint(s, required.get(s, 0), everything.get(s, 0))
            for s in periods(start, end, interval)
        ),
    )


def bounds(start: date, end: date, interval: Interval) -> tuple[datetime, datetime]:
    """The UTC instants [first period's start, the day after the last period's end)."""
    starts = periods(start, end, interval)
    after = _from_index(_month_index(starts[-1]) + interval.months)
    return (
        datetime.combine(starts[0], datetime.min.time(), tzinfo=UTC),
        datetime.combine(after, datetime.min.time(), tzinfo=UTC),
    )


@dataclass(frozen=True)
class SkillTrend:
    """Postings requiring the skill in the recent and the previous window, and the change
    of its share of postings: recent / all recent postings - previous / all previous
    postings (a share with no postings is 0). In -1..1."""

    recent: int
    previous: int
    change: Fraction


@dataclass(frozen=True)
class MarketTrend:
    """Two windows of ``TREND_MONTHS`` months: previous [start, split), recent [split, end),
    where ``end`` is the first day after the month of the latest posting. ``skills`` has
    every skill some posting in either window requires."""

    start: date | None
    split: date | None
    end: date | None
    recent_postings: int
    previous_postings: int
    skills: Mapping[str, SkillTrend]


def market_trend(postings: Sequence[tuple[datetime, frozenset[str]]]) -> MarketTrend:
    """The market's rising and falling skills from (posted at, required skill ids) of every
    posting, open or closed."""
    if not postings:
        return MarketTrend(None, None, None, 0, 0, {})
    latest = max(_month_index(_day(at)) for at, _ in postings)
    end = latest + 1
    split, start = end - TREND_MONTHS, end - 2 * TREND_MONTHS
    recent: Counter[str] = Counter()
    previous: Counter[str] = Counter()
    n_recent = n_previous = 0
    for at, required in postings:
        month = _month_index(_day(at))
        if split <= month < end:
            n_recent += 1
            recent.update(required)
        elif start <= month < split:
            n_previous += 1
            previous.update(required)

    def share(count: int, total: int) -> Fraction:
        return Fraction(count, total) if total else Fraction(0)

    skills = {
        s: SkillTrend(
            recent[s],
            previous[s],
            share(recent[s], n_recent) - share(previous[s], n_previous),
        )
        for s in recent.keys() | previous.keys()
    }
    return MarketTrend(
        _from_index(start), _from_index(split), _from_index(end), n_recent, n_previous, skills
    )
