"""The planner against a plain reference MILP on catalogues too big to enumerate.

Brute force (test_planner_properties) stops at about a dozen credentials, where the LP
relaxation is nearly always integral and few credentials are dominated. Here random
catalogues of 40-120 credentials with prerequisite chains and cycles exercise the reductions
the planner makes before and during the search (dominance, prerequisite components,
reduced-cost fixing, covering rows instead of the weight level). The reference keeps none of
them: every credential, position variables for every prerequisite provider, one MILP per
level of the objective, each optimum fixed by a row.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

import highspy
import pytest
from highspy import _Highs  # type: ignore[attr-defined]

from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import Candidate, Objective, PlanOptions, PlanProblem, Target

Key = tuple[Fraction, ...]


def key_of(problem: PlanProblem, ids: frozenset[str]) -> Key:
    chosen = [c for c in problem.candidates if c.credential_id in ids]
    best: dict[str, int] = {}
    for c in chosen:
        for s, level in c.teaches.items():
            best[s] = max(best.get(s, 0), level)
    weight = sum(
        (Fraction(t.weight_units) for t in problem.targets if best.get(t.skill_id, 0) >= t.level),
        Fraction(0),
    )
    unpriced = Fraction(sum(c.cost is None for c in chosen))
    untimed = Fraction(sum(c.hours is None for c in chosen))
    cost = sum((Fraction(c.cost) for c in chosen if c.cost is not None), Fraction(0))
    hours = sum((Fraction(repr(c.hours)) for c in chosen if c.hours is not None), Fraction(0))
    count = Fraction(len(chosen))
    tail = {
        Objective.COST: (unpriced, cost, untimed, hours, count),
        Objective.HOURS: (untimed, hours, unpriced, cost, count),
        Objective.COUNT: (count, unpriced, cost, untimed, hours),
    }[problem.options.objective]
    return (-weight, *tail)


def reference(problem: PlanProblem) -> frozenset[str]:
    """The lexicographic optimum by the plain model (see the module doc)."""
    cands = list(problem.candidates)
    n = len(cands)
    options = problem.options
    cols: list[tuple[float, float, bool]] = []

    def var(low: float, high: float, integer: bool) -> int:
        cols.append((low, high, integer))
        return len(cols) - 1

    def fits(c: Candidate) -> bool:
        if options.max_cost is not None and (c.cost is None or c.cost > options.max_cost):
            return False
        return options.max_hours is None or (c.hours is not None and c.hours <= options.max_hours)

    x = [var(0, 1 if fits(c) else 0, True) for c in cands]
    p = [var(0, max(n - 1, 0), False) for _ in cands]
    rows: list[tuple[float, float, dict[int, float]]] = []
    y = {}
    for t in problem.targets:
        y[t.key] = var(0, 1, True)
        row = {y[t.key]: -1.0}
        row.update(
            {x[i]: 1.0 for i, c in enumerate(cands) if c.teaches_at_least(t.skill_id, t.level)}
        )
        rows.append((0, math.inf, row))
    for i, c in enumerate(cands):
        for s, level in c.requires.items():
            if problem.held.get(s, 0) >= level:
                continue
            row = {x[i]: -1.0}
            for j, d in enumerate(cands):
                if j != i and d.teaches_at_least(s, level):
                    u = var(0, 1, True)
                    rows.append((-math.inf, 0, {u: 1.0, x[j]: -1.0}))
                    rows.append((-math.inf, n - 1, {p[j]: 1.0, p[i]: -1.0, u: float(n)}))
                    row[u] = 1.0
            rows.append((0, math.inf, row))
    scale = 100  # costs in the generator have at most two decimals
    if options.max_cost is not None:
        limit = float(options.max_cost * scale)
        rows.append((-math.inf, limit, {x[i]: float(c.price * scale) for i, c in enumerate(cands)}))
    if options.max_hours is not None:
        limit = float(options.max_hours * 2)
        rows.append((-math.inf, limit, {x[i]: (c.hours or 0) * 2 for i, c in enumerate(cands)}))
    measures = {
        "unpriced": {x[i]: float(c.cost is None) for i, c in enumerate(cands)},
        "cost": {x[i]: float(c.price * scale) for i, c in enumerate(cands)},
        "untimed": {x[i]: float(c.hours is None) for i, c in enumerate(cands)},
        "hours": {x[i]: (c.hours or 0.0) * 2 for i, c in enumerate(cands)},  # half hours
        "count": {x[i]: 1.0 for i in range(n)},
    }
    order = {
        Objective.COST: ["unpriced", "cost", "untimed", "hours", "count"],
        Objective.HOURS: ["untimed", "hours", "unpriced", "cost", "count"],
        Objective.COUNT: ["count", "unpriced", "cost", "untimed", "hours"],
    }[options.objective]
    weights = {y[t.key]: -float(t.weight_units) for t in problem.targets}
    values: list[float] = []
    for objective in [weights, *(measures[m] for m in order)]:
        values = solve(cols, rows, objective)
        value = sum(c * values[i] for i, c in objective.items())
        rows.append((-math.inf, value + 0.5, dict(objective)))
    return frozenset(c.credential_id for i, c in enumerate(cands) if values[x[i]] > 0.5)


def solve(
    cols: list[tuple[float, float, bool]],
    rows: list[tuple[float, float, dict[int, float]]],
    objective: dict[int, float],
) -> list[float]:
    # HiGHS 1.16's presolve sometimes fails on these models; the reference retries without.
    for presolve in ("on", "off"):
        h = _Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-6)
        h.setOptionValue("presolve", presolve)
        lows, highs, integer = zip(*cols, strict=True)
        costs = [objective.get(i, 0.0) for i in range(len(cols))]
        h.addCols(len(cols), costs, lows, highs, 0, [], [], [])
        for i, is_int in enumerate(integer):
            if is_int:
                h.changeColIntegrality(i, highspy.HighsVarType.kInteger)
        for low, high, coefficients in rows:
            h.addRow(
                -highspy.kHighsInf if low == -math.inf else low,
                highspy.kHighsInf if high == math.inf else high,
                len(coefficients),
                list(coefficients),
                list(coefficients.values()),
            )
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return list(h.getSolution().col_value)
    raise AssertionError("the reference model could not be solved")


def catalogue(seed: int) -> PlanProblem:
    """Like bench/plans.py's instances, smaller, with unknown amounts and cycles."""
    rng = random.Random(seed)
    size = rng.randint(40, 120)
    targets = [f"t{i}" for i in range(rng.randint(4, 12))]
    extras = [f"x{i}" for i in range(rng.randint(3, 10))]
    found = []
    for n in range(size):
        teaches = {rng.choice(targets): rng.randint(1, 5) for _ in range(rng.randint(1, 3))}
        if rng.random() < 0.5:
            teaches[rng.choice(extras)] = rng.randint(1, 5)
        requires = {}
        if rng.random() < 0.4:
            requires[rng.choice(extras)] = rng.randint(1, 3)
        cost = None if rng.random() < 0.05 else Decimal(rng.randint(0, 40) * 25) / 100
        hours = None if rng.random() < 0.05 else rng.randint(1, 40) / 2
        found.append(Candidate(f"c{n:03}", cost, hours, teaches, requires))
    limited = rng.random() < 0.4
    options = PlanOptions(
        objective=rng.choice(list(Objective)),
        max_cost=Decimal(rng.randint(5, 40)) if limited and rng.random() < 0.7 else None,
        max_hours=float(rng.randint(5, 40)) if limited and rng.random() < 0.5 else None,
        time_limit_ms=120_000,
    )
    goals = [Target(s, rng.randint(1, 4), rng.choice([1.0, 0.25])) for s in targets]
    return PlanProblem(tuple(goals), {}, tuple(found), options)


@pytest.mark.parametrize("seed", range(40))
def test_the_planner_matches_the_reference_model(seed: int) -> None:
    problem = catalogue(seed)

    result = HighsPlanSolver().solve(problem)

    assert result.optimal
    expected = key_of(problem, reference(problem))
    assert key_of(problem, frozenset(result.credential_ids)) == expected
