"""Every field that runs the planner has a real cost in the query-cost analysis."""

from __future__ import annotations

from typing import Any

import graphql
import pytest

from skillgraph.api.limits import document_cost
from skillgraph.api.schema import build_schema

SCHEMA = build_schema()._schema
PLAN = 1_000


def cost(document: str, variables: dict[str, Any] | None = None, plan_cost: int = PLAN) -> int:
    parsed = graphql.parse(document)
    assert not graphql.validate(SCHEMA, parsed), graphql.validate(SCHEMA, parsed)
    operation = parsed.definitions[0]
    assert isinstance(operation, graphql.OperationDefinitionNode)
    return document_cost(SCHEMA, operation, {}, variables or {}, 20, plan_cost)


def without_plans(document: str, variables: dict[str, Any] | None = None) -> int:
    return cost(document, variables, plan_cost=0)


@pytest.mark.parametrize(
    ("document", "plans"),
    [
        ('{ credentialPlan(personId: "p", roleId: "r") { optimal } }', 1),
        ('{ pathway(personId: "p", roleIds: ["r", "s"]) { optimal } }', 1),
        ('{ credentialsForGap(personId: "p", roleId: "r") { edges { score } } }', 0.5),
        ('{ person(id: "p") { plans { plan { optimal } } } }', 10),
        ('{ person(id: "p") { pathway { optimal } } }', 1),
        (
            '{ rolesForPerson(personId: "p", first: 5) { edges { cheapestPlanCost { amount } } } }',
            5,
        ),
    ],
)
def test_each_planning_field_costs_its_plans(document: str, plans: float) -> None:
    assert cost(document) - without_plans(document) == int(plans * PLAN)


def test_alternatives_count_as_plans_literal_or_variable() -> None:
    literal = (
        '{ credentialPlan(personId: "p", roleId: "r", options: {alternatives: 3}) { optimal } }'
    )
    variable = (
        "query($o: PlanOptionsInput) "
        '{ credentialPlan(personId: "p", roleId: "r", options: $o) { optimal } }'
    )

    assert cost(literal) - without_plans(literal) == 4 * PLAN
    assert cost(variable, {"o": {"alternatives": 2}}) - without_plans(variable) == 3 * PLAN


def test_aliased_plans_each_cost_a_plan() -> None:
    fields = " ".join(
        f'p{i}: credentialPlan(personId: "p", roleId: "r") {{ optimal }}' for i in range(15)
    )
    document = "{ " + fields + " }"

    assert cost(document) - without_plans(document) == 15 * PLAN


def test_plans_under_a_list_multiply_with_it() -> None:
    document = "{ people(first: 7) { edges { node { pathway { optimal } } } } }"

    assert cost(document) - without_plans(document) == 7 * PLAN
