"""Grouping texts into model batches: least padding plus per-run cost, against every\ngrouping."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from skillgraph.extraction.batching import batches, cost


def partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every way to split ``items`` into groups."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for split in partitions(rest):
        yield [[first], *split]
        for i in range(len(split)):
            yield [*split[:i], [first, *split[i]], *split[i + 1 :]]


def brute_force(lengths: list[int], overhead: int, limit: int) -> int:
    """The least cost over every grouping of the texts."""
    return min(
        cost(lengths, groups, overhead)
        for groups in partitions(list(range(len(lengths))))
        if all(len(g) <= limit for g in groups)
    )


@given(
    st.lists(st.integers(1, 60), min_size=1, max_size=7),
    st.integers(0, 20),
    st.integers(1, 4),
)
def test_least_cost_and_every_text_once(lengths: list[int], overhead: int, limit: int) -> None:
    groups = batches(lengths, overhead, limit)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    assert all(1 <= len(g) <= limit for g in groups)
    assert cost(lengths, groups, overhead) == brute_force(lengths, overhead, limit)


def test_similar_lengths_share_a_batch_and_outliers_run_alone() -> None:
    lengths = [10, 11, 12, 10, 60]
    assert batches(lengths, overhead=8) == [[0, 3, 1, 2], [4]]


def test_nothing_to_run() -> None:
    assert batches([]) == []
