"""The exact planner: a MILP solved lexicographically with HiGHS.

Before the model: ``plan_scope`` keeps the credentials that fit the limits, can be taken and
matter (cover a target, or teach a prerequisite of one that does, transitively), and
``undominated`` drops every credential another one dominates (main plan only).

Variables: x[c] (take credential c) and y[t] (target t covered). Rows:
  y[t] <= sum of x[c] over credentials teaching t at its level;
  for each prerequisite of c not met by held: sum of x[d] over its providers d >= x[c];
  cost and hours limits.
A set meeting these rows can be ordered as long as no prerequisite is provided only within a
cycle. So the providers graph (d -> c when d teaches a prerequisite of c) is split into
strongly connected components, and only inside a component of several credentials does a
provider need ordering variables: u[d,c] (d is taken before c and provides one of c's
prerequisites) and p[c] in [0, k-1] (position within the component of size k), with
  u[d,c] <= x[d];  p[d] - p[c] + k u[d,c] <= k - 1  (u = 1 forces p[d] + 1 <= p[c]),
and u[d,c] replacing x[d] in c's prerequisite rows. Catalogues without prerequisite cycles
need no ordering variables at all.

Objectives, solved in sequence, each previous optimum fixed by a row (see ``Objective``):
max covered weight, then the objective and its tie-breakers, where each amount is first the
number of unknown ones, then the sum of the known ones. Levels whose coefficients are all 0
are skipped, consecutive levels are merged into one objective where that is exact (see
``milp_model._merged``), and without limits the main plan covers every coverable target, so
covering rows replace the weight level. With a ``ValuePreference`` the objective's known sum
(or the count) is fixed at optimum x (1 + tolerance), rounded down, instead of its optimum,
then the value deficit is minimised and fixed, then the known sum again; such a level is never
merged. All coefficients are integers (costs scaled by a power of ten, hours and weights in
millionths, each divided by its gcd), so each fixing row with a 0.5 slack is exact, and so is
the rounded-down tolerance.

Each run gets a new HiGHS object (its clock starts at zero, so a time limit is per run) with
the time left until the plan's deadline. Alternatives add the row "at least one target
covered" and, per earlier plan S, sum of x over S <= |S| - 1 (no earlier plan, nor a padded
copy of it, comes back); they reuse one model over every relevant credential.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from time import monotonic
from typing import Any

from skillgraph.domain.dominance import undominated
from skillgraph.domain.greedy import greedy_selection
from skillgraph.domain.highs_runs import Outcome, Runner, lexicographic, quiet_highs
from skillgraph.domain.milp_model import Row, build_model
from skillgraph.domain.plan_model import PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope, plan_scope
from skillgraph.domain.selection import build_result, score_selection

__all__ = ["HIGHS_SHARE", "HighsPlanSolver", "quiet_highs"]


def _better_of(
    problem: PlanProblem, scope: PlanScope, found: Outcome, greedy: tuple[str, ...] | None
) -> tuple[Outcome, str]:
    """A plan cut short by the time limit, or the greedy plan (computed now unless given)
    when that is better."""
    if greedy is None:
        greedy = greedy_selection(problem, scope)
    objective = problem.options.objective
    if score_selection(problem, greedy).key(objective) < score_selection(
        problem, found.selected
    ).key(objective):
        return Outcome(greedy, False), "greedy"
    return found, "highs"


HIGHS_SHARE = 0.8
TIGHT_LIMIT_MS = 1_000


class HighsPlanSolver:
    """``PlanSolver`` proving lexicographic optimality with HiGHS within
    ``options.time_limit_ms`` (for the plan and its alternatives together; HiGHS runs get
    ``HIGHS_SHARE`` of it, the rest is kept for the greedy comparison, except that under
    ``TIGHT_LIMIT_MS`` the greedy plan is made first and HiGHS gets what is left).

    When the time limit cuts a level short, the best plan found so far is compared with the
    greedy plan and the better one returned with ``optimal=False`` (``solver`` "highs" or
    "greedy"); with no plan found, the greedy plan. Alternative k is the best plan, under the
    same lexicographic objective, that covers some target and contains no earlier plan.
    ``highs`` makes the HiGHS instance for each run (a test may count runs per instance).
    ``stop``, when given, is asked before and during every run: once it is true, the solver
    ends as at its time limit (the request it solves for has gone).
    """

    name = "highs"

    def __init__(
        self, highs: Callable[[], Any] = quiet_highs, stop: Callable[[], bool] | None = None
    ) -> None:
        self._highs = highs
        self._stop = stop

    def solve(self, problem: PlanProblem) -> PlanResult:
        started = monotonic()
        scope = plan_scope(problem)
        if not scope.coverable:
            return build_result(problem, scope, (), optimal=True, solver=self.name)
        options = problem.options
        # HiGHS gets most of the time; the rest is kept for comparing a plan cut short with
        # the greedy one, so the answer still comes within the limit. With little time the
        # greedy plan comes first, so that comparison costs nothing at the end.
        limit_s = options.time_limit_ms / 1000
        early = (
            greedy_selection(problem, scope) if options.time_limit_ms <= TIGHT_LIMIT_MS else None
        )
        deadline = started + (limit_s if early is not None else HIGHS_SHARE * limit_s)
        forced = options.max_cost is None and options.max_hours is None
        kept = undominated(problem, scope)
        main_model = build_model(problem, scope, kept, forced)
        # Taking nothing is feasible unless coverage is forced.
        known = None if forced else [0.0] * len(main_model.lower)
        main = lexicographic(
            problem, Runner(main_model, deadline, self._highs, stop=self._stop), known
        )
        solver = self.name
        if main is None:
            greedy = early if early is not None else greedy_selection(problem, scope)
            main, solver = Outcome(greedy, False), "greedy"
        elif not main.optimal:
            main, solver = _better_of(problem, scope, main, early)
        found = [main]
        if options.alternatives and main.selected:
            model = build_model(problem, scope, scope.relevant, forced=False)
            some_cover: Row = (1, math.inf, {i: 1 for i in model.y.values()})
            while len(found) <= options.alternatives and all(f.selected for f in found):
                cuts: list[Row] = [
                    (-math.inf, len(f.selected) - 1, {model.x[cid]: 1 for cid in f.selected})
                    for f in found
                ]
                runner = Runner(model, deadline, self._highs, [some_cover, *cuts], self._stop)
                alternative = lexicographic(problem, runner, known=None)
                if alternative is None:
                    break
                found.append(alternative)
        alternatives = tuple(
            build_result(problem, scope, f.selected, optimal=f.optimal, solver=self.name)
            for f in found[1:]
        )
        return build_result(
            problem,
            scope,
            main.selected,
            optimal=main.optimal,
            solver=solver,
            alternatives=alternatives,
        )
