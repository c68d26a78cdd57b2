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
``_merged``), and without limits the main plan covers every coverable target, so covering
rows replace the weight level. All coefficients are integers (costs scaled by a power of ten,
hours and weights in millionths, each divided by its gcd), so each fixing row with a 0.5
slack is exact.

Each run gets a new HiGHS object (its clock starts at zero, so a time limit is per run) with
the time left until the plan's deadline. Alternatives add the row "at least one target
covered" and, per earlier plan S, sum of x over S <= |S| - 1 (no earlier plan, nor a padded
copy of it, comes back); they reuse one model over every relevant credential.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from time import monotonic
from typing import Any

import highspy
import numpy as np
from highspy import _Highs  # type: ignore[attr-defined]

from skillgraph.domain.dominance import undominated
from skillgraph.domain.greedy import greedy_selection
from skillgraph.domain.ordering import is_orderable, order_steps
from skillgraph.domain.plan_model import Candidate, Objective, PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope, plan_scope
from skillgraph.domain.selection import build_result, score_selection, within_limits

__all__ = ["HighsPlanSolver", "quiet_highs"]

Row = tuple[float, float, dict[int, int]]


def quiet_highs() -> Any:
    """A single-threaded HiGHS instance that writes nothing: highspy's ``Highs`` wrapper
    prints a banner the first time one is made in a process (before any option can be set),
    its core class does not, and logging is off before the model is passed. One thread per
    run: plans run side by side in the API's bounded executor, and HiGHS's worker threads
    only wait for each other on a busy machine."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("threads", 1)
    return h


@dataclass
class _Model:
    x: dict[str, int] = field(default_factory=dict)
    y: dict[tuple[str, int], int] = field(default_factory=dict)
    p: dict[str, int] = field(default_factory=dict)
    u: dict[tuple[str, str], int] = field(default_factory=dict)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    levels: list[dict[int, int]] = field(default_factory=list)
    component: dict[str, int] = field(default_factory=dict)

    def var(self, lower: float, upper: float, integer: bool) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1


def _reduced(values: Mapping[str, int]) -> tuple[dict[str, int], int]:
    """``values`` divided by their gcd, and that gcd (1 when all are 0)."""
    divisor = math.gcd(*values.values()) or 1
    return {key: value // divisor for key, value in values.items()}, divisor


def _components(nodes: Sequence[str], arcs: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Strongly connected components (iterative Tarjan): node -> component number."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    found = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(arcs.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(arcs.get(succ, ()))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = found
                    if member == node:
                        break
                found += 1
    return component


def _amounts(problem: PlanProblem, chosen: Sequence[Candidate]) -> dict[str, dict[str, int]]:
    """Integer coefficients per measure: known cost (scaled to integers), known hours, and
    the 0/1 unknown flags, each divided by its gcd."""
    options = problem.options
    limits = [options.max_cost] if options.max_cost is not None else []
    prices = [c.price for c in chosen]
    digits = max([0] + [-int(d.as_tuple().exponent) for d in [*prices, *limits] if d != 0])
    return {
        "cost": {c.credential_id: int(c.price.scaleb(digits)) for c in chosen},
        "hours": {c.credential_id: c.hours_units for c in chosen},
        "unpriced": {c.credential_id: int(c.unpriced) for c in chosen},
        "untimed": {c.credential_id: int(c.untimed) for c in chosen},
        "digits": {"": digits},
    }


def _build(problem: PlanProblem, scope: PlanScope, ids: Sequence[str], forced: bool) -> _Model:
    """The model over credentials ``ids``; ``forced``: every coverable target must be covered
    (only valid without limits), so there is no weight level."""
    by_id = problem.by_id
    chosen = [by_id[cid] for cid in ids]
    teachers = scope.teachers if len(ids) == len(scope.relevant) else scope.teachers.among(ids)
    teachers_of = teachers.of

    model = _Model()
    for c in chosen:
        model.x[c.credential_id] = model.var(0, 1, True)
    for t in scope.coverable:
        covering = {model.x[c.credential_id]: 1 for c in teachers_of(t.skill_id, t.level)}
        if forced:
            model.rows.append((1, math.inf, covering))
        else:
            y = model.y[t.key] = model.var(0, 1, True)
            model.rows.append((0, math.inf, {y: -1} | covering))
    needs: dict[str, list[tuple[str, list[str]]]] = {}
    arcs: dict[str, set[str]] = {}
    for c in chosen:
        cid = c.credential_id
        for skill_id, level in problem.needs[cid]:
            providers = [d.credential_id for d in teachers_of(skill_id, level) if d is not c]
            needs.setdefault(cid, []).append((skill_id, providers))
            for did in providers:
                arcs.setdefault(did, set()).add(cid)
    component = model.component = _components(list(ids), {k: sorted(v) for k, v in arcs.items()})
    sizes: dict[int, int] = {}
    for number in component.values():
        sizes[number] = sizes.get(number, 0) + 1
    for cid in ids:
        size = sizes[component[cid]]
        if size > 1:
            model.p[cid] = model.var(0, size - 1, False)
    for cid, prerequisites in needs.items():
        mine = component[cid]
        size = sizes[mine]
        for _, providers in prerequisites:
            row = {model.x[cid]: -1}
            for did in providers:
                if component[did] != mine:
                    row[model.x[did]] = 1
                    continue
                if (did, cid) not in model.u:
                    u = model.u[did, cid] = model.var(0, 1, True)
                    model.rows.append((-math.inf, 0, {u: 1, model.x[did]: -1}))
                    model.rows.append(
                        (-math.inf, size - 1, {model.p[did]: 1, model.p[cid]: -1, u: size})
                    )
                row[model.u[did, cid]] = 1
            model.rows.append((0, math.inf, row))
    amounts = _amounts(problem, chosen)
    cost, cost_divisor = _reduced(amounts["cost"])
    hours, hours_divisor = _reduced(amounts["hours"])
    options = problem.options
    # Both sides are integers, so flooring the scaled limit keeps it exact.
    if options.max_cost is not None and any(cost.values()):
        limit = int(options.max_cost.scaleb(amounts["digits"][""])) // cost_divisor
        model.rows.append((-math.inf, limit, {model.x[k]: v for k, v in cost.items() if v}))
    max_hours = options.max_hours_units
    if max_hours is not None and any(hours.values()):
        limit = max_hours // hours_divisor
        model.rows.append((-math.inf, limit, {model.x[k]: v for k, v in hours.items() if v}))

    def over_x(values: Mapping[str, int]) -> dict[int, int]:
        return {model.x[k]: v for k, v in values.items() if v}

    measures = {
        "cost": [over_x(amounts["unpriced"]), over_x(cost)],
        "hours": [over_x(amounts["untimed"]), over_x(hours)],
        "count": [{index: 1 for index in model.x.values()}],
    }
    chain = {
        Objective.COST: ("cost", "hours", "count"),
        Objective.HOURS: ("hours", "cost", "count"),
        Objective.COUNT: ("count", "cost", "hours"),
    }[options.objective]
    levels = [level for name in chain for level in measures[name]]
    if not forced:
        weights, _ = _reduced({f"{t.key}": t.weight_units for t in scope.coverable})
        levels.insert(
            0, {model.y[t.key]: -weights[f"{t.key}"] for t in scope.coverable if t.key in model.y}
        )
    model.levels = _merged([level for level in levels if level])
    return model


MERGE_LIMIT = 1 << 17


def _merged(levels: list[dict[int, int]]) -> list[dict[int, int]]:
    """Consecutive levels a, b with non-negative coefficients as one, a * (B + 1) + b, where
    B is the sum of b's coefficients: any solution worse in a is worse by at least B + 1 in
    the merged objective, more than b can make up, so its optimum is the lexicographic
    optimum of (a, b). Only while every merged coefficient stays at most ``MERGE_LIMIT``,
    far inside the range HiGHS compares exactly."""
    merged: list[dict[int, int]] = []
    for level in levels:
        if merged and min(merged[-1].values()) >= 0 and min(level.values()) >= 0:
            factor = sum(level.values()) + 1
            combined = {i: c * factor for i, c in merged[-1].items()}
            for i, c in level.items():
                combined[i] = combined.get(i, 0) + c
            if max(combined.values()) <= MERGE_LIMIT:
                merged[-1] = combined
                continue
        merged.append(level)
    return merged


def _point(problem: PlanProblem, model: _Model, selected: Sequence[str]) -> list[float]:
    """The model's point for an orderable, within-limits selection (y at its maximum)."""
    order = order_steps(selected, problem.held, problem.by_id)
    position = {cid: index for index, cid in enumerate(order)}
    covered = score_selection(problem, order).covered
    values = [0.0] * len(model.lower)
    for cid in position:
        values[model.x[cid]] = 1.0
    # Within a component, a taken member's position is its rank among the taken members.
    members: dict[int, list[str]] = {}
    for cid in order:
        if cid in model.p:
            members.setdefault(model.component[cid], []).append(cid)
    for ranked in members.values():
        for rank, cid in enumerate(ranked):
            values[model.p[cid]] = float(rank)
    for (did, cid), u in model.u.items():
        if did in position and cid in position and position[did] < position[cid]:
            values[u] = 1.0
    for key, y in model.y.items():
        values[y] = 1.0 if key in covered else 0.0
    return values


@dataclass(frozen=True)
class _Level:
    chosen: tuple[str, ...]
    point: list[float]
    value: float
    optimal: bool


def _value(objective: Mapping[int, int], point: Sequence[float]) -> float:
    return sum(coefficient * point[i] for i, coefficient in objective.items())


@dataclass(frozen=True)
class _Rowwise:
    lower: np.ndarray[Any, Any]
    upper: np.ndarray[Any, Any]
    starts: np.ndarray[Any, Any]
    indices: np.ndarray[Any, Any]
    values: np.ndarray[Any, Any]


def _rowwise(rows: Sequence[Row], before: _Rowwise | None = None) -> _Rowwise:
    """``rows`` in HiGHS's row-wise arrays, appended to ``before``."""
    inf = highspy.kHighsInf
    lower = np.array([-inf if r[0] == -math.inf else r[0] for r in rows], dtype=float)
    upper = np.array([inf if r[1] == math.inf else r[1] for r in rows], dtype=float)
    indices: list[int] = []
    values: list[float] = []
    lengths = []
    for _, _, coefficients in rows:
        indices.extend(coefficients)
        values.extend(coefficients.values())
        lengths.append(len(coefficients))
    offset = 0 if before is None else int(before.starts[-1])
    starts = offset + np.cumsum([0, *lengths], dtype=np.int32)
    if before is None:
        return _Rowwise(
            lower,
            upper,
            starts,
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=float),
        )
    return _Rowwise(
        np.concatenate([before.lower, lower]),
        np.concatenate([before.upper, upper]),
        np.concatenate([before.starts, starts[1:]]),
        np.concatenate([before.indices, np.array(indices, dtype=np.int32)]),
        np.concatenate([before.values, np.array(values, dtype=float)]),
    )


@dataclass(frozen=True)
class _Run:
    status: highspy.HighsModelStatus
    values: list[float] | None
    duals: list[float] | None
    objective: float


class _Runner:
    """Runs the model (its rows plus ``extra`` ones, and those added since) once per call on
    a fresh HiGHS object, until ``deadline`` (time.monotonic). Columns may be fixed for good
    (``fix``): only when no solution of interest can use another value."""

    def __init__(
        self, model: _Model, deadline: float, highs: Callable[[], Any], extra: Sequence[Row] = ()
    ) -> None:
        self.model = model
        self.deadline = deadline
        self.highs = highs
        self.rows: list[Row] = [*model.rows, *extra]
        self.lower = np.array(model.lower, dtype=float)
        self.upper = np.array(model.upper, dtype=float)
        self.integrality = [
            highspy.HighsVarType.kInteger if integer else highspy.HighsVarType.kContinuous
            for integer in model.integer
        ]
        self.integrality_array = np.array(model.integer)
        self._matrix = _rowwise(self.rows)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        self._matrix = _rowwise([row], self._matrix)

    def fix(self, column: int, value: float) -> None:
        self.lower[column] = self.upper[column] = value

    def run(self, objective: Mapping[int, int], *, presolve: str, relax: bool) -> _Run | None:
        """One run (the LP relaxation with ``relax``); None when no time is left. Fixed
        columns are taken out of the model HiGHS sees (their values moved into the row
        bounds and the objective's offset) and put back into the solution."""
        remaining = self.deadline - monotonic()
        if remaining <= 0:
            return None
        n = len(self.model.lower)
        cost = np.zeros(n)
        for index, coefficient in objective.items():
            cost[index] = coefficient
        free = self.lower != self.upper
        columns = np.flatnonzero(free)
        matrix = self._matrix
        m = len(matrix.lower)
        rows_of = np.repeat(np.arange(m), np.diff(matrix.starts))
        kept = free[matrix.indices]
        gone = ~kept
        shift = np.bincount(
            rows_of[gone],
            weights=matrix.values[gone] * self.lower[matrix.indices[gone]],
            minlength=m,
        )
        row_lower, row_upper = matrix.lower - shift, matrix.upper - shift
        counts = np.bincount(rows_of[kept], minlength=m)
        empty = counts == 0
        if np.any(empty & ((row_lower > 1e-9) | (row_upper < -1e-9))):
            return _Run(highspy.HighsModelStatus.kInfeasible, None, None, math.inf)
        live = ~empty
        renumber = np.full(n, -1, dtype=np.int32)
        renumber[columns] = np.arange(len(columns), dtype=np.int32)
        lp = highspy.HighsLp()
        lp.num_col_ = len(columns)
        lp.num_row_ = int(live.sum())
        lp.col_cost_ = cost[columns]
        lp.offset_ = float(cost[~free] @ self.lower[~free])
        lp.col_lower_ = self.lower[columns]
        lp.col_upper_ = self.upper[columns]
        lp.row_lower_ = row_lower[live]
        lp.row_upper_ = row_upper[live]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(counts[live])]).astype(np.int32)
        lp.a_matrix_.index_ = renumber[matrix.indices[kept]]
        lp.a_matrix_.value_ = matrix.values[kept]
        if not relax:
            lp.integrality_ = [self.integrality[i] for i in columns]
        h = self.highs()
        h.setOptionValue("mip_rel_gap", 0.0)
        # Objectives are integral, so a gap below 1 proves optimality.
        h.setOptionValue("mip_abs_gap", 0.5)
        h.setOptionValue("presolve", presolve)
        h.setOptionValue("time_limit", remaining)
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        if info.primal_solution_status != highspy.kSolutionStatusFeasible:
            return _Run(status, None, None, math.inf)
        solution = h.getSolution()
        values = self.lower.copy()
        values[columns] = solution.col_value
        duals = None
        if relax and solution.dual_valid:
            duals = np.zeros(n)
            duals[columns] = solution.col_dual
        return _Run(
            status,
            values.tolist(),
            None if duals is None else duals.tolist(),
            info.objective_function_value,
        )


def _selection(problem: PlanProblem, model: _Model, values: Sequence[float]) -> tuple[str, ...]:
    return tuple(cid for cid, i in model.x.items() if values[i] > 0.5)


def _trusted(problem: PlanProblem, chosen: Sequence[str]) -> bool:
    return within_limits(problem, score_selection(problem, chosen)) and is_orderable(
        chosen, problem.held, problem.by_id
    )


def _satisfies(runner: _Runner, point: Sequence[float]) -> bool:
    """``point`` meets every row and bound of the runner's model (as a known point must)."""
    if any(
        not runner.lower[i] - 1e-9 <= value <= runner.upper[i] + 1e-9
        for i, value in enumerate(point)
    ):
        return False
    for lower, upper, coefficients in runner.rows:
        total = sum(c * point[i] for i, c in coefficients.items())
        if not lower - 1e-9 <= total <= upper + 1e-9:
            return False
    return True


def _integral(model: _Model, values: Sequence[float]) -> bool:
    return all(
        abs(value - round(value)) <= 1e-9
        for value, integer in zip(values, model.integer, strict=True)
        if integer
    )


def _fix(runner: _Runner, run: _Run, objective: Mapping[int, int], bound: float) -> None:
    """Reduced-cost fixing: with LP optimum z, a 0/1 column at 0 in the LP whose reduced
    cost exceeds ``bound`` - z is 0 in every solution of objective value <= ``bound`` (and
    likewise at 1), so it is fixed for this level and the ones after, whose solutions all
    keep this objective <= ``bound``. The margin covers the LP's tolerances."""
    if run.values is None or run.duals is None:
        return
    gap = bound - run.objective
    margin = 1e-6 * (1 + abs(run.objective) + sum(abs(c) for c in objective.values()))
    for column, integer in enumerate(runner.model.integer):
        if not integer or runner.lower[column] == runner.upper[column]:
            continue
        value, reduced = run.values[column], run.duals[column]
        if value <= 1e-9 and reduced > gap + margin:
            runner.fix(column, 0.0)
        elif value >= 1 - 1e-9 and -reduced > gap + margin:
            runner.fix(column, 1.0)


def _relaxation(
    problem: PlanProblem,
    runner: _Runner,
    objective: Mapping[int, int],
    known: Sequence[float] | None,
) -> tuple[_Level | None, _Run | None]:
    """Solve the LP relaxation: the level itself when its optimum is integral; else fix
    columns by their reduced costs against the value of a ``known`` point (or, without one,
    of every credential the LP uses, when that set is feasible). Returns the LP run too."""
    run = runner.run(objective, presolve="off", relax=True)
    if run is None or run.values is None or run.status != highspy.HighsModelStatus.kOptimal:
        return None, None
    model = runner.model
    if _integral(model, run.values):
        chosen = _selection(problem, model, run.values)
        if _trusted(problem, chosen):
            point = _point(problem, model, chosen)
            value = _value(objective, point)
            # The LP bound is at most the optimum, which is an integer.
            if value <= run.objective + 0.5:
                return _Level(chosen, point, value, True), run
    if known is None:
        support = tuple(cid for cid, i in model.x.items() if run.values[i] > 1e-9)
        if _trusted(problem, support):
            rounded = _point(problem, model, support)
            known = rounded if _satisfies(runner, rounded) else None
    if known is not None:
        _fix(runner, run, objective, _value(objective, known))
    return None, run


def _solve_level(
    problem: PlanProblem,
    runner: _Runner,
    objective: Mapping[int, int],
    known: Sequence[float] | None,
) -> tuple[_Level | None, bool]:
    """Minimise ``objective``: the level (None when no trustworthy solution was found) and
    whether time ran out.

    First the LP relaxation (see ``_relaxation``), then the MILP; its optimum v fixes more
    columns by the LP's reduced costs (against v, for the levels after). ``known`` is a
    feasible point, if one is known. HiGHS 1.16's presolve has declared feasible models
    infeasible, so an answer that is missing, breaks a constraint, or is worse than
    ``known`` is retried without presolve.
    """
    level, relaxed = _relaxation(problem, runner, objective, known)
    if level is not None:
        return level, False
    model = runner.model
    for presolve in ("on", "off"):
        run = runner.run(objective, presolve=presolve, relax=False)
        if run is None:
            return None, True
        if run.values is None:
            if run.status == highspy.HighsModelStatus.kTimeLimit:
                return None, True
            continue
        chosen = _selection(problem, model, run.values)
        if not _trusted(problem, chosen):
            continue
        point = _point(problem, model, chosen)
        value = _value(objective, point)
        optimal = run.status == highspy.HighsModelStatus.kOptimal
        if optimal and known is not None and value > _value(objective, known) + 0.5:
            continue
        if optimal and relaxed is not None:
            _fix(runner, relaxed, objective, value)
        return _Level(chosen, point, value, optimal), not optimal
    return None, False


@dataclass(frozen=True)
class _Outcome:
    selected: tuple[str, ...]
    optimal: bool


def _lexicographic(
    problem: PlanProblem, runner: _Runner, known: Sequence[float] | None
) -> _Outcome | None:
    """Solve each level in turn, fixing each optimum by a row before the next. None when the
    first level found no solution (in time, or at all); a later one cut short keeps the
    solution so far, marked not optimal."""
    selected: tuple[str, ...] | None = () if not runner.model.levels else None
    for objective in runner.model.levels:
        level, timed_out = _solve_level(problem, runner, objective, known)
        if level is None:
            return None if selected is None else _Outcome(selected, False)
        selected, known = level.chosen, level.point
        if timed_out or not level.optimal:
            return _Outcome(selected, False)
        runner.add((-math.inf, level.value + 0.5, dict(objective)))
    return None if selected is None else _Outcome(selected, True)


def _better_of(problem: PlanProblem, scope: PlanScope, found: _Outcome) -> tuple[_Outcome, str]:
    """A plan cut short by the time limit, or the greedy plan when that is better."""
    greedy = greedy_selection(problem, scope)
    objective = problem.options.objective
    if score_selection(problem, greedy).key(objective) < score_selection(
        problem, found.selected
    ).key(objective):
        return _Outcome(greedy, False), "greedy"
    return found, "highs"


HIGHS_SHARE = 0.8


class HighsPlanSolver:
    """``PlanSolver`` proving lexicographic optimality with HiGHS within
    ``options.time_limit_ms`` (for the plan and its alternatives together; HiGHS runs get
    ``HIGHS_SHARE`` of it, the rest is kept for the greedy comparison).

    When the time limit cuts a level short, the best plan found so far is compared with the
    greedy plan and the better one returned with ``optimal=False`` (``solver`` "highs" or
    "greedy"); with no plan found, the greedy plan. Alternative k is the best plan, under the
    same lexicographic objective, that covers some target and contains no earlier plan.
    ``highs`` makes the HiGHS instance for each run (a test may count runs per instance).
    """

    name = "highs"

    def __init__(self, highs: Callable[[], Any] = quiet_highs) -> None:
        self._highs = highs

    def solve(self, problem: PlanProblem) -> PlanResult:
        # HiGHS gets most of the time; the rest is kept for comparing a plan cut short with
        # the greedy one, so the answer still comes within the limit.
        deadline = monotonic() + HIGHS_SHARE * problem.options.time_limit_ms / 1000
        scope = plan_scope(problem)
        if not scope.coverable:
            return build_result(problem, scope, (), optimal=True, solver=self.name)
        options = problem.options
        forced = options.max_cost is None and options.max_hours is None
        kept = undominated(problem, scope)
        main_model = _build(problem, scope, kept, forced)
        # Taking nothing is feasible unless coverage is forced.
        known = None if forced else [0.0] * len(main_model.lower)
        main = _lexicographic(problem, _Runner(main_model, deadline, self._highs), known)
        solver = self.name
        if main is None:
            main, solver = _Outcome(greedy_selection(problem, scope), False), "greedy"
        elif not main.optimal:
            main, solver = _better_of(problem, scope, main)
        found = [main]
        if options.alternatives and main.selected:
            model = _build(problem, scope, scope.relevant, forced=False)
            some_cover: Row = (1, math.inf, {i: 1 for i in model.y.values()})
            while len(found) <= options.alternatives and all(f.selected for f in found):
                cuts: list[Row] = [
                    (-math.inf, len(f.selected) - 1, {model.x[cid]: 1 for cid in f.selected})
                    for f in found
                ]
                runner = _Runner(model, deadline, self._highs, [some_cover, *cuts])
                alternative = _lexicographic(problem, runner, known=None)
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
