"""Scoring a set of chosen credentials and turning it into a PlanResult."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from skillgraph.domain.ordering import build_steps, order_steps
from skillgraph.domain.plan_model import UNITS, Objective, PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope

__all__ = ["Score", "build_result", "score_selection", "within_limits"]

ObjectiveKey = tuple[int | Decimal, ...]


@dataclass(frozen=True)
class Score:
    """Totals of a selection; weights and hours in millionths (``UNITS``). ``cost`` and
    ``hours_units`` add the known amounts; ``unpriced``/``untimed`` count the unknown ones."""

    covered: frozenset[tuple[str, int]]
    weight_units: int
    cost: Decimal
    hours_units: int
    count: int
    unpriced: int = 0
    untimed: int = 0

    def key(self, objective: Objective) -> ObjectiveKey:
        """The lexicographic objective, smaller is better (see ``Objective``)."""
        cost = (self.unpriced, self.cost)
        hours = (self.untimed, self.hours_units)
        if objective is Objective.COST:
            return (-self.weight_units, *cost, *hours, self.count)
        if objective is Objective.HOURS:
            return (-self.weight_units, *hours, *cost, self.count)
        return (-self.weight_units, self.count, *cost, *hours)


def score_selection(problem: PlanProblem, selected: Iterable[str]) -> Score:
    """Totals of ``selected`` (assumed orderable); ``covered`` holds target keys."""
    by_id = problem.by_id
    chosen = [by_id[credential_id] for credential_id in sorted(set(selected))]
    best: dict[str, int] = {}
    for candidate in chosen:
        for skill_id, level in candidate.teaches.items():
            best[skill_id] = max(best.get(skill_id, 0), level)
    covered = frozenset(t.key for t in problem.targets if best.get(t.skill_id, 0) >= t.level)
    return Score(
        covered=covered,
        weight_units=sum(t.weight_units for t in problem.targets if t.key in covered),
        cost=sum((c.price for c in chosen), Decimal(0)),
        hours_units=sum(c.hours_units for c in chosen),
        count=len(chosen),
        unpriced=sum(c.unpriced for c in chosen),
        untimed=sum(c.untimed for c in chosen),
    )


def within_limits(problem: PlanProblem, score: Score) -> bool:
    """Within maxCost and maxHours; an unknown amount never fits a limit."""
    options = problem.options
    if options.max_cost is not None and (score.unpriced or score.cost > options.max_cost):
        return False
    max_hours = options.max_hours_units
    return max_hours is None or (not score.untimed and score.hours_units <= max_hours)


def build_result(
    problem: PlanProblem,
    scope: PlanScope,
    selected: Iterable[str],
    *,
    optimal: bool,
    solver: str,
    alternatives: tuple[PlanResult, ...] = (),
    priority: Mapping[str, int] | None = None,
) -> PlanResult:
    """Order ``selected`` (see ``order_steps``; ``priority`` as there) and total it. Raises
    PrerequisiteCycleError or MissingPrerequisiteError when it cannot be ordered (solvers
    never pass such a set)."""
    by_id = problem.by_id
    order = order_steps(selected, problem.held, by_id, priority)
    score = score_selection(problem, order)
    coverable = {t.key for t in scope.coverable}
    return PlanResult(
        steps=build_steps(order, by_id, problem.held, problem.targets),
        total_cost=score.cost,
        total_hours=score.hours_units / UNITS,
        covered_weight=math.fsum(t.weight for t in problem.targets if t.key in score.covered),
        total_weight=math.fsum(t.weight for t in problem.targets),
        uncoverable=scope.uncoverable,
        complete=coverable <= score.covered,
        optimal=optimal,
        solver=solver,
        alternatives=alternatives,
        unpriced=tuple(cid for cid in order if by_id[cid].unpriced),
        untimed=tuple(cid for cid in order if by_id[cid].untimed),
        excluded=scope.excluded,
        uncoverable_targets=tuple(t.key for t in problem.targets if t.key not in coverable),
    )
