"""Dropping credentials that can never do better than another one, before the solver runs."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from decimal import Decimal

from skillgraph.domain.plan_model import Candidate, PlanProblem
from skillgraph.domain.prerequisites import PlanScope

__all__ = ["undominated"]


def _profile(
    c: Candidate, thresholds: Mapping[str, tuple[int, ...]], needs: tuple[tuple[str, int], ...]
) -> tuple[frozenset[tuple[str, int]], frozenset[tuple[str, int]]]:
    """What matters of ``c`` besides its amounts: each level it teaches rounded down to the
    nearest threshold of its skill (below the lowest, nothing), and the prerequisites it
    needs beyond ``held``."""
    teaches = set()
    for s, level in c.teaches.items():
        levels = thresholds.get(s)
        if levels:
            below = bisect_right(levels, level)
            if below:
                teaches.add((s, levels[below - 1]))
    return frozenset(teaches), frozenset(needs)


Amounts = tuple[bool, Decimal, bool, int, int]


def _amounts(c: Candidate, deficit: int) -> Amounts:
    return (c.unpriced, c.price, c.untimed, c.hours_units, deficit)


def _no_dearer(a: Amounts, b: Amounts) -> bool:
    return a[0] <= b[0] and a[1] <= b[1] and a[2] <= b[2] and a[3] <= b[3] and a[4] <= b[4]


def undominated(problem: PlanProblem, scope: PlanScope) -> tuple[str, ...]:
    """``scope.relevant`` without the credentials dominated by another one with the same
    profile, then closed again under relevance; sorted ids.

    A threshold of a skill is a level a coverable target or a prerequisite of a relevant
    credential asks for. Two credentials have the same profile when they reach the same
    thresholds and need the same prerequisites beyond what is held; one dominates the other
    when it is no dearer in any amount (unknown cost, known cost, unknown hours, known
    hours, and with a value preference its value deficit). In any plan, a dominated
    credential can be replaced by its dominator at the same place (or dropped, if the
    dominator is taken already): the plan stays orderable and within the limits, covers the
    same, and no amount of the objective grows. So the best objective value is the same with
    or without it. Of identical credentials the smallest
    id stays. Alternatives must not use this: the k-th best plan may need a dominated one.
    """
    by_id = problem.by_id
    needs = problem.needs
    chosen = [by_id[cid] for cid in scope.relevant]
    levels: dict[str, set[int]] = {}
    for t in scope.coverable:
        levels.setdefault(t.skill_id, set()).add(t.level)
    for c in chosen:
        for s, level in needs[c.credential_id]:
            levels.setdefault(s, set()).add(level)
    thresholds = {s: tuple(sorted(v)) for s, v in levels.items()}
    groups: dict[tuple[frozenset[tuple[str, int]], frozenset[tuple[str, int]]], list[Candidate]]
    groups = {}
    for c in chosen:
        groups.setdefault(_profile(c, thresholds, needs[c.credential_id]), []).append(c)
    preference = problem.options.value

    def amounts(c: Candidate) -> Amounts:
        deficit = preference.deficit_units(c.credential_id) if preference is not None else 0
        return _amounts(c, deficit)

    kept: list[Candidate] = []
    for members in groups.values():
        members.sort(key=lambda c: (amounts(c), c.credential_id))
        front: list[Amounts] = []
        for c in members:
            mine = amounts(c)
            if any(_no_dearer(f, mine) for f in front):
                continue
            front.append(mine)
            kept.append(c)
    return _closed(problem, scope, kept)


def _closed(problem: PlanProblem, scope: PlanScope, kept: list[Candidate]) -> tuple[str, ...]:
    """Those of ``kept`` that cover a coverable target, plus their providers, transitively."""
    ids = {c.credential_id for c in kept}

    def teachers(skill_id: str, level: int) -> list[str]:
        return [
            c.credential_id for c in scope.teachers.of(skill_id, level) if c.credential_id in ids
        ]

    relevant = {cid for t in scope.coverable for cid in teachers(t.skill_id, t.level)}
    needs = problem.needs
    frontier = sorted(relevant)
    while frontier:
        for skill_id, level in needs[frontier.pop()]:
            for pid in teachers(skill_id, level):
                if pid not in relevant:
                    relevant.add(pid)
                    frontier.append(pid)
    return tuple(sorted(relevant))
