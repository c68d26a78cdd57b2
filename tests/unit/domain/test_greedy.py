from __future__ import annotations

from decimal import Decimal

from skillgraph.domain.greedy import GreedyPlanSolver
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import Candidate, Objective, PlanOptions, PlanProblem, Target


def cred(
    credential_id: str,
    cost: str = "0",
    hours: float = 0.0,
    teaches: dict[str, int] | None = None,
    requires: dict[str, int] | None = None,
) -> Candidate:
    return Candidate(credential_id, Decimal(cost), hours, teaches or {}, requires or {})


def problem(targets: list[Target], candidates: list[Candidate], **options: object) -> PlanProblem:
    return PlanProblem(tuple(targets), {}, tuple(candidates), PlanOptions(**options))  # type: ignore[arg-type]


def test_greedy_takes_the_best_ratio_of_cost_to_new_weight() -> None:
    candidates = [
        cred("pair", "20", teaches={"t1": 1, "t2": 1}),
        cred("all", "35", teaches={"t1": 1, "t2": 1, "t3": 1}),
        cred("third", "20", teaches={"t3": 1}),
    ]
    instance = problem([Target(t, 1, 1.0) for t in ("t1", "t2", "t3")], candidates)

    greedy = GreedyPlanSolver().solve(instance)
    exact = HighsPlanSolver().solve(instance)

    # 20/2 beats 35/3, then "third" beats "all": a baseline, not an optimum.
    assert greedy.credential_ids == ("pair", "third")
    assert exact.credential_ids == ("all",)
    assert greedy.total_cost > exact.total_cost


def test_greedy_adds_the_prerequisite_chain_a_credential_needs() -> None:
    candidates = [
        cred("top", "10", teaches={"t1": 1}, requires={"s2": 2}),
        cred("mid", "10", teaches={"s2": 2}, requires={"s1": 1}),
        cred("base", "10", teaches={"s1": 1}),
    ]

    result = GreedyPlanSolver().solve(problem([Target("t1", 1, 1.0)], candidates))

    assert result.credential_ids == ("base", "mid", "top")
    assert result.complete


def test_greedy_provides_prerequisites_with_the_cheapest_teacher() -> None:
    candidates = [
        cred("top", "10", teaches={"t1": 1}, requires={"s1": 1}),
        cred("dear", "90", teaches={"s1": 1}),
        cred("cheap", "5", teaches={"s1": 2}),
    ]

    result = GreedyPlanSolver().solve(problem([Target("t1", 1, 1.0)], candidates))

    assert result.credential_ids == ("cheap", "top")


def test_greedy_skips_credentials_whose_prerequisites_cannot_be_met() -> None:
    candidates = [
        cred("blocked", "1", teaches={"t1": 1}, requires={"nowhere": 1}),
        cred("open", "50", teaches={"t1": 1}),
    ]

    result = GreedyPlanSolver().solve(problem([Target("t1", 1, 1.0)], candidates))

    assert result.credential_ids == ("open",)


def test_greedy_respects_the_limits() -> None:
    candidates = [cred("one", "60", 5, {"t1": 1}), cred("two", "50", 50, {"t2": 1})]
    targets = [Target("t1", 1, 1.0), Target("t2", 1, 1.0)]

    by_cost = GreedyPlanSolver().solve(problem(targets, candidates, max_cost=Decimal("100")))
    by_hours = GreedyPlanSolver().solve(problem(targets, candidates, max_hours=10.0))

    assert by_cost.credential_ids == ("two",)
    assert by_hours.credential_ids == ("one",)
    assert not by_cost.complete


def test_greedy_drops_credentials_made_redundant_later() -> None:
    candidates = [
        cred("a", "1", teaches={"t1": 1}),
        cred("abc", "3.3", teaches={"t1": 1, "t2": 1, "t3": 1}),
        cred("b", "2", teaches={"t2": 1}),
        cred("c", "2", teaches={"t3": 1}),
    ]
    targets = [Target("t1", 1, 1.0), Target("t2", 1, 1.0), Target("t3", 1, 1.0)]

    # "a" (1 per weight) comes first, then "abc" (1.65 per new weight) covers t1 again.
    result = GreedyPlanSolver().solve(problem(targets, candidates))

    assert result.credential_ids == ("abc",)


def test_greedy_follows_the_hours_objective() -> None:
    candidates = [cred("slow", "1", 40, {"t1": 1}), cred("fast", "99", 2, {"t1": 1})]

    result = GreedyPlanSolver().solve(
        problem([Target("t1", 1, 1.0)], candidates, objective=Objective.HOURS)
    )

    assert result.credential_ids == ("fast",)
