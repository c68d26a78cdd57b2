"""Which credentials can ever be taken, and which targets they can reach.

A credential is obtainable when every prerequisite is held or taught by a credential that is
itself obtainable earlier; cycles never make anything obtainable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from skillgraph.domain.plan_model import Candidate, PlanProblem, Target

__all__ = [
    "PlanScope",
    "availability_ranks",
    "plan_scope",
    "satisfied",
    "unmet_prerequisites",
]


def satisfied(candidate: Candidate, levels: Mapping[str, int]) -> bool:
    """Every prerequisite of ``candidate`` is met by ``levels`` (skill id -> level)."""
    return all(levels.get(s, 0) >= level for s, level in candidate.requires.items())


def unmet_prerequisites(
    candidate: Candidate, levels: Mapping[str, int]
) -> tuple[tuple[str, int], ...]:
    """Prerequisites ``levels`` does not meet, as (skill id, level), by skill id."""
    return tuple((s, lv) for s, lv in candidate.requires.items() if levels.get(s, 0) < lv)


def _raise(levels: dict[str, int], candidate: Candidate) -> None:
    for skill_id, level in candidate.teaches.items():
        if levels.get(skill_id, 0) < level:
            levels[skill_id] = level


def availability_ranks(held: Mapping[str, int], candidates: Iterable[Candidate]) -> dict[str, int]:
    """Obtainable credential id -> round in which it becomes obtainable.

    Round 0: prerequisites all held. Round r: prerequisites met by ``held`` plus what rounds
    < r teach. So each prerequisite of a round-r credential that ``held`` does not meet is
    taught at its level by some credential of a lower round. Unobtainable ids are absent.
    """
    remaining = sorted(candidates, key=lambda c: c.credential_id)
    levels = dict(held)
    ranks: dict[str, int] = {}
    rank = 0
    while True:
        ready = [c for c in remaining if satisfied(c, levels)]
        if not ready:
            return ranks
        for candidate in ready:
            ranks[candidate.credential_id] = rank
            _raise(levels, candidate)
        remaining = [c for c in remaining if c.credential_id not in ranks]
        rank += 1


@dataclass(frozen=True)
class PlanScope:
    """``coverable``/``uncoverable`` split the targets (both by skill id).
    ``relevant``: obtainable credentials that cover a coverable target, plus, transitively,
    every obtainable credential teaching a prerequisite of a relevant one (by id)."""

    ranks: Mapping[str, int]
    coverable: tuple[Target, ...]
    uncoverable: tuple[str, ...]
    relevant: tuple[str, ...]


def plan_scope(problem: PlanProblem) -> PlanScope:
    ranks = availability_ranks(problem.held, problem.candidates)
    obtainable = [c for c in problem.candidates if c.credential_id in ranks]
    coverable: list[Target] = []
    uncoverable: list[str] = []
    relevant: set[str] = set()
    for target in problem.targets:
        covering = [c for c in obtainable if c.teaches_at_least(target.skill_id, target.level)]
        if covering:
            coverable.append(target)
            relevant.update(c.credential_id for c in covering)
        else:
            uncoverable.append(target.skill_id)
    frontier = sorted(relevant)
    by_id = problem.by_id
    while frontier:
        candidate = by_id[frontier.pop()]
        for skill_id, level in unmet_prerequisites(candidate, problem.held):
            for provider in obtainable:
                pid = provider.credential_id
                if pid not in relevant and provider.teaches_at_least(skill_id, level):
                    relevant.add(pid)
                    frontier.append(pid)
    return PlanScope(
        ranks=ranks,
        coverable=tuple(coverable),
        uncoverable=tuple(uncoverable),
        relevant=tuple(sorted(relevant)),
    )
