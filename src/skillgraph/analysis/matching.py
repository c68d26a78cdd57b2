"""Matching people to roles and roles to people, on the gap's definition of "met".

Ranking candidates for a role runs in Cypher (match/_scores.cypher) so it never loads every
person; it applies the same rule as ``domain.gap.meets`` (held level >= required level, over
the required skill and, with matchNarrower, its narrower skills). The explanation of each
returned candidate (met/missing) comes from ``domain.gap.evaluate_gap`` itself, and a test
checks on random graphs that both agree. Roles for a person are bounded by the catalogue, so
they are judged in Python with ``evaluate_gap`` directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from skillgraph.analysis.gap import GapInputs, held_from, requirements_from
from skillgraph.domain.gap import Gap, GapOptions, Requirement, evaluate_gap
from skillgraph.domain.plan_model import to_units
from skillgraph.model.enums import Importance
from skillgraph.store.database import Record

__all__ = ["MatchOptions", "RoleMatch", "match_requirements", "min_units", "rank_roles"]


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
    """The least covered weight (millionths) that reaches ``min_coverage`` of the total."""
    exact = Decimal(repr(float(min_coverage))) * total_units
    return max(0, math.ceil(exact))


@dataclass(frozen=True)
class RoleMatch:
    role_id: str
    gap: Gap
    skills: dict[str, Any]


async def rank_roles(
    inputs: GapInputs,
    person_id: str,
    role_ids: Sequence[str],
    requirement_rows: Sequence[list[Record]],
    options: GapOptions,
    as_of: datetime,
    min_coverage: float,
) -> list[RoleMatch]:
    """Every role judged with ``evaluate_gap``, at least ``min_coverage``, best first:
    coverage, then essential coverage (both descending), then role id."""
    held = held_from(await inputs.evidence(person_id), as_of)
    matches = []
    for role_id, rows in zip(role_ids, requirement_rows, strict=True):
        requirements = requirements_from(rows)
        if not requirements:
            continue
        gap = evaluate_gap(requirements, held, options)
        if gap.coverage + 1e-12 < min_coverage:
            continue
        skills = {row["skill"]["id"]: row["skill"] for row in rows}
        matches.append(RoleMatch(role_id, gap, skills))
    return sorted(matches, key=lambda m: (-m.gap.coverage, -m.gap.essential_coverage, m.role_id))
