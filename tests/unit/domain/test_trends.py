from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction as F

import pytest

from skillgraph.domain.trends import (
    MAX_PERIODS,
    Interval,
    bounds,
    market_trend,
    period_start,
    periods,
    trend,
)


def test_periods_are_calendar_months_or_quarters_covering_both_ends() -> None:
    assert periods(date(2025, 1, 31), date(2025, 3, 1), Interval.MONTH) == [
        date(2025, 1, 1),
        date(2025, 2, 1),
        date(2025, 3, 1),
    ]
    assert periods(date(2024, 11, 5), date(2025, 4, 1), Interval.QUARTER) == [
        date(2024, 10, 1),
        date(2025, 1, 1),
        date(2025, 4, 1),
    ]


def test_period_start_reads_instants_in_utc() -> None:
    late = datetime(2025, 1, 31, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    assert period_start(late, Interval.MONTH) == date(2025, 2, 1)
    assert period_start(date(2025, 8, 9), Interval.QUARTER) == date(2025, 7, 1)


def test_bounds_run_to_the_day_after_the_last_period() -> None:
    assert bounds(date(2025, 2, 10), date(2025, 12, 3), Interval.QUARTER) == (
        datetime(2025, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_a_reversed_or_too_long_range_is_refused() -> None:
    with pytest.raises(ValueError, match="before"):
        periods(date(2025, 2, 1), date(2025, 1, 1), Interval.MONTH)
    with pytest.raises(ValueError, match=str(MAX_PERIODS)):
        periods(date(2000, 1, 1), date(2010, 1, 1), Interval.MONTH)
    assert len(periods(date(2000, 1, 1), date(2010, 1, 1), Interval.QUARTER)) == 41


def test_a_trend_fills_empty_periods_and_gives_change_and_slope() -> None:
    months = [date(2025, m, 1) for m in (1, 2, 3, 4)]
    series = trend(
        {months[0]: 1, months[2]: 3, months[3]: 4, date(2024, 12, 1): 9},
        {months[0]: 2, months[1]: 5, months[2]: 3, months[3]: 8},
        date(2025, 1, 15),
        date(2025, 4, 2),
        Interval.MONTH,
    )
    assert [(p.start, p.postings, p.total) for p in series.points] == [
        (months[0], 1, 2),
        (months[1], 0, 5),
        (months[2], 3, 3),
        (months[3], 4, 8),
    ]
    assert [p.share for p in series.points] == [F(1, 2), F(0), F(1), F(1, 2)]
    assert series.postings == 8
    assert series.change == 3
    # dx = -3/2, -1/2, 1/2, 3/2; dy = -1, -2, 1, 2: sum dx*dy = 6, sum dx^2 = 5
    assert series.slope == F(6, 5)
    single = trend({}, {}, date(2025, 1, 1), date(2025, 1, 1), Interval.MONTH)
    assert single.slope == 0
    assert single.points[0].share is None


def test_the_market_trend_compares_the_latest_twelve_months_with_the_twelve_before() -> None:
    def at(year: int, month: int) -> datetime:
        return datetime(year, month, 10, 12, tzinfo=UTC)

    postings = [
        (at(2024, 3), frozenset({"old", "both"})),
        (at(2024, 6), frozenset({"old"})),
        (at(2025, 1), frozenset({"both"})),  # the latest month is Feb 2025: recent from Mar 2024
        (at(2025, 2), frozenset({"new"})),
        (at(2023, 5), frozenset({"old"})),  # in the previous window [Mar 2023, Mar 2024)
        (at(2023, 2), frozenset({"ancient"})),  # outside both
    ]
    market = market_trend(postings)
    assert (market.start, market.split, market.end) == (
        date(2023, 3, 1),
        date(2024, 3, 1),
        date(2025, 3, 1),
    )
    assert (market.recent_postings, market.previous_postings) == (4, 1)
    assert market.skills["new"].change == F(1, 4)
    assert market.skills["old"].change == F(2, 4) - F(1)
    assert (market.skills["both"].recent, market.skills["both"].change) == (2, F(1, 2))
    assert "ancient" not in market.skills
    assert market_trend([]).skills == {}
