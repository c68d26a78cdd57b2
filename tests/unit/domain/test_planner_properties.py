"""The planners against a brute force that enumerates every subset of candidates.

The generated catalogues include ladder courses (teaching a skill they require at a lower
level), prerequisite-only credentials (teaching only skills no target asks for), prerequisite
cycles, unknown costs and hours, several target levels on one skill (as a pathway toward
several roles has), budgets (maxCost, maxHours) and alternatives; ``event`` records which
cases each run met (shown by pytest --hypothesis-show-statistics).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from skillgraph.domain.greedy import GreedyPlanSolver
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import (
    Candidate,
    Objective,
    PlanOptions,
    PlanProblem,
    PlanResult,
    Target,
)

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SKILLS = [f"s{i}" for i in range(10)]
COSTS = [None, "0", "5", "9.99", "10", "12.50", "20"]
HOURS = [None, 0.0, 0.5, 1.0, 2.5, 4.0, 10.0]
WEIGHTS = [1.0, 0.25, 0.5, 2.0]


@st.composite
def candidates(draw: st.DrawFn, skills: list[str], count: int) -> list[Candidate]:
    skill = st.sampled_from(skills)
    found = []
    for i in range(count):
        cost = draw(st.sampled_from(COSTS))
        teaches = draw(st.dictionaries(skill, st.integers(1, 5), min_size=1, max_size=3))
        requires = draw(st.dictionaries(skill, st.integers(1, 3), max_size=2))
        if draw(st.integers(0, 4)) == 0:
            # A ladder course: it requires a lower level of a skill it teaches.
            rung = draw(st.sampled_from(sorted(teaches)))
            if teaches[rung] > 1:
                requires[rung] = draw(st.integers(1, teaches[rung] - 1))
        found.append(
            Candidate(
                f"c{i:02}",
                None if cost is None else Decimal(cost),
                draw(st.sampled_from(HOURS)),
                teaches,
                requires,
            )
        )
    return found


@st.composite
def problems(draw: st.DrawFn, budgets: bool | None = None) -> PlanProblem:
    skills = SKILLS[: draw(st.integers(2, len(SKILLS)))]
    skill = st.sampled_from(skills)
    found = draw(candidates(skills, draw(st.integers(0, 12))))
    held = draw(st.dictionaries(skill, st.integers(1, 4), max_size=3))
    targets: dict[tuple[str, int], Target] = {}
    for skill_id in draw(st.lists(skill, unique=True, min_size=1, max_size=6)):
        if held.get(skill_id, 0) >= 5:
            continue
        levels = draw(
            st.lists(st.integers(held.get(skill_id, 0) + 1, 5), min_size=1, max_size=2, unique=True)
        )
        for level in levels:
            targets[skill_id, level] = Target(skill_id, level, draw(st.sampled_from(WEIGHTS)))
    limited = draw(st.booleans()) if budgets is None else budgets
    which = draw(st.sampled_from(["cost", "hours", "both"])) if limited else ""
    max_cost = draw(st.sampled_from(["0", "10", "15", "25.5", "40"]))
    max_hours = draw(st.sampled_from([0.0, 1.0, 3.0, 5.5, 12.0]))
    options = PlanOptions(
        objective=draw(st.sampled_from(list(Objective))),
        max_cost=Decimal(max_cost) if which in ("cost", "both") else None,
        max_hours=max_hours if which in ("hours", "both") else None,
        alternatives=draw(st.integers(0, 3)),
        time_limit_ms=120_000,
    )
    return PlanProblem(tuple(targets.values()), held, tuple(found), options)


Key = tuple[Fraction, ...]


@dataclass(frozen=True)
class BruteForce:
    """Every orderable subset within the limits, with its lexicographic key."""

    keys: dict[frozenset[str], Key]
    weights: dict[frozenset[str], Fraction]
    coverable: frozenset[tuple[str, int]]


def _exact(value: float | Decimal | None) -> Fraction:
    if value is None:
        return Fraction(0)
    return Fraction(value) if isinstance(value, Decimal) else Fraction(repr(value))


def brute_force(problem: PlanProblem) -> BruteForce:
    """Keys follow ``Objective``'s definition, written out independently: an unknown amount
    counts first as a number of unknowns, then the known ones are added; unknowns never fit
    a limit."""
    cands = list(problem.candidates)
    n = len(cands)
    # levels[mask]: held plus what the candidates in mask teach.
    levels: list[dict[str, int]] = [dict(problem.held)]
    orderable = [True]
    for mask in range(1, 1 << n):
        low = (mask & -mask).bit_length() - 1
        merged = dict(levels[mask & (mask - 1)])
        for skill_id, level in cands[low].teaches.items():
            merged[skill_id] = max(merged.get(skill_id, 0), level)
        levels.append(merged)
        # Orderable iff some member can come last after an orderable rest.
        orderable.append(
            any(
                mask >> i & 1
                and orderable[mask ^ (1 << i)]
                and all(
                    levels[mask ^ (1 << i)].get(s, 0) >= lv for s, lv in cands[i].requires.items()
                )
                for i in range(n)
            )
        )
    options = problem.options
    max_cost = None if options.max_cost is None else Fraction(options.max_cost)
    max_hours = None if options.max_hours is None else _exact(options.max_hours)
    keys: dict[frozenset[str], Key] = {}
    weights: dict[frozenset[str], Fraction] = {}
    coverable: set[tuple[str, int]] = set()
    for mask in range(1 << n):
        if not orderable[mask]:
            continue
        chosen = [cands[i] for i in range(n) if mask >> i & 1]
        covered = {
            (t.skill_id, t.level)
            for t in problem.targets
            if levels[mask].get(t.skill_id, 0) >= t.level
        }
        coverable |= covered
        unpriced = Fraction(sum(c.cost is None for c in chosen))
        untimed = Fraction(sum(c.hours is None for c in chosen))
        cost = sum((_exact(c.cost) for c in chosen), Fraction(0))
        hours = sum((_exact(c.hours) for c in chosen), Fraction(0))
        if max_cost is not None and (unpriced or cost > max_cost):
            continue
        if max_hours is not None and (untimed or hours > max_hours):
            continue
        weight = sum(
            (Fraction(t.weight_units) for t in problem.targets if t.key in covered), Fraction(0)
        )
        ids = frozenset(c.credential_id for c in chosen)
        count = Fraction(len(chosen))
        tail: tuple[Fraction, ...] = {
            Objective.COST: (unpriced, cost, untimed, hours, count),
            Objective.HOURS: (untimed, hours, unpriced, cost, count),
            Objective.COUNT: (count, unpriced, cost, untimed, hours),
        }[options.objective]
        keys[ids] = (-weight, *tail)
        weights[ids] = weight
    return BruteForce(keys, weights, frozenset(coverable))


def assert_feasible(problem: PlanProblem, result: PlanResult, brute: BruteForce) -> None:
    by_id = problem.by_id
    ids = result.credential_ids
    assert len(set(ids)) == len(ids)
    assert [step.position for step in result.steps] == list(range(1, len(ids) + 1))
    levels = dict(problem.held)
    covered: list[tuple[str, int]] = []
    for step in result.steps:
        candidate = by_id[step.credential_id]
        for skill_id, level in candidate.requires.items():
            assert levels.get(skill_id, 0) >= level, f"{step.credential_id} lacks {skill_id}"
        first = []
        for target in problem.targets:
            if target.key not in covered and candidate.teaches_at_least(
                target.skill_id, target.level
            ):
                covered.append(target.key)
                first.append(target.skill_id)
        assert step.covers == tuple(sorted(set(first)))
        for skill_id, level in candidate.teaches.items():
            levels[skill_id] = max(levels.get(skill_id, 0), level)
    chosen = [by_id[cid] for cid in ids]
    assert result.total_cost == sum((c.price for c in chosen), Decimal(0))
    assert math.isclose(result.total_hours, math.fsum(c.hours or 0.0 for c in chosen))
    assert result.unpriced == tuple(c.credential_id for c in chosen if c.cost is None)
    assert result.untimed == tuple(c.credential_id for c in chosen if c.hours is None)
    options = problem.options
    assert options.max_cost is None or (
        not result.unpriced and result.total_cost <= options.max_cost
    )
    assert options.max_hours is None or (
        not result.untimed and result.total_hours <= options.max_hours + 1e-9
    )
    weight = math.fsum(t.weight for t in problem.targets if t.key in covered)
    assert math.isclose(result.covered_weight, weight)
    all_targets = {t.key for t in problem.targets}
    assert set(result.uncoverable) == {s for s, _ in all_targets - brute.coverable}
    assert result.complete == (brute.coverable <= set(covered))
    assert frozenset(ids) in brute.keys


def best(keys: Iterable[Key]) -> Key:
    return min(keys)


def record(problem: PlanProblem) -> None:
    """Which of the cases the module doc names this example exercises."""
    target_skills = {t.skill_id for t in problem.targets}
    for c in problem.candidates:
        if any(c.requires.get(s, 0) and c.requires[s] < lv for s, lv in c.teaches.items()):
            event("ladder course")
        if not target_skills & set(c.teaches):
            event("prerequisite-only candidate")
        if c.cost is None or c.hours is None:
            event("unknown cost or hours")
    if len(target_skills) < len(problem.targets):
        event("a skill targeted at two levels")
    if problem.options.max_cost is not None or problem.options.max_hours is not None:
        event("budget")


@SETTINGS
@given(problems())
def test_highs_finds_the_brute_force_optimum(problem: PlanProblem) -> None:
    record(problem)
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    assert (result.solver, result.optimal) == ("highs", True)
    assert_feasible(problem, result, brute)
    assert brute.keys[frozenset(result.credential_ids)] == best(brute.keys.values())


@SETTINGS
@given(problems(budgets=True))
def test_with_a_budget_the_plan_covers_the_most_weight_that_fits(problem: PlanProblem) -> None:
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    most = max(brute.weights.values())
    assert brute.weights[frozenset(result.credential_ids)] == most
    assert brute.keys[frozenset(result.credential_ids)] == best(brute.keys.values())


@SETTINGS
@given(problems())
def test_highs_alternatives_are_the_next_best_plans(problem: PlanProblem) -> None:
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    earlier = [frozenset(result.credential_ids)]
    for alternative in (*result.alternatives, None):
        remaining = [
            key
            for ids, key in brute.keys.items()
            if brute.weights[ids] > 0 and not any(plan <= ids for plan in earlier)
        ]
        if alternative is None:
            assert not remaining or len(result.alternatives) == problem.options.alternatives
            break
        assert remaining
        assert alternative.optimal
        assert_feasible(problem, alternative, brute)
        assert brute.keys[frozenset(alternative.credential_ids)] == best(remaining)
        earlier.append(frozenset(alternative.credential_ids))


@SETTINGS
@given(problems())
def test_greedy_is_feasible_and_never_better_than_the_optimum(problem: PlanProblem) -> None:
    brute = brute_force(problem)

    result = GreedyPlanSolver().solve(problem)

    assert_feasible(problem, result, brute)
    assert brute.keys[frozenset(result.credential_ids)] >= best(brute.keys.values())
