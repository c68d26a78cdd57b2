"""Scoring a set of chosen credentials and turning it into a PlanResult."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from skillgraph.domain.ordering import build_steps, order_steps
from skillgraph.domain.plan_model import UNITS, Objective, PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope

__all__ = ["Score", "build_result", "score_selection", "within_limits"]

ObjectiveKey = tuple[int | Decimal, ...]


@dataclass(frozen=True)
class Score:
    """Totals of a selection; weights and hours in millionths (``UNITS``)."""

    covered: frozenset[str]
    weight_units: int
    cost: Decimal
    hours_units: int
    count: int

    def key(self, objective: Objective) -> ObjectiveKey:
        """The lexicographic objective, smaller is better: most covered weight first, then
        the objective, then its tie-breakers (see ``Objective``)."""
        if objective is Objective.COST:
            return (-self.weight_units, self.cost, self.hours_units, self.count)
        if objective is Objective.HOURS:
            return (-self.weight_units, self.hours_units, self.cost, self.count)
        return (-self.weight_units, self.count, self.cost, self.hours_units)


def score_selection(problem: PlanProblem, selected: Iterable[str]) -> Score:
    """Totals of ``selected`` (assumed orderable); ``covered`` holds target skill ids."""
    by_id = problem.by_id
    chosen = [by_id[credential_id] for credential_id in sorted(set(selected))]
    covered = frozenset(
        t.skill_id
        for t in problem.targets
        if any(c.teaches_at_least(t.skill_id, t.level) for c in chosen)
    )
    return Score(
        covered=covered,
        weight_units=sum(t.weight_units for t in problem.targets if t.skill_id in covered),
        cost=sum((c.price for c in chosen), Decimal(0)),
        hours_units=sum(c.hours_units for c in chosen),
        count=len(chosen),
    )


def within_limits(problem: PlanProblem, score: Score) -> bool:
    options = problem.options
    if options.max_cost is not None and score.cost > options.max_cost:
        return False
    max_hours = options.max_hours_units
    return max_hours is None or score.hours_units <= max_hours


def build_result(
    problem: PlanProblem,
    scope: PlanScope,
    selected: Iterable[str],
    *,
    optimal: bool,
    solver: str,
    alternatives: tuple[PlanResult, ...] = (),
) -> PlanResult:
    """Order ``selected`` and total it. Raises PrerequisiteCycleError or
    MissingPrerequisiteError when it cannot be ordered (solvers never pass such a set)."""
    by_id = problem.by_id
    order = order_steps(selected, problem.held, by_id)
    score = score_selection(problem, order)
    coverable = {t.skill_id for t in scope.coverable}
    return PlanResult(
        steps=build_steps(order, by_id, problem.held, problem.targets),
        total_cost=score.cost,
        total_hours=score.hours_units / UNITS,
        covered_weight=math.fsum(t.weight for t in problem.targets if t.skill_id in score.covered),
        total_weight=math.fsum(t.weight for t in problem.targets),
        uncoverable=scope.uncoverable,
        complete=coverable <= score.covered,
        optimal=optimal,
        solver=solver,
        alternatives=alternatives,
    )
