"""Matching people to roles and roles to people, on the gap's definition of "met".

Ranking candidates for a role runs in Cypher (match/_scores.cypher) so it never loads every
person; it applies the same rule as ``domain.gap.meets`` (held level >= required level, over
the required skill and, with matchNarrower, its narrower skills). The explanation of each
returned candidate (met/missing) comes from ``domain.gap.evaluate_gap`` itself, and a test
checks on random graphs that both agree. Roles for a person are ranked the same way in
Cypher (match/_role_scores.cypher), over the held levels the domain computed, and each role on
the returned page is explained by ``evaluate_gap``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from skillgraph.domain.gap import GapOptions, Requirement
from skillgraph.domain.plan_model import to_units
from skillgraph.model.enums import Importance

__all__ = ["MatchOptions", "match_requirements", "min_units"]


@dataclass(frozen=True)
class MatchOptions:
    gap: GapOptions
    as_of: datetime
    require_verified: bool = False
    min_coverage: float = 0.0


def match_requirements(
    requirements: Sequence[Requirement],
    narrower: Mapping[str, frozenset[str]],
    options: GapOptions,
) -> tuple[list[dict[str, Any]], int, int]:
    """The requirement rows the Cypher ranking takes, the total weight in millionths, and
    the number of ESSENTIAL requirements."""
    rows: list[dict[str, Any]] = []
    total = 0
    for r in requirements:
        skills = [r.skill_id]
        if options.match_narrower:
            skills += sorted(narrower.get(r.skill_id, frozenset()))
        units = to_units(options.weight_of(r.importance))
        total += units
        rows.append(
            {
                "skills": skills,
                "level": r.level,
                "units": units,
                "essential": r.importance is Importance.ESSENTIAL,
            }
        )
    essential = sum(1 for r in requirements if r.importance is Importance.ESSENTIAL)
    return rows, total, essential


def min_units(min_coverage: float, total_units: int) -> int:
    """The least covered weight (millionths) whose coverage reaches ``min_coverage``.

    Coverage is compared as the API reports it: the float ``covered / total``, so a candidate
    whose reported coverage equals ``min_coverage`` is kept (rolesForPerson compares the same
    float in Cypher). ``total_units`` > 0."""
    units = max(0, math.ceil(Decimal(min_coverage) * total_units))
    # The exact threshold is at most one unit off the float comparison, either way.
    while units > 0 and (units - 1) / total_units >= min_coverage:
        units -= 1
    while units <= total_units and units / total_units < min_coverage:
        units += 1
    return units
