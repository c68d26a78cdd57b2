"""Exact shares instead of random ones, so that small demo sets still show every value."""

from __future__ import annotations

import random
from typing import TypeVar

__all__ = ["quota"]

T = TypeVar("T")


def quota(rng: random.Random, shares: dict[T, int], total: int) -> list[T]:
    """``total`` values in proportion to ``shares`` (the largest shares absorb rounding),
    shuffled."""
    weight = sum(shares.values())
    counts = {value: total * share // weight for value, share in shares.items()}
    for value in sorted(shares, key=lambda v: -shares[v])[: total - sum(counts.values())]:
        counts[value] += 1
    values = [value for value, count in counts.items() for _ in range(count)]
    rng.shuffle(values)
    return values
