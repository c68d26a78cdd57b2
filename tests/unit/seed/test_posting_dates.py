"""Generated postings are dated over 24 months, and the trends they plant are recovered by
the same computation skillMarket(orderBy: RISING) reads (domain.trends.market_trend)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from skillgraph.domain.trends import MarketTrend, market_trend
from skillgraph.seed import (
    REFERENCE_DATE,
    demo_posting_dates,
    synthetic_dataset,
    synthetic_planted_trends,
)
from skillgraph.seed.dates import add_months
from skillgraph.seed.posting_dates import posting_dates
from skillgraph.store.bulk import Kind
from tests.unit.seed.streams import Stream, demo, esco_ict

START = add_months(REFERENCE_DATE, -24)


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def trend_of(stream: Stream, occupation_skills: dict[str, set[str]]) -> MarketTrend:
    """Recomputed from the rows alone: each posting's own and its occupation's skills."""
    own: dict[str, set[str]] = defaultdict(set)
    for row in stream.rows[Kind.REQUIREMENTS]:
        own[row["roleUri"]].add(row["skillUri"])
    occupation = {r["postingUri"]: r["occupationUri"] for r in stream.rows[Kind.SPECIALIZES]}
    postings = [
        (
            parse(row["postedAt"]),
            frozenset(own[row["uri"]] | occupation_skills.get(occupation[row["uri"]], set())),
        )
        for row in stream.rows[Kind.ROLES]
        if row["kind"] == "JOB_POSTING"
    ]
    return market_trend(postings)


def esco_occupation_skills() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for occupation, skill in esco_ict().requirements:
        found[occupation].add(skill)
    return found


def test_demo_postings_are_dated_over_24_months_in_office_hours() -> None:
    postings = [r for r in demo().rows[Kind.ROLES] if r["kind"] == "JOB_POSTING"]
    for row in postings:
        posted = parse(row["postedAt"])
        assert START <= posted < REFERENCE_DATE
        assert posted.weekday() < 5
        assert 8 <= posted.hour < 18
        if row["closedAt"] is not None:
            assert posted < parse(row["closedAt"]) < REFERENCE_DATE
    months = {parse(r["postedAt"]).strftime("%Y-%m") for r in postings}
    assert len(months) >= 16  # spread over the span, not bunched
    assert any(r["closedAt"] is None for r in postings)
    assert any(r["closedAt"] is not None for r in postings)


def test_the_demo_plants_rising_and_falling_skills_that_are_recovered() -> None:
    esco = esco_ict()
    planted = demo_posting_dates(esco.skills, esco.occupations, esco.requirements)
    trend = trend_of(demo(), esco_occupation_skills())
    assert planted.rising
    assert planted.falling
    for skill in planted.rising:
        assert trend.skills[skill].change >= 0.1, skill
    for skill in planted.falling:
        assert trend.skills[skill].change <= -0.1, skill
    ranked = sorted(trend.skills, key=lambda s: -trend.skills[s].change)
    # Skills co-occurring with a planted one move with it, so the ends are near, not at.
    assert set(ranked[:5]) & set(planted.rising)
    assert set(ranked[-5:]) & set(planted.falling)


@pytest.mark.parametrize("seed", range(1, 9))
def test_planting_survives_other_demo_seeds(seed: int) -> None:
    esco = esco_ict()
    planted = demo_posting_dates(esco.skills, esco.occupations, esco.requirements, seed=seed)
    trend = trend_of(demo(seed), esco_occupation_skills())
    assert planted.rising
    assert planted.falling
    assert all(trend.skills[s].change > 0 for s in planted.rising)
    assert all(trend.skills[s].change < 0 for s in planted.falling)


def test_the_synthetic_dataset_plants_many_of_each_and_they_are_recovered() -> None:
    scale = 0.1
    stream = Stream.of(synthetic_dataset(scale))
    occupation_skills: dict[str, set[str]] = defaultdict(set)
    occupations = {r["uri"] for r in stream.rows[Kind.ROLES] if r["kind"] == "OCCUPATION"}
    for row in stream.rows[Kind.REQUIREMENTS]:
        if row["roleUri"] in occupations:
            occupation_skills[row["roleUri"]].add(row["skillUri"])
    rising, falling = synthetic_planted_trends(scale)
    trend = trend_of(stream, occupation_skills)
    assert len(rising) >= 10
    assert len(falling) >= 10
    assert all(trend.skills[s].change > 0 for s in rising)
    assert all(trend.skills[s].change < 0 for s in falling)
    ranked = sorted(trend.skills, key=lambda s: -trend.skills[s].change)
    assert set(ranked[: len(rising)]) & set(rising)  # the top of RISING is planted
    postings = [r for r in stream.rows[Kind.ROLES] if r["kind"] == "JOB_POSTING"]
    assert all(START <= parse(r["postedAt"]) < REFERENCE_DATE for r in postings)


def test_dates_are_reproducible_and_only_depend_on_their_inputs() -> None:
    sets = [frozenset({"a", "b"}), frozenset({"b"}), frozenset({"c"})] * 10
    first = posting_dates(random.Random(1), sets, REFERENCE_DATE)
    assert first == posting_dates(random.Random(1), sets, REFERENCE_DATE)
    assert first != posting_dates(random.Random(2), sets, REFERENCE_DATE)


def test_without_postings_nothing_is_planted() -> None:
    dates = posting_dates(random.Random(1), [], datetime(2026, 1, 1, tzinfo=UTC))
    assert dates.posted == ()
    assert dates.rising == ()
    assert dates.falling == ()
