"""Plans that prefer value (ValuePreference) against a brute force over every subset: the
objective's known sum (or the count) stays within the exact tolerance of its optimum, its
number of unknown amounts at its optimum, the value deficit is least among those plans, and
the objective and its tie-breakers decide the rest."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.domain.errors import PlanInputError
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import (
    UNITS,
    Candidate,
    Objective,
    PlanOptions,
    PlanProblem,
    Target,
    ValuePreference,
    to_units,
)
from tests.unit.domain.test_planner_properties import (
    SETTINGS,
    Key,
    assert_feasible,
    brute_force,
    problems,
)

TOLERANCES = [Fraction(0), Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(1)]
SCORES = [0.0, 0.1, 0.25, 0.5, 0.6667, 0.9, 1.0]


def _width(problem: PlanProblem) -> int:
    """How many entries after the weight make up the objective in a brute-force key: the
    number of unknown amounts and the known sum (COST, HOURS), or the count (COUNT)."""
    return 1 if problem.options.objective is Objective.COUNT else 2


def ranked(problem: PlanProblem, key: Key, deficit: Fraction) -> tuple[Fraction, ...]:
    """``key`` with the deficit compared right after the objective's unknown amounts."""
    width = _width(problem)
    return (*key[:width], deficit, *key[width:])


def preferred(
    problem: PlanProblem, keys: dict[frozenset[str], Key], preference: ValuePreference
) -> tuple[Fraction, ...]:
    """The brute-force key (see ``ranked``) of the best plan under the preference."""
    width = _width(problem)
    top = min(key[:width] for key in keys.values())
    best = {ids: key for ids, key in keys.items() if key[:width] == top}
    optimum = min(key[width] for key in best.values())
    allowed = {
        ids: key for ids, key in best.items() if key[width] <= optimum * (1 + preference.tolerance)
    }

    def deficit(ids: frozenset[str]) -> Fraction:
        return Fraction(sum(UNITS - to_units(preference.scores.get(c, 0.0)) for c in ids))

    return min(ranked(problem, key, deficit(ids)) for ids, key in allowed.items())


@SETTINGS
@given(problems(), st.data())
def test_highs_finds_the_brute_force_optimum_preferring_value(
    problem: PlanProblem, data: st.DataObject
) -> None:
    scores = {
        c.credential_id: data.draw(st.sampled_from(SCORES))
        for c in problem.candidates
        if data.draw(st.booleans())  # some have no score (count as 0)
    }
    preference = ValuePreference(scores, data.draw(st.sampled_from(TOLERANCES)))
    problem = replace(problem, options=replace(problem.options, alternatives=0, value=preference))
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    assert (result.solver, result.optimal) == ("highs", True)
    assert_feasible(problem, result, brute)
    ids = frozenset(result.credential_ids)
    key = brute.keys[ids]
    deficit = Fraction(sum(UNITS - to_units(scores.get(c, 0.0)) for c in ids))
    assert ranked(problem, key, deficit) == preferred(problem, brute.keys, preference)


def plan_of(tolerance: Fraction, scores: dict[str, float]) -> tuple[str, ...]:
    """One target; a costs 100 and scores 0.2, b costs 110 and scores 0.9, c (free, scores
    1) teaches nothing wanted."""
    problem = PlanProblem(
        targets=(Target("s", 2, 1.0),),
        held={},
        candidates=(
            Candidate("a", Decimal(100), 10.0, {"s": 2}),
            Candidate("b", Decimal(110), 10.0, {"s": 3}),
            Candidate("c", Decimal(0), 1.0, {"t": 1}),
        ),
        options=PlanOptions(
            objective=Objective.COST, value=ValuePreference(scores, tolerance), time_limit_ms=60_000
        ),
    )
    return HighsPlanSolver().solve(problem).credential_ids


def test_the_tolerance_is_exact() -> None:
    scores = {"a": 0.2, "b": 0.9, "c": 1.0}
    assert plan_of(Fraction(0), scores) == ("a",)  # value only breaks ties
    assert plan_of(Fraction(99, 1000), scores) == ("a",)  # 110 > 100 x 1.099 = 109.9
    assert plan_of(Fraction(1, 10), scores) == ("b",)  # 110 <= 100 x 1.1, exactly
    assert plan_of(Fraction(1, 10), {"a": 0.9, "b": 0.2}) == ("a",)


def test_value_breaks_ties_and_never_adds_credentials() -> None:
    # Equal cost: the higher value wins; the free credential c (score 1) is never added.
    problem = PlanProblem(
        targets=(Target("s", 1, 1.0),),
        held={},
        candidates=(
            Candidate("a", Decimal(50), 10.0, {"s": 1}),
            Candidate("b", Decimal(50), 10.0, {"s": 1}),
            Candidate("c", Decimal(0), 0.0, {"t": 1}),
        ),
        options=PlanOptions(value=ValuePreference({"a": 0.3, "b": 0.7, "c": 1.0})),
    )
    assert HighsPlanSolver().solve(problem).credential_ids == ("b",)
    plain = replace(problem, options=PlanOptions())
    assert HighsPlanSolver().solve(plain).credential_ids == ("a",)  # ties by id


@pytest.mark.parametrize(
    ("scores", "tolerance", "message"),
    [
        ({}, Fraction(-1, 10), "valueTolerance"),
        ({}, Fraction(11, 10), "valueTolerance"),
        ({"a": 1.5}, Fraction(0), "at most 1"),
        ({"a": -0.1}, Fraction(0), "value score of a"),
    ],
)
def test_bad_preferences_are_refused(
    scores: dict[str, float], tolerance: Fraction, message: str
) -> None:
    with pytest.raises(PlanInputError, match=message):
        ValuePreference(scores, tolerance)


@SETTINGS
@given(problems(), st.data())
def test_alternatives_preferring_value_are_the_next_preferred_plans(
    problem: PlanProblem, data: st.DataObject
) -> None:
    """Each alternative is what the preference picks among the plans left (covering
    something, containing no earlier plan), its tolerance taken from their optimum."""
    scores = {c.credential_id: data.draw(st.sampled_from(SCORES)) for c in problem.candidates}
    preference = ValuePreference(scores, data.draw(st.sampled_from(TOLERANCES)))
    problem = replace(problem, options=replace(problem.options, value=preference))
    brute = brute_force(problem)

    result = HighsPlanSolver().solve(problem)

    earlier = [frozenset(result.credential_ids)]
    for alternative in (*result.alternatives, None):
        remaining = {
            ids: key
            for ids, key in brute.keys.items()
            if brute.weights[ids] > 0 and not any(plan <= ids for plan in earlier)
        }
        if alternative is None:
            assert not remaining or len(result.alternatives) == problem.options.alternatives
            break
        assert remaining
        assert alternative.optimal
        assert_feasible(problem, alternative, brute)
        ids = frozenset(alternative.credential_ids)
        key = brute.keys[ids]
        deficit = Fraction(sum(UNITS - to_units(scores[c]) for c in ids))
        assert ranked(problem, key, deficit) == preferred(problem, remaining, preference)
        earlier.append(ids)
