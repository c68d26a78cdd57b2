"""Entry point of credential planning: from a gap to the plan that closes most of it."""

from __future__ import annotations

from typing import Protocol

from skillgraph.domain.gap import Gap, GapOptions
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import PlanProblem, PlanResult, Target

__all__ = ["PlanSolver", "coverage_after", "plan_credentials", "targets_from_gap"]


class PlanSolver(Protocol):
    """Something that turns a validated problem into a plan (``HighsPlanSolver``,
    ``GreedyPlanSolver``). ``name`` is what ``PlanResult.solver`` reports."""

    @property
    def name(self) -> str: ...

    def solve(self, problem: PlanProblem) -> PlanResult: ...


def plan_credentials(problem: PlanProblem, solver: PlanSolver | None = None) -> PlanResult:
    """The lexicographically best plan: (1) most covered target weight within the limits,
    (2) least objective, (3) its tie-breakers (see ``Objective``). HiGHS by default."""
    return (solver or HighsPlanSolver()).solve(problem)


def targets_from_gap(gap: Gap, options: GapOptions) -> tuple[Target, ...]:
    """The gap's missing requirements as targets weighted by ``options``; those of weight 0
    are left out (nothing is gained by covering them)."""
    return tuple(
        Target(m.skill_id, m.required_level, options.weight_of(m.importance))
        for m in gap.missing
        if options.weight_of(m.importance) > 0
    )


def coverage_after(gap: Gap, plan: PlanResult) -> float:
    """Coverage once the plan is done, for a plan made from ``targets_from_gap(gap, ...)``
    with the same options as the gap; 1.0 when the gap has no weight."""
    if gap.total_weight <= 0:
        return 1.0
    return min(1.0, (gap.covered_weight + plan.covered_weight) / gap.total_weight)
