"""Running a plan's MILP with HiGHS: level by level, LP relaxation first, each run on a new
HiGHS instance (see ``domain.milp``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from time import monotonic
from typing import Any

import highspy
import numpy as np
from highspy import _Highs  # type: ignore[attr-defined]

from skillgraph.domain.milp_model import MilpModel, Row, model_point
from skillgraph.domain.ordering import is_orderable
from skillgraph.domain.plan_model import PlanProblem
from skillgraph.domain.selection import score_selection, within_limits

__all__ = ["Level", "Outcome", "Runner", "lexicographic", "objective_value", "quiet_highs"]


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


@dataclass(frozen=True)
class Level:
    chosen: tuple[str, ...]
    point: list[float]
    value: float
    optimal: bool


def objective_value(objective: Mapping[int, int], point: Sequence[float]) -> float:
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


class Runner:
    """Runs the model (its rows plus ``extra`` ones, and those added since) once per call on
    a fresh HiGHS object, until ``deadline`` (time.monotonic) or until ``stop()`` is true
    (checked before each run, and by HiGHS while it runs). Columns may be fixed for good
    (``fix``): only when no solution of interest can use another value."""

    def __init__(
        self,
        model: MilpModel,
        deadline: float,
        highs: Callable[[], Any],
        extra: Sequence[Row] = (),
        stop: Callable[[], bool] | None = None,
    ) -> None:
        self.model = model
        self.deadline = deadline
        self.highs = highs
        self.stop = stop
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
        if remaining <= 0 or (self.stop is not None and self.stop()):
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
        if self.stop is not None:
            _interrupt_when(h, self.stop)
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


def _interrupt_when(h: Any, stop: Callable[[], bool]) -> None:
    """HiGHS asks, at its interrupt points in simplex and branch-and-bound, whether to stop
    (it then ends with status kInterrupt, keeping its best solution)."""

    def interrupt(kind: Any, message: str, out: Any, data_in: Any, user_data: Any) -> None:
        if data_in is not None and stop():
            data_in.user_interrupt = True

    h.setCallback(interrupt, None)
    h.startCallback(highspy.cb.HighsCallbackType.kCallbackSimplexInterrupt)
    h.startCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)


def _selection(problem: PlanProblem, model: MilpModel, values: Sequence[float]) -> tuple[str, ...]:
    return tuple(cid for cid, i in model.x.items() if values[i] > 0.5)


def _trusted(problem: PlanProblem, chosen: Sequence[str]) -> bool:
    return within_limits(problem, score_selection(problem, chosen)) and is_orderable(
        chosen, problem.held, problem.by_id
    )


def _satisfies(runner: Runner, point: Sequence[float]) -> bool:
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


def _integral(model: MilpModel, values: Sequence[float]) -> bool:
    return all(
        abs(value - round(value)) <= 1e-9
        for value, integer in zip(values, model.integer, strict=True)
        if integer
    )


def _fix(runner: Runner, run: _Run, objective: Mapping[int, int], bound: float) -> None:
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


def allowed(value: float, tolerance: Fraction) -> float:
    """The most the levels after may let a level of optimum ``value`` (an integer, up to the
    solver's tolerance) reach: value x (1 + tolerance), rounded down (exact, as every
    objective has integer coefficients on 0/1 columns)."""
    whole = round(value)
    return float(math.floor(whole * (1 + tolerance))) if tolerance else float(whole)


def _relaxation(
    problem: PlanProblem,
    runner: Runner,
    objective: Mapping[int, int],
    known: Sequence[float] | None,
    tolerance: Fraction = Fraction(0),
) -> tuple[Level | None, _Run | None]:
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
            point = model_point(problem, model, chosen)
            value = objective_value(objective, point)
            # The LP bound is at most the optimum, which is an integer.
            if value <= run.objective + 0.5:
                return Level(chosen, point, value, True), run
    if known is None:
        support = tuple(cid for cid, i in model.x.items() if run.values[i] > 1e-9)
        if _trusted(problem, support):
            rounded = model_point(problem, model, support)
            known = rounded if _satisfies(runner, rounded) else None
    if known is not None:
        _fix(runner, run, objective, allowed(objective_value(objective, known), tolerance))
    return None, run


def _solve_level(
    problem: PlanProblem,
    runner: Runner,
    objective: Mapping[int, int],
    known: Sequence[float] | None,
    tolerance: Fraction = Fraction(0),
) -> tuple[Level | None, bool]:
    """Minimise ``objective``: the level (None when no trustworthy solution was found) and
    whether time ran out.

    First the LP relaxation (see ``_relaxation``), then the MILP; its optimum v fixes more
    columns by the LP's reduced costs (against v, for the levels after). ``known`` is a
    feasible point, if one is known. HiGHS 1.16's presolve has declared feasible models
    infeasible, so an answer that is missing, breaks a constraint, or is worse than
    ``known`` is retried without presolve.
    """
    level, relaxed = _relaxation(problem, runner, objective, known, tolerance)
    if level is not None:
        return level, False
    model = runner.model
    for presolve in ("on", "off"):
        run = runner.run(objective, presolve=presolve, relax=False)
        if run is None:
            return None, True
        if run.values is None:
            if run.status in (
                highspy.HighsModelStatus.kTimeLimit,
                highspy.HighsModelStatus.kInterrupt,
            ):
                return None, True
            continue
        chosen = _selection(problem, model, run.values)
        if not _trusted(problem, chosen):
            continue
        point = model_point(problem, model, chosen)
        value = objective_value(objective, point)
        optimal = run.status == highspy.HighsModelStatus.kOptimal
        if optimal and known is not None and value > objective_value(objective, known) + 0.5:
            continue
        if optimal and relaxed is not None:
            _fix(runner, relaxed, objective, allowed(value, tolerance))
        return Level(chosen, point, value, optimal), not optimal
    return None, False


@dataclass(frozen=True)
class Outcome:
    selected: tuple[str, ...]
    optimal: bool


def lexicographic(
    problem: PlanProblem, runner: Runner, known: Sequence[float] | None
) -> Outcome | None:
    """Solve each level in turn, fixing each optimum by a row before the next. None when the
    first level found no solution (in time, or at all); a later one cut short keeps the
    solution so far, marked not optimal."""
    selected: tuple[str, ...] | None = () if not runner.model.levels else None
    model = runner.model
    for objective, tolerance in zip(model.levels, model.tolerances, strict=True):
        level, timed_out = _solve_level(problem, runner, objective, known, tolerance)
        if level is None:
            return None if selected is None else Outcome(selected, False)
        selected, known = level.chosen, level.point
        if timed_out or not level.optimal:
            return Outcome(selected, False)
        runner.add((-math.inf, allowed(level.value, tolerance) + 0.5, dict(objective)))
    return None if selected is None else Outcome(selected, True)
