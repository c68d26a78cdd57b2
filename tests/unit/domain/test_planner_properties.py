"""The planners against a brute force that enumerates every subset of candidates."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
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
HOURS = [0.0, 0.5, 1.0, 2.5, 4.0, 10.0]
WEIGHTS = [1.0, 0.25, 0.5, 2.0]


@st.composite
def problems(draw: st.DrawFn) -> PlanProblem:
    skills = SKILLS[: draw(st.integers(2, len(SKILLS)))]
    skill = st.sampled_from(skills)
    candidates = []
    for i in range(draw(st.integers(0, 12))):
        cost = draw(st.sampled_from(COSTS))
        candidates.append(
            Candidate(
                f"c{i:02}",
                None if cost is None else Decimal(cost),
                draw(st.sampled_from(HOURS)),
                draw(st.dictionaries(skill, st.integers(1, 5), min_size=1, max_size=3)),
                draw(st.dictionaries(skill, st.integers(1, 3), max_size=2)),
            )
        )
    held = draw(st.dictionaries(skill, st.integers(1, 4), max_size=3))
    targets = []
    for skill_id in draw(st.lists(skill, unique=True, min_size=1, max_size=6)):
        level = draw(st.integers(held.get(skill_id, 0) + 1, 5))
        targets.append(Target(skill_id, level, draw(st.sampled_from(WEIGHTS))))
    max_cost = draw(st.none() | st.sampled_from(["0", "10", "15", "25.5", "40"]))
    options = PlanOptions(
        objective=draw(st.sampled_from(list(Objective))),
        max_cost=None if max_cost is None else Decimal(max_cost),
        max_hours=draw(st.none() | st.sampled_from([0.0, 1.0, 3.0, 5.5, 12.0])),
        alternatives=draw(st.integers(0, 3)),
        time_limit_ms=120_000,
    )
    return PlanProblem(tuple(targets), held, tuple(candidates), options)


Key = tuple[Fraction, ...]


@dataclass(frozen=True)
class BruteForce:
    """Every orderable subset within the limits, with its lexicographic key."""

    keys: dict[frozenset[str], Key]
    weights: dict[frozenset[str], Fraction]
    coverable: frozenset[str]


def _exact(value: float | Decimal | None) -> Fraction:
    if value is None:
        return Fraction(0)
    return Fraction(value) if isinstance(value, Decimal) else Fraction(repr(value))


def brute_force(problem: PlanProblem) -> BruteForce:
    candidates = list(problem.candidates)
    n = len(candidates)
    # levels[mask]: held plus what the candidates in mask teach.
    levels: list[dict[str, int]] = [dict(problem.held)]
    orderable = [True]
    for mask in range(1, 1 << n):
        low = (mask & -mask).bit_length() - 1
        merged = dict(levels[mask & (mask - 1)])
        for skill_id, level in candidates[low].teaches.items():
            merged[skill_id] = max(merged.get(skill_id, 0), level)
        levels.append(merged)
        # Orderable iff some member can come last after an orderable rest.
        orderable.append(
            any(
                mask >> i & 1
                and orderable[mask ^ (1 << i)]
                and all(
                    levels[mask ^ (1 << i)].get(s, 0) >= lv
                    for s, lv in candidates[i].requires.items()
                )
                for i in range(n)
            )
        )
    options = problem.options
    max_cost = None if options.max_cost is None else Fraction(options.max_cost)
    max_hours = None if options.max_hours is None else _exact(options.max_hours)
    keys: dict[frozenset[str], Key] = {}
    weights: dict[frozenset[str], Fraction] = {}
    coverable: set[str] = set()
    for mask in range(1 << n):
        if not orderable[mask]:
            continue
        chosen = [candidates[i] for i in range(n) if mask >> i & 1]
        covered = {
            t.skill_id for t in problem.targets if levels[mask].get(t.skill_id, 0) >= t.level
        }
        coverable |= covered
        cost = sum((_exact(c.cost) for c in chosen), Fraction(0))
        hours = sum((_exact(c.hours) for c in chosen), Fraction(0))
        if (max_cost is not None and cost > max_cost) or (
            max_hours is not None and hours > max_hours
        ):
            continue
        weight = sum(
            (_exact(t.weight) for t in problem.targets if t.skill_id in covered), Fraction(0)
        )
        ids = frozenset(c.credential_id for c in chosen)
        count = Fraction(len(chosen))
        tail: tuple[Fraction, Fraction, Fraction] = {
            Objective.COST: (cost, hours, count),
            Objective.HOURS: (hours, cost, count),
            Objective.COUNT: (count, cost, hours),
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
    covered: list[str] = []
    for step in result.steps:
        candidate = by_id[step.credential_id]
        for skill_id, level in candidate.requires.items():
            assert levels.get(skill_id, 0) >= level, f"{step.credential_id} lacks {skill_id}"
        for target in problem.targets:
            if target.skill_id not in covered and candidate.teaches_at_least(
                target.skill_id, target.level
            ):
                covered.append(target.skill_id)
                assert target.skill_id in step.covers
        assert set(step.covers) <= set(covered)
        for skill_id, level in candidate.teaches.items():
            levels[skill_id] = max(levels.get(skill_id, 0), level)
    assert sorted(s for step in result.steps for s in step.covers) == sorted(covered)
    chosen = [by_id[cid] for cid in ids]
    assert result.total_cost == sum((c.price for c in chosen), Decimal(0))
    assert math.isclose(result.total_hours, math.fsum(c.hours for c in chosen))
    options = problem.options
    assert options.max_cost is None or result.total_cost <= options.max_cost
    assert options.max_hours is None or result.total_hours <= options.max_hours + 1e-9
    weight = math.fsum(t.weight for t in problem.targets if t.skill_id in covered)
    assert math.isclose(result.covered_weight, weight)
    all_targets = {t.skill_id for t in problem.targets}
    assert set(result.uncoverable) == all_targets - brute.coverable
    assert result.complete == (brute.coverable <= set(covered))
    assert frozenset(ids) in brute.keys


def best(keys: Iterable[Key]) -> Key:
    return min(keys)


@SETTINGS
@given(problems())
def test_highs_finds_the_brute_force_optimum(problem: PlanProblem) -> None:
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    assert (result.solver, result.optimal) == ("highs", True)
    assert_feasible(problem, result, brute)
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
