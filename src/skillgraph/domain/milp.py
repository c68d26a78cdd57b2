"""The exact planner: a MILP solved lexicographically with HiGHS.

Variables: x[c] (take credential c), y[t] (target t covered), u[d,c] (d is taken before c and
provides one of c's prerequisites), p[c] in [0, n-1] (position of c). Constraints:
  y[t] <= sum of x[c] over credentials teaching t at its level;
  for each prerequisite of c not met by held: sum of u[d,c] over its providers d >= x[c];
  u[d,c] <= x[d];  p[d] - p[c] + n u[d,c] <= n - 1   (u = 1 forces p[d] + 1 <= p[c],
  so a chosen set never relies on a cycle);  cost and hours limits.
Objectives, solved in sequence, each previous optimum fixed by a row: max covered weight,
then the objective and its tie-breakers (see ``Objective``); with a ``ValuePreference``,
the objective's row allows up to optimum x (1 + tolerance), then the value deficit is
minimised and fixed, then the objective again and its tie-breakers. All objective coefficients are
integers (costs scaled by a power of ten, hours and weights in millionths, each divided by
its gcd), so each fixing row with a 0.5 slack is exact.
Alternatives add the row "at least one target covered" and, per earlier plan S,
sum of x over S <= |S| - 1 (no earlier plan, nor a padded copy of it, comes back).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from time import monotonic

import highspy

from skillgraph.domain.greedy import greedy_selection
from skillgraph.domain.ordering import is_orderable, order_steps
from skillgraph.domain.plan_model import Objective, PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope, plan_scope, unmet_prerequisites
from skillgraph.domain.selection import build_result, score_selection, within_limits

__all__ = ["HighsPlanSolver"]

Row = tuple[float, float, dict[int, int]]


@dataclass
class _Layout:
    x: dict[str, int] = field(default_factory=dict)
    y: dict[str, int] = field(default_factory=dict)
    p: dict[str, int] = field(default_factory=dict)
    u: dict[tuple[str, str], int] = field(default_factory=dict)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    objectives: list[dict[int, int]] = field(default_factory=list)
    # Per objective: how far above its optimum later levels may go (0: fixed at it).
    tolerances: list[Fraction] = field(default_factory=list)

    def var(self, lower: float, upper: float, integer: bool) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1


@dataclass(frozen=True)
class _Outcome:
    selected: tuple[str, ...]
    optimal: bool


def _reduced(values: Mapping[str, int]) -> tuple[dict[str, int], int]:
    """``values`` divided by their gcd, and that gcd (1 when all are 0)."""
    divisor = math.gcd(*values.values()) or 1
    return {key: value // divisor for key, value in values.items()}, divisor


def _layout(problem: PlanProblem, scope: PlanScope) -> _Layout:
    by_id = problem.by_id
    relevant = [by_id[cid] for cid in scope.relevant]
    n = len(relevant)
    lay = _Layout()
    for c in relevant:
        lay.x[c.credential_id] = lay.var(0, 1, True)
    position = lay.p
    for c in relevant:
        position[c.credential_id] = lay.var(0, max(n - 1, 0), False)
    for t in scope.coverable:
        lay.y[t.skill_id] = lay.var(0, 1, True)
        covering = {
            lay.x[c.credential_id]: -1 for c in relevant if c.teaches_at_least(t.skill_id, t.level)
        }
        lay.rows.append((-math.inf, 0, {lay.y[t.skill_id]: 1, **covering}))
    before = lay.u
    for c in relevant:
        cid = c.credential_id
        for skill_id, level in unmet_prerequisites(c, problem.held):
            row = {lay.x[cid]: -1}
            for d in relevant:
                did = d.credential_id
                if did == cid or not d.teaches_at_least(skill_id, level):
                    continue
                if (did, cid) not in before:
                    u = before[did, cid] = lay.var(0, 1, True)
                    lay.rows.append((-math.inf, 0, {u: 1, lay.x[did]: -1}))
                    lay.rows.append((-math.inf, n - 1, {position[did]: 1, position[cid]: -1, u: n}))
                row[before[did, cid]] = 1
            lay.rows.append((0, math.inf, row))
    options = problem.options
    costs = {c.credential_id: c.price for c in relevant}
    limits = [options.max_cost] if options.max_cost is not None else []
    digits = max([0] + [-int(d.as_tuple().exponent) for d in [*costs.values(), *limits] if d != 0])
    cost_units = {cid: int(cost.scaleb(digits)) for cid, cost in costs.items()}
    cost, cost_divisor = _reduced(cost_units)
    hours, hours_divisor = _reduced({c.credential_id: c.hours_units for c in relevant})
    # Both sides are integers, so flooring the scaled limit keeps it exact.
    if options.max_cost is not None and any(cost.values()):
        limit = int(options.max_cost.scaleb(digits)) // cost_divisor
        lay.rows.append((-math.inf, limit, {lay.x[k]: v for k, v in cost.items() if v}))
    max_hours = options.max_hours_units
    if max_hours is not None and any(hours.values()):
        limit = max_hours // hours_divisor
        lay.rows.append((-math.inf, limit, {lay.x[k]: v for k, v in hours.items() if v}))
    weights, _ = _reduced({t.skill_id: t.weight_units for t in scope.coverable})
    by_x = {
        Objective.COST: {lay.x[k]: v for k, v in cost.items() if v},
        Objective.HOURS: {lay.x[k]: v for k, v in hours.items() if v},
        Objective.COUNT: {index: 1 for index in lay.x.values()},
    }
    chain = {
        Objective.COST: (Objective.COST, Objective.HOURS, Objective.COUNT),
        Objective.HOURS: (Objective.HOURS, Objective.COST, Objective.COUNT),
        Objective.COUNT: (Objective.COUNT, Objective.COST, Objective.HOURS),
    }[options.objective]
    lay.objectives = [{lay.y[s]: -w for s, w in weights.items()}] + [by_x[o] for o in chain]
    lay.tolerances = [Fraction(0)] * len(lay.objectives)
    preference = options.value
    if preference is not None:
        # Objective within its tolerance, then the least value deficit, then the objective
        # exactly and its tie-breakers (see ValuePreference).
        deficit, _ = _reduced({k: preference.deficit_units(k) for k in lay.x})
        by_deficit = {lay.x[k]: v for k, v in deficit.items() if v}
        lay.objectives[2:2] = [by_deficit, by_x[options.objective]]
        lay.tolerances = [Fraction(0), preference.tolerance] + [Fraction(0)] * (
            len(lay.objectives) - 2
        )
    return lay


def _highs(lay: _Layout, extra_rows: Sequence[Row]) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6)
    n = len(lay.lower)
    h.addCols(n, [0.0] * n, lay.lower, lay.upper, 0, [0] * n, [], [])
    for index, integer in enumerate(lay.integer):
        if integer:
            h.changeColIntegrality(index, highspy.HighsVarType.kInteger)
    for lower, upper, coefficients in [*lay.rows, *extra_rows]:
        indices = list(coefficients)
        values = [float(coefficients[i]) for i in indices]
        low = -highspy.kHighsInf if lower == -math.inf else lower
        high = highspy.kHighsInf if upper == math.inf else upper
        h.addRow(low, high, len(indices), indices, values)
    return h


def _point(problem: PlanProblem, lay: _Layout, selected: Sequence[str]) -> list[float]:
    """The model's point for an orderable, within-limits selection (feasible in the base
    model, with y at its maximum)."""
    order = order_steps(selected, problem.held, problem.by_id)
    position = {cid: index for index, cid in enumerate(order)}
    covered = score_selection(problem, order).covered
    values = [0.0] * len(lay.lower)
    for cid, index in position.items():
        values[lay.x[cid]] = 1.0
        values[lay.p[cid]] = float(index)
    for (did, cid), u in lay.u.items():
        if did in position and cid in position and position[did] < position[cid]:
            values[u] = 1.0
    for skill_id, y in lay.y.items():
        values[y] = 1.0 if skill_id in covered else 0.0
    return values


@dataclass(frozen=True)
class _Level:
    chosen: tuple[str, ...]
    point: list[float]
    value: float
    optimal: bool


def _value(objective: Mapping[int, int], point: Sequence[float]) -> float:
    return sum(coefficient * point[i] for i, coefficient in objective.items())


def _solve_level(
    problem: PlanProblem,
    lay: _Layout,
    h: highspy.Highs,
    objective: Mapping[int, int],
    deadline: float,
    known: Sequence[float] | None,
) -> _Level | None:
    """Minimise ``objective``; None when no trustworthy solution was found in time.

    ``known`` is a feasible point, if one is known. HiGHS 1.16's presolve has declared
    feasible models infeasible, so an answer that is missing, breaks a constraint, or is
    worse than ``known`` is retried without presolve.
    """
    n = len(lay.lower)
    h.changeColsCost(n, list(range(n)), [float(objective.get(i, 0)) for i in range(n)])
    for presolve in ("on", "off"):
        remaining = deadline - monotonic()
        if remaining <= 0:
            return None
        h.setOptionValue("presolve", presolve)
        h.setOptionValue("time_limit", remaining)
        h.run()
        status = h.getModelStatus()
        if h.getInfo().primal_solution_status != highspy.kSolutionStatusFeasible:
            if status == highspy.HighsModelStatus.kTimeLimit:
                return None
            continue
        values = h.getSolution().col_value
        chosen = tuple(cid for cid, i in lay.x.items() if values[i] > 0.5)
        if not (
            within_limits(problem, score_selection(problem, chosen))
            and is_orderable(chosen, problem.held, problem.by_id)
        ):
            continue
        point = _point(problem, lay, chosen)
        value = _value(objective, point)
        optimal = status == highspy.HighsModelStatus.kOptimal
        if optimal and known is not None and value > _value(objective, known) + 0.5:
            continue
        return _Level(chosen, point, value, optimal)
    return None


def _lexicographic(
    problem: PlanProblem,
    lay: _Layout,
    extra_rows: list[Row],
    deadline: float,
    known: Sequence[float] | None,
) -> _Outcome | None:
    """Solve each objective in turn, fixing each optimum by a row before the next. None
    when the first objective found no solution in time (or none exists); a later one cut
    short keeps the solution so far, marked not optimal.

    No MIP start is passed: HiGHS 1.16 can report the optimum's objective value yet return
    the start as the solution."""
    h = _highs(lay, extra_rows)
    selected: tuple[str, ...] | None = None
    for index, objective in enumerate(lay.objectives):
        level = _solve_level(problem, lay, h, objective, deadline, known)
        if level is None:
            return None if selected is None else _Outcome(selected, False)
        selected, known = level.chosen, level.point
        if not level.optimal:
            return _Outcome(selected, False)
        # Integer coefficients on 0/1 variables: the optimum is an integer, and so is the
        # bound (optimum x (1 + tolerance), rounded down, exact); 0.5 is the solver's slack.
        bound = math.floor(round(level.value) * (1 + lay.tolerances[index]))
        h.addRow(
            -highspy.kHighsInf,
            bound + 0.5,
            len(objective),
            list(objective),
            [float(c) for c in objective.values()],
        )
    return None if selected is None else _Outcome(selected, True)


class HighsPlanSolver:
    """``PlanSolver`` proving lexicographic optimality with HiGHS within
    ``options.time_limit_ms`` (for the plan and its alternatives together).

    On time-out with a solution the plan is returned with ``optimal=False``; with none, the
    greedy plan is returned (``solver="greedy"``). Alternative k is the best plan, under the
    same lexicographic objective, that covers some target and contains no earlier plan.
    """

    name = "highs"

    def solve(self, problem: PlanProblem) -> PlanResult:
        deadline = monotonic() + problem.options.time_limit_ms / 1000
        scope = plan_scope(problem)
        if not scope.coverable:
            return build_result(problem, scope, (), optimal=True, solver=self.name)
        lay = _layout(problem, scope)
        # Taking nothing is feasible in the base model.
        main = _lexicographic(problem, lay, [], deadline, known=[0.0] * len(lay.lower))
        if main is None:
            selected = greedy_selection(problem, scope)
            return build_result(problem, scope, selected, optimal=False, solver="greedy")
        found = [main]
        some_cover: Row = (1, math.inf, {i: 1 for i in lay.y.values()})
        while len(found) <= problem.options.alternatives and all(f.selected for f in found):
            cuts: list[Row] = [
                (-math.inf, len(f.selected) - 1, {lay.x[cid]: 1 for cid in f.selected})
                for f in found
            ]
            rows = [some_cover, *cuts]
            alternative = _lexicographic(problem, lay, rows, deadline, known=None)
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
            solver=self.name,
            alternatives=alternatives,
        )
