from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest

from skillgraph.domain.errors import PlanInputError
from skillgraph.domain.greedy import GreedyPlanSolver, greedy_selection
from skillgraph.domain.plan_model import (
    Candidate,
    Exclusion,
    Objective,
    PlanOptions,
    PlanProblem,
    PlanResult,
    Step,
    Target,
)
from skillgraph.domain.planner import plan_credentials
from skillgraph.domain.prerequisites import plan_scope
from skillgraph.domain.selection import score_selection


def cred(
    credential_id: str,
    cost: str | None = "0",
    hours: float | None = 0.0,
    teaches: dict[str, int] | None = None,
    requires: dict[str, int] | None = None,
) -> Candidate:
    return Candidate(
        credential_id,
        None if cost is None else Decimal(cost),
        hours,
        teaches or {},
        requires or {},
    )


def target(skill_id: str, level: int = 1, weight: float = 1.0) -> Target:
    return Target(skill_id, level, weight)


def plan(
    targets: list[Target],
    candidates: list[Candidate],
    held: dict[str, int] | None = None,
    **options: object,
) -> PlanResult:
    problem = PlanProblem(
        tuple(targets),
        held or {},
        tuple(candidates),
        PlanOptions(**options),  # type: ignore[arg-type]
    )
    return plan_credentials(problem)


# choosing by objective


def test_the_cheapest_cover_is_chosen() -> None:
    result = plan(
        [target("t1"), target("t2")],
        [
            cred("both", "90", teaches={"t1": 1, "t2": 1}),
            cred("one", "50", teaches={"t1": 1}),
            cred("two", "30", teaches={"t2": 1}),
        ],
    )

    assert result.credential_ids == ("one", "two")
    assert result.total_cost == Decimal("80")
    assert (result.complete, result.optimal, result.solver) == (True, True, "highs")


def test_hours_as_objective_chooses_the_fastest_cover() -> None:
    candidates = [cred("slow", "10", 40, {"t1": 1}), cred("fast", "99", 5, {"t1": 1})]

    assert plan([target("t1")], candidates, objective=Objective.HOURS).credential_ids == ("fast",)


def test_count_as_objective_chooses_the_fewest_credentials() -> None:
    candidates = [
        cred("both", "90", teaches={"t1": 1, "t2": 1}),
        cred("one", "10", teaches={"t1": 1}),
        cred("two", "10", teaches={"t2": 1}),
    ]

    result = plan([target("t1"), target("t2")], candidates, objective="COUNT")

    assert result.credential_ids == ("both",)


def test_equal_cost_is_decided_by_hours_then_by_count() -> None:
    by_hours = plan([target("t1")], [cred("a", "10", 9, {"t1": 1}), cred("b", "10", 3, {"t1": 1})])
    by_count = plan(
        [target("t1"), target("t2")],
        [
            cred("pair1", "5", 1, {"t1": 1}),
            cred("pair2", "5", 1, {"t2": 1}),
            cred("single", "10", 2, {"t1": 1, "t2": 1}),
        ],
    )

    assert by_hours.credential_ids == ("b",)
    assert by_count.credential_ids == ("single",)


def test_equal_hours_are_decided_by_cost() -> None:
    candidates = [cred("a", "20", 3, {"t1": 1}), cred("b", "10", 3, {"t1": 1})]

    result = plan([target("t1")], candidates, objective=Objective.HOURS)

    assert result.credential_ids == ("b",)


def test_a_credential_must_teach_the_target_level() -> None:
    candidates = [cred("low", "1", teaches={"t1": 2}), cred("high", "9", teaches={"t1": 4})]

    assert plan([target("t1", 3)], candidates, {"t1": 2}).credential_ids == ("high",)


# unknown cost and hours


def test_an_unknown_cost_counts_as_dearer_than_any_known_one() -> None:
    candidates = [cred("unknown", None, 1, {"t1": 1}), cred("dear", "999", 50, {"t1": 1})]

    result = plan([target("t1")], candidates)

    assert result.credential_ids == ("dear",)
    assert result.unpriced == ()


def test_an_unpriced_credential_is_used_when_it_covers_more() -> None:
    candidates = [cred("unknown", None, 1, {"t1": 1, "t2": 1}), cred("known", "10", 1, {"t1": 1})]

    result = plan([target("t1"), target("t2")], candidates)

    assert result.credential_ids == ("unknown",)
    assert result.unpriced == ("unknown",)
    assert result.total_cost == Decimal(0)


def test_fewer_unpriced_steps_beat_a_lower_known_cost() -> None:
    candidates = [
        cred("u1", None, teaches={"t1": 1}),
        cred("u2", None, teaches={"t2": 1}),
        cred("u_both", None, teaches={"t1": 1, "t2": 1}),
        cred("cheap", "1", teaches={"t1": 1}),
    ]

    result = plan([target("t1"), target("t2")], candidates)

    assert result.credential_ids == ("u_both",)


def test_an_unknown_duration_counts_as_longer_than_any_known_one() -> None:
    candidates = [cred("untimed", "5", None, {"t1": 1}), cred("long", "5", 900, {"t1": 1})]

    result = plan([target("t1")], candidates, objective=Objective.HOURS)

    assert result.credential_ids == ("long",)
    assert result.untimed == ()


def test_unknown_amounts_never_fit_a_limit() -> None:
    candidates = [cred("unpriced", None, 1, {"t1": 1}), cred("untimed", "1", None, {"t2": 1})]

    by_cost = plan([target("t1"), target("t2")], candidates, max_cost=Decimal(1000))
    by_hours = plan([target("t1"), target("t2")], candidates, max_hours=1000.0)

    assert by_cost.credential_ids == ("untimed",)
    assert by_cost.untimed == ("untimed",)
    assert by_cost.excluded == {"unpriced": Exclusion.OVER_LIMIT}
    assert by_hours.credential_ids == ("unpriced",)
    assert by_hours.excluded == {"untimed": Exclusion.OVER_LIMIT}


# prerequisites


def test_a_prerequisite_only_credential_is_added_before_the_one_needing_it() -> None:
    candidates = [
        cred("advanced", "100", 10, {"t1": 3}, {"basics": 2}),
        cred("intro", "20", 5, {"basics": 2}),
    ]

    result = plan([target("t1", 3)], candidates)

    assert result.steps == (
        Step(1, "intro", covers=(), enables=("advanced",)),
        Step(2, "advanced", covers=("t1",), enables=()),
    )
    assert result.total_cost == Decimal("120")
    assert result.total_hours == 15.0


def test_a_held_prerequisite_needs_no_extra_credential() -> None:
    candidates = [
        cred("advanced", "100", teaches={"t1": 3}, requires={"basics": 2}),
        cred("intro", "20", teaches={"basics": 2}),
    ]

    assert plan([target("t1", 3)], candidates, {"basics": 2}).credential_ids == ("advanced",)


@pytest.mark.parametrize("length", [7, 8, 30, 300])
def test_prerequisite_chains_of_any_length_are_followed(length: int) -> None:
    # Course i teaches skill i and requires skill i+1; the last needs nothing.
    chain = [
        cred(f"c{i:03}", "10", teaches={f"s{i:03}": 1}, requires={f"s{i + 1:03}": 1})
        for i in range(length - 1)
    ] + [cred(f"c{length - 1:03}", "10", teaches={f"s{length - 1:03}": 1})]
    direct = cred("direct", "549.99", teaches={"s000": 1})

    alone = plan([target("s000")], chain)
    against_direct = plan([target("s000")], [*chain, direct])

    assert alone.credential_ids == tuple(f"c{i:03}" for i in reversed(range(length)))
    assert (alone.uncoverable, alone.complete, alone.optimal) == ((), True, True)
    assert alone.total_cost == Decimal(10 * length)
    expected = alone.credential_ids if 10 * length < Decimal("549.99") else ("direct",)
    assert against_direct.credential_ids == expected
    assert against_direct.optimal


def test_prerequisites_chain_through_several_credentials() -> None:
    candidates = [
        cred("c3", "1", teaches={"t1": 1}, requires={"s2": 1}),
        cred("c2", "1", teaches={"s2": 1}, requires={"s1": 1}),
        cred("c1", "1", teaches={"s1": 1}, requires={"s0": 1}),
        cred("c0", "1", teaches={"s0": 1}),
    ]

    result = plan([target("t1")], candidates)

    assert result.credential_ids == ("c0", "c1", "c2", "c3")
    assert [s.enables for s in result.steps] == [("c1",), ("c2",), ("c3",), ()]


def test_a_cheaper_route_through_prerequisites_beats_a_direct_one() -> None:
    candidates = [
        cred("direct", "100", teaches={"t1": 1}),
        cred("course", "30", teaches={"t1": 1}, requires={"s1": 1}),
        cred("intro", "30", teaches={"s1": 1}),
    ]

    assert plan([target("t1")], candidates).credential_ids == ("intro", "course")


def test_the_plan_never_relies_on_a_prerequisite_cycle() -> None:
    candidates = [
        cred("x", "1", teaches={"t1": 1, "s1": 1}, requires={"s2": 1}),
        cred("y", "1", teaches={"s2": 1}, requires={"s1": 1}),
        cred("breaker", "50", teaches={"s1": 1}),
    ]

    result = plan([target("t1")], candidates)

    assert result.credential_ids == ("breaker", "y", "x")


# uncoverable


def test_a_target_nobody_teaches_is_uncoverable() -> None:
    result = plan([target("t1"), target("t2")], [cred("a", "5", teaches={"t1": 1})])

    assert result.uncoverable == ("t2",)
    assert result.complete
    assert (result.covered_weight, result.total_weight) == (1.0, 2.0)


def test_a_target_taught_only_below_its_level_is_uncoverable() -> None:
    result = plan([target("t1", 4)], [cred("a", "5", teaches={"t1": 3})])

    assert result.uncoverable == ("t1",)
    assert result.steps == ()


def test_a_target_whose_only_teacher_needs_an_untaught_skill_is_uncoverable() -> None:
    candidates = [cred("a", "5", teaches={"t1": 1}, requires={"nowhere": 1})]

    assert plan([target("t1")], candidates).uncoverable == ("t1",)


def test_a_target_taught_only_inside_a_cycle_is_uncoverable() -> None:
    candidates = [
        cred("x", "1", teaches={"t1": 1, "s1": 1}, requires={"s2": 1}),
        cred("y", "1", teaches={"s2": 1}, requires={"s1": 1}),
    ]

    result = plan([target("t1")], candidates)

    assert result.uncoverable == ("t1",)
    assert (result.steps, result.complete, result.optimal) == ((), True, True)
    assert result.excluded == {"x": Exclusion.UNREACHABLE, "y": Exclusion.UNREACHABLE}


def test_credentials_that_can_never_be_taken_are_reported() -> None:
    candidates = [
        cred("ok", "5", teaches={"t1": 1}),
        cred("orphan", "1", teaches={"t1": 1}, requires={"nowhere": 1}),
        cred("dear", "500", teaches={"t1": 1}),
        cred("after_dear", "1", teaches={"t1": 1}, requires={"d": 1}),
        cred("teaches_d", "500", teaches={"d": 1}),
    ]

    result = plan([target("t1")], candidates, max_cost=Decimal(100))

    assert result.credential_ids == ("ok",)
    assert result.excluded == {
        "orphan": Exclusion.UNREACHABLE,
        "dear": Exclusion.OVER_LIMIT,
        "teaches_d": Exclusion.OVER_LIMIT,
        "after_dear": Exclusion.UNREACHABLE,
    }


# limits


COVERS = [
    cred("big", "100", 10, {"t1": 1, "t2": 1}),
    cred("one", "60", 4, {"t1": 1}),
    cred("two", "50", 8, {"t2": 1}),
]
TARGETS = [target("t1", weight=1.0), target("t2", weight=0.25)]


def test_a_cost_limit_keeps_the_most_weight_it_can() -> None:
    result = plan(TARGETS, COVERS, max_cost=Decimal("70"))

    assert result.credential_ids == ("one",)
    assert result.covered_weight == 1.0
    assert not result.complete
    assert result.optimal


def test_an_hours_limit_keeps_the_most_weight_it_can() -> None:
    result = plan(TARGETS, COVERS, max_hours=9.0)

    assert result.credential_ids == ("one",)
    assert not result.complete


def test_a_limit_that_allows_full_cover_changes_nothing() -> None:
    assert plan(TARGETS, COVERS, max_cost=Decimal("100")).credential_ids == ("big",)


def test_limits_count_prerequisite_credentials_too() -> None:
    candidates = [
        cred("advanced", "60", teaches={"t1": 1}, requires={"s1": 1}),
        cred("intro", "50", teaches={"s1": 1}),
    ]

    result = plan([target("t1")], candidates, max_cost=Decimal("100"))

    assert result.steps == ()
    assert result.uncoverable == ()
    assert not result.complete


def test_a_zero_limit_still_allows_free_credentials() -> None:
    candidates = [cred("free", "0", 0, {"t1": 1}), cred("paid", "1", 0, {"t2": 1})]

    result = plan([target("t1"), target("t2")], candidates, max_cost=Decimal(0), max_hours=0.0)

    assert result.credential_ids == ("free",)


# alternatives


ALTERNATIVES = [
    cred("a", "10", teaches={"t1": 1}),
    cred("b", "20", teaches={"t1": 1}),
    cred("c", "30", teaches={"t1": 1}),
    cred("free_extra", "0", teaches={"other": 1}),
]


def test_alternatives_are_the_next_best_plans_in_order() -> None:
    result = plan([target("t1")], ALTERNATIVES, alternatives=2)

    assert result.credential_ids == ("a",)
    assert [alt.credential_ids for alt in result.alternatives] == [("b",), ("c",)]
    assert all(alt.optimal and alt.alternatives == () for alt in result.alternatives)


def test_there_are_no_more_alternatives_than_plans() -> None:
    result = plan([target("t1")], ALTERNATIVES, alternatives=3)

    assert [alt.credential_ids for alt in result.alternatives] == [("b",), ("c",)]


def test_alternatives_are_not_requested_by_default() -> None:
    assert plan([target("t1")], ALTERNATIVES).alternatives == ()


def test_an_alternative_may_cover_less_weight() -> None:
    result = plan(TARGETS, COVERS, alternatives=2)

    assert [alt.credential_ids for alt in result.alternatives] == [("one", "two"), ("one",)]
    assert [alt.complete for alt in result.alternatives] == [True, False]


# edge cases and wiring


def test_nothing_to_cover_gives_an_empty_complete_plan() -> None:
    result = plan([], ALTERNATIVES, alternatives=3)

    assert result.steps == ()
    assert (result.complete, result.optimal, result.total_cost) == (True, True, Decimal(0))
    assert result.alternatives == ()


def test_the_plan_does_not_depend_on_candidate_order() -> None:
    candidates = [
        cred("c1", "10", 1, {"t1": 1, "s": 1}),
        cred("c2", "10", 1, {"t1": 1}, {"s": 1}),
        cred("c3", "10", 1, {"t2": 1}, {"s": 1}),
        cred("c4", "10", 1, {"t2": 1, "t1": 1}),
    ]
    shuffled = list(candidates)
    random.Random(7).shuffle(shuffled)

    first = plan([target("t1"), target("t2")], candidates, alternatives=3)
    second = plan([target("t1"), target("t2")], shuffled, alternatives=3)

    assert first == second


def hard_instance() -> tuple[list[Target], list[Candidate]]:
    rng = random.Random(3)
    candidates = [
        cred(
            f"c{i:03}",
            str(rng.randint(1, 500)),
            rng.randint(1, 40),
            {f"s{rng.randint(0, 80)}": rng.randint(1, 5) for _ in range(3)},
            {f"s{rng.randint(0, 80)}": rng.randint(1, 3) for _ in range(rng.randint(0, 2))},
        )
        for i in range(400)
    ]
    return [target(f"s{i}", 3) for i in range(40)], candidates


@pytest.mark.parametrize("limits", [{}, {"max_cost": Decimal(2000)}])
def test_a_timed_out_search_returns_a_plan_at_least_as_good_as_greedy(
    limits: dict[str, object],
) -> None:
    targets, candidates = hard_instance()
    problem = PlanProblem(
        tuple(targets), {}, tuple(candidates), PlanOptions(time_limit_ms=1, **limits)
    )  # type: ignore[arg-type]

    result = plan_credentials(problem)
    greedy = greedy_selection(problem, plan_scope(problem))

    assert not result.optimal
    assert result.solver in ("highs", "greedy")
    key = score_selection(problem, result.credential_ids).key(Objective.COST)
    assert key <= score_selection(problem, greedy).key(Objective.COST)
    assert result.covered_weight > 0


def test_the_greedy_solver_can_be_swapped_in() -> None:
    problem = PlanProblem((target("t1"),), {}, (cred("a", "1", teaches={"t1": 1}),))

    result = plan_credentials(problem, GreedyPlanSolver())

    assert (result.credential_ids, result.solver, result.optimal) == (("a",), "greedy", False)


# validation


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Target("t", 0, 1.0), "target level of t"),
        (lambda: Target("t", 6, 1.0), "target level of t"),
        (lambda: Target("t", 1, 0.0), "at least 1e-6"),
        (lambda: Target("t", 1, math.nan), "finite"),
        (lambda: cred("c", teaches={"s": 6}), "level c teaches s"),
        (lambda: cred("c", requires={"s": 0}), "level c requires s"),
        (lambda: cred("c", "-1"), "cost of c"),
        (lambda: Candidate("c", Decimal("NaN")), "cost of c"),
        (lambda: cred("c", hours=-1.0), "hours of c"),
        (lambda: cred("c", hours=math.inf), "hours of c"),
        (lambda: PlanOptions(alternatives=4), "alternatives must be 0 to 3"),
        (lambda: PlanOptions(alternatives=-1), "alternatives must be 0 to 3"),
        (lambda: PlanOptions(time_limit_ms=0), "timeLimitMs"),
        (lambda: PlanOptions(time_limit_ms=-5), "timeLimitMs"),
        (lambda: PlanOptions(max_cost=Decimal("-0.01")), "maxCost"),
        (lambda: PlanOptions(max_hours=-1.0), "maxHours"),
        (lambda: PlanOptions(objective="CHEAP"), "COST, HOURS or COUNT"),  # type: ignore[arg-type]
        (lambda: PlanProblem((), {"s": 9}, ()), "held level of s"),
        (lambda: PlanProblem((Target("t", 2, 1), Target("t", 2, 3)), {}, ()), "more than once"),
        (lambda: PlanProblem((), {}, (cred("c"), cred("c"))), "candidate twice"),
        (lambda: PlanProblem((Target("t", 2, 1),), {"t": 2}, ()), "already held"),
    ],
)
def test_bad_planning_input_is_refused_with_a_clear_message(make: object, message: str) -> None:
    with pytest.raises(PlanInputError, match=message):
        make()  # type: ignore[operator]


def test_plan_input_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="alternatives"):
        PlanOptions(alternatives=9)


def test_free_credentials_that_are_not_needed_are_left_out() -> None:
    # Found by the property tests: count, the last tie-breaker, removes free extras.
    candidates = [
        cred("c00", "0", 0.0, {"s0": 1}, {"s0": 1, "s2": 1}),
        cred("c01", "0", 0.5, {"s0": 1}),
        cred("c03", "9.99", 0.0, {"s0": 1}),
        cred("c04", "0", 0.0, {"s2": 1}),
        cred("c05", "0", 0.0, {"s0": 1}),
        cred("c06", "0", 0.0, {"s0": 1}, {"s0": 1}),
        cred("c10", "0", 0.0, {"s2": 1}),
    ]

    assert plan([target("s0")], candidates).credential_ids == ("c05",)


def test_a_plan_survives_a_false_infeasible_from_highs_presolve() -> None:
    # Found by the property tests: with presolve, HiGHS 1.16 calls the third objective's
    # model infeasible although the second objective's optimum is a feasible point.
    candidates = [
        cred("c00", "0", 1.0, {"s0": 1, "s3": 1}, {"s0": 1}),
        cred("c01", "0", 2.5, {"s0": 1, "s1": 1, "s4": 3}),
        cred("c02", "0", 2.5, {"s0": 1}, {"s0": 1, "s1": 3}),
        cred("c03", "0", 10.0, {"s0": 4}),
        cred("c04", "5", 0.5, {"s0": 3, "s1": 2, "s3": 1}, {"s4": 1}),
        cred("c05", "0", 2.5, {"s0": 1, "s1": 5, "s2": 1}),
        cred("c06", "0", 10.0, {"s0": 1}),
        cred("c07", "0", 0.5, {"s0": 2, "s1": 1}, {"s0": 1, "s1": 1}),
        cred("c08", "0", 1.0, {"s0": 1, "s1": 1, "s4": 5}, {"s0": 1}),
        cred("c09", "0", 0.5, {"s0": 2, "s1": 1}, {"s0": 1, "s1": 1}),
        cred("c10", "0", 0.0, {"s0": 1, "s1": 3, "s2": 1}, {"s0": 1}),
        cred("c11", "0", 1.0, {"s0": 1}, {"s2": 1, "s3": 1}),
    ]

    result = plan([target("s3")], candidates, objective=Objective.HOURS)

    assert (result.credential_ids, result.optimal) == (("c01", "c04"), True)
