"""How many of each node the synthetic dataset has at a given scale."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Sizes"]


@dataclass(frozen=True)
class Sizes:
    skills: int
    occupations: int
    postings: int
    providers: int
    credentials: int
    people: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        """Counts at ``scale`` (1.0: 14,000 skills, 3,000 occupations, 5,000 job postings, 300
        providers, 10,000 credentials, 100,000 people), each at least 1. Raises ValueError
        unless ``scale`` is a positive finite number."""
        if not math.isfinite(scale) or scale <= 0:
            raise ValueError(f"scale must be a positive number, not {scale}")

        def count(base: int) -> int:
            return max(1, round(base * scale))

        return cls(
            count(14_000), count(3_000), count(5_000), count(300), count(10_000), count(100_000)
        )
