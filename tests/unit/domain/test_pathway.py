"""Plans toward several roles: the union of their targets, the order, serving, reachability."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgraph.domain.errors import PlanInputError
from skillgraph.domain.pathway import RoleTargets, plan_pathway, union_targets
from skillgraph.domain.plan_model import Candidate, PlanOptions, PlanProblem, Target
from tests.unit.domain.test_planner_properties import (
    assert_feasible,
    best,
    brute_force,
    candidates,
)


def cred(
    cid: str, cost: str, teaches: dict[str, int], requires: dict[str, int] | None = None
) -> Candidate:
    return Candidate(cid, Decimal(cost), 1.0, teaches, requires or {})


def problem(roles: list[RoleTargets], found: list[Candidate], **options: object) -> PlanProblem:
    return PlanProblem(union_targets(roles), {}, tuple(found), PlanOptions(**options))  # type: ignore[arg-type]


def test_the_union_keeps_each_level_and_adds_the_weights_of_equal_ones() -> None:
    roles = [
        RoleTargets("r1", (Target("s", 2, 1.0), Target("t", 1, 0.25))),
        RoleTargets("r2", (Target("s", 4, 1.0), Target("t", 1, 1.0))),
    ]

    assert union_targets(roles) == (
        Target("s", 2, 1.0),
        Target("s", 4, 1.0),
        Target("t", 1, 1.25),
    )


def test_the_highest_level_serves_both_roles_and_both_are_reachable_after_it() -> None:
    roles = [
        RoleTargets("low", (Target("s", 2, 1.0),)),
        RoleTargets("high", (Target("s", 4, 1.0),)),
    ]
    found = [cred("basic", "10", {"s": 2}), cred("expert", "30", {"s": 4})]

    pathway = plan_pathway(problem(roles, found), roles)

    assert pathway.plan.credential_ids == ("expert",)
    assert pathway.serves == {"expert": ("high", "low")}
    assert pathway.reachable_after == {"low": 1, "high": 1}


def test_steps_come_role_by_role_the_quickest_role_first() -> None:
    roles = [
        RoleTargets("big", (Target("a", 1, 1.0), Target("b", 1, 1.0), Target("c", 1, 1.0))),
        RoleTargets("small", (Target("z", 1, 1.0),)),
    ]
    found = [
        cred("a1", "1", {"a": 1}),
        cred("b1", "1", {"b": 1}),
        cred("c1", "1", {"c": 1}, {"p": 1}),
        cred("p1", "1", {"p": 1}),
        cred("z1", "1", {"z": 1}),
    ]

    pathway = plan_pathway(problem(roles, found), roles)

    assert pathway.plan.credential_ids == ("z1", "a1", "b1", "p1", "c1")
    assert pathway.reachable_after == {"small": 1, "big": 5}
    assert pathway.serves["p1"] == ("big",)  # a prerequisite serves the roles it enables


def test_a_role_with_nothing_missing_is_reachable_before_any_step() -> None:
    roles = [RoleTargets("done", ()), RoleTargets("todo", (Target("a", 1, 1.0),))]

    pathway = plan_pathway(problem(roles, [cred("a1", "5", {"a": 1})]), roles)

    assert pathway.reachable_after == {"done": 0, "todo": 1}


def test_a_role_the_plan_cannot_complete_is_never_reachable() -> None:
    roles = [
        RoleTargets("cheap", (Target("a", 1, 1.0),)),
        RoleTargets("dear", (Target("b", 1, 1.0),)),
        RoleTargets("impossible", (Target("nowhere", 1, 1.0),)),
    ]
    found = [cred("a1", "10", {"a": 1}), cred("b1", "100", {"b": 1})]

    pathway = plan_pathway(problem(roles, found, max_cost=Decimal(50)), roles)

    assert pathway.plan.credential_ids == ("a1",)
    assert pathway.reachable_after == {"cheap": 1, "dear": None, "impossible": None}
    assert pathway.uncoverable(roles[2]) == ("nowhere",)
    assert pathway.uncoverable(roles[1]) == ()


def test_the_problem_must_target_the_union_of_the_roles() -> None:
    roles = [RoleTargets("r", (Target("a", 1, 1.0),))]
    other = PlanProblem((Target("b", 1, 1.0),), {}, ())

    with pytest.raises(PlanInputError, match="union"):
        plan_pathway(other, roles)


def test_a_role_targets_each_skill_once() -> None:
    with pytest.raises(PlanInputError, match="more than once"):
        RoleTargets("r", (Target("a", 1, 1.0), Target("a", 2, 1.0)))


@st.composite
def pathways(draw: st.DrawFn) -> tuple[PlanProblem, list[RoleTargets]]:
    skills = [f"s{i}" for i in range(draw(st.integers(2, 6)))]
    found = draw(candidates(skills, draw(st.integers(0, 10))))
    roles = []
    for r in range(draw(st.integers(1, 3))):
        wanted = draw(st.lists(st.sampled_from(skills), unique=True, max_size=3))
        targets = tuple(
            Target(s, draw(st.integers(1, 4)), draw(st.sampled_from([1.0, 0.25]))) for s in wanted
        )
        roles.append(RoleTargets(f"role{r}", targets))
    limited = draw(st.booleans())
    options = PlanOptions(
        max_cost=Decimal(draw(st.sampled_from(["0", "10", "25"]))) if limited else None,
        alternatives=draw(st.integers(0, 2)),
        time_limit_ms=120_000,
    )
    return PlanProblem(union_targets(roles), {}, tuple(found), options), roles


@settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(pathways())
def test_a_pathway_is_optimal_ordered_and_says_when_each_role_is_reachable(
    case: tuple[PlanProblem, list[RoleTargets]],
) -> None:
    plan_problem, roles = case
    brute = brute_force(plan_problem)

    pathway = plan_pathway(plan_problem, roles)

    for found in (pathway, *pathway.alternatives):
        assert_feasible(plan_problem, found.plan, brute)
    assert pathway.plan.optimal
    assert brute.keys[frozenset(pathway.plan.credential_ids)] == best(brute.keys.values())
    by_id = plan_problem.by_id
    levels: dict[str, int] = {}
    after = [dict(levels)]
    for cid in pathway.plan.credential_ids:
        for s, level in by_id[cid].teaches.items():
            levels[s] = max(levels.get(s, 0), level)
        after.append(dict(levels))
    for role in roles:
        met = [
            k
            for k, held in enumerate(after)
            if all(held.get(t.skill_id, 0) >= t.level for t in role.targets)
        ]
        assert pathway.reachable_after[role.role_id] == (met[0] if met else None)
    for cid in pathway.plan.credential_ids:
        # Every step of an optimal plan serves some role: it covers a target first or
        # provides a prerequisite to a later step that does.
        assert pathway.serves[cid]
