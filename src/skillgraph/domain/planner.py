"""Entry point of credential planning: from targets to the plan that closes most of them."""

from __future__ import annotations

from typing import Protocol

from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import PlanProblem, PlanResult

__all__ = ["PlanSolver", "plan_credentials"]


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
