"""Plans toward several roles through GraphQL: `pathway` and `Person.pathway`."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Api
from tests.e2e.test_plan import base, cred, teaches
from tests.e2e.test_plan_policies import mutate

PATHWAY = """query($p: ID!, $r: [ID!]!, $o: PlanOptionsInput) {
  pathway(personId: $p, roleIds: $r, options: $o) {
    roles { role { id } coverageBefore coverageAfter reachableAfter uncoverable { id } }
    requirements { skill { id } level importance met roles { id } }
    steps { position credential { id } covers { id } serves { id } }
    totalCost { amount currency } complete optimal solver
    alternatives { steps { credential { id } } roles { role { id } coverageAfter } }
  } }"""

GAP = """query($p: ID!, $r: ID!) { skillGap(personId: $p, roleId: $r) { coverage } }"""


def requires_for(role: str, skill: str, level: int = 1, importance: str = "ESSENTIAL") -> str:
    return (
        f'setRoleRequirement(roleId: "role_{role}", skillId: "skill_{skill}", level: {level}, '
        f"importance: {importance}) {{ id }}"
    )


async def two_roles(api: Api) -> None:
    """Analyst needs a at 2 and b; engineer needs a at 4 and c (OPTIONAL d too)."""
    await base(api)
    await mutate(
        api,
        'createRole(input: {id: "role_analyst", title: "Analyst"}) { id }',
        'createRole(input: {id: "role_engineer", title: "Engineer"}) { id }',
        requires_for("analyst", "a", 2),
        requires_for("analyst", "b"),
        requires_for("engineer", "a", 4),
        requires_for("engineer", "c"),
        requires_for("engineer", "d", importance="OPTIONAL"),
        cred("a4", "50"),
        teaches("a4", "a", 4),
        cred("a2", "20"),
        teaches("a2", "a", 2),
        cred("b1", "10"),
        teaches("b1", "b"),
        cred("cd", "30"),
        teaches("cd", "c"),
        teaches("cd", "d"),
    )


async def pathway(api: Api, roles: list[str], options: dict[str, Any] | None = None) -> Any:
    data = await api.data(PATHWAY, {"p": "person_me", "r": roles, "o": options})
    return data["pathway"]


async def test_a_pathway_covers_the_union_at_the_highest_level(api: Api) -> None:
    await two_roles(api)

    result = await pathway(api, ["role_analyst", "role_engineer"])

    steps = [s["credential"]["id"] for s in result["steps"]]
    assert sorted(steps) == ["cred_a4", "cred_b1", "cred_cd"]
    assert result["totalCost"] == [{"amount": "90.00", "currency": "EUR"}]
    assert (result["complete"], result["optimal"], result["solver"]) == (True, True, "highs")
    requirements = {r["skill"]["id"]: r for r in result["requirements"]}
    assert requirements["skill_a"]["level"] == 4
    assert requirements["skill_a"]["importance"] == "ESSENTIAL"
    assert [r["id"] for r in requirements["skill_a"]["roles"]] == ["role_analyst", "role_engineer"]
    assert requirements["skill_d"]["importance"] == "OPTIONAL"
    assert not any(r["met"] for r in result["requirements"])


async def test_each_step_says_which_roles_it_serves_and_when_each_is_reachable(
    api: Api,
) -> None:
    await two_roles(api)

    result = await pathway(api, ["role_analyst", "role_engineer"])

    serves = {s["credential"]["id"]: [r["id"] for r in s["serves"]] for s in result["steps"]}
    assert serves == {
        "cred_a4": ["role_analyst", "role_engineer"],
        "cred_b1": ["role_analyst"],
        "cred_cd": ["role_engineer"],
    }
    # Both need two steps; the analyst comes first by id, its steps first.
    assert [s["credential"]["id"] for s in result["steps"]] == ["cred_a4", "cred_b1", "cred_cd"]
    roles = {r["role"]["id"]: r for r in result["roles"]}
    assert roles["role_analyst"]["reachableAfter"] == 2
    assert roles["role_engineer"]["reachableAfter"] == 3


async def test_each_roles_coverage_after_is_what_its_gap_will_say(api: Api) -> None:
    await two_roles(api)
    result = await pathway(api, ["role_analyst", "role_engineer"], {"alternatives": 1})

    await mutate(
        api,
        *[
            f'awardCredential(personId: "person_me", credentialId: "{s["credential"]["id"]}") '
            "{ id }"
            for s in result["steps"]
        ],
    )

    for role in result["roles"]:
        data = await api.data(GAP, {"p": "person_me", "r": role["role"]["id"]})
        assert data["skillGap"]["coverage"] == role["coverageAfter"] == 1
        assert role["coverageBefore"] == 0


async def test_a_budget_reaches_the_roles_it_can(api: Api) -> None:
    await two_roles(api)

    result = await pathway(
        api, ["role_analyst", "role_engineer"], {"maxCost": {"amount": "40", "currency": "EUR"}}
    )

    assert sorted(s["credential"]["id"] for s in result["steps"]) == ["cred_a2", "cred_b1"]
    roles = {r["role"]["id"]: r for r in result["roles"]}
    assert roles["role_analyst"]["reachableAfter"] == 2
    assert roles["role_engineer"]["reachableAfter"] is None
    assert result["complete"] is False


async def test_a_role_with_a_skill_nobody_teaches_says_so(api: Api) -> None:
    await two_roles(api)
    await mutate(api, requires_for("engineer", "g"))

    result = await pathway(api, ["role_analyst", "role_engineer"])

    roles = {r["role"]["id"]: r for r in result["roles"]}
    assert [s["id"] for s in roles["role_engineer"]["uncoverable"]] == ["skill_g"]
    assert roles["role_analyst"]["uncoverable"] == []
    assert roles["role_engineer"]["reachableAfter"] is None


async def test_person_pathway_defaults_to_the_roles_the_person_targets(api: Api) -> None:
    await two_roles(api)
    await mutate(
        api,
        'setTarget(personId: "person_me", roleId: "role_analyst") { id }',
        'setTarget(personId: "person_me", roleId: "role_engineer") { id }',
    )

    data = await api.data(
        '{ person(id: "person_me") { pathway { roles { role { id } } steps { position } } } }'
    )

    roles = [r["role"]["id"] for r in data["person"]["pathway"]["roles"]]
    assert sorted(roles) == ["role_analyst", "role_engineer"]
    assert len(data["person"]["pathway"]["steps"]) == 3


async def test_person_pathway_is_null_without_targets(api: Api) -> None:
    await base(api)

    data = await api.data('{ person(id: "person_me") { pathway { steps { position } } } }')

    assert data["person"]["pathway"] is None


async def test_unknown_roles_and_bad_role_lists_are_refused(api: Api) -> None:
    await two_roles(api)

    missing = await api.error(PATHWAY, {"p": "person_me", "r": ["role_analyst", "role_nope"]})
    empty = await api.error(PATHWAY, {"p": "person_me", "r": []})
    many = await api.error(PATHWAY, {"p": "person_me", "r": [f"role_{i}" for i in range(21)]})

    assert missing["extensions"]["code"] == "NOT_FOUND"
    assert "role_nope" in missing["message"]
    assert (empty["extensions"]["code"], empty["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "roleIds",
    )
    assert many["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_pathways_roles_read_as_the_role_itself_reads(api: Api) -> None:
    """The plan reads its roles with its own query and hands them to the role loader; their
    fields (timestamps included) must serialise exactly as `role(id:)` gives them."""
    await two_roles(api)
    fields = "id title kind createdAt updatedAt"
    data = await api.data(
        f"query($p: ID!, $r: [ID!]!) {{ pathway(personId: $p, roleIds: $r) {{"
        f" roles {{ role {{ {fields} }} }} }} }}",
        {"p": "person_me", "r": ["role_analyst", "role_engineer"]},
    )
    for entry in data["pathway"]["roles"]:
        role = entry["role"]
        alone = await api.data(f'{{ role(id: "{role["id"]}") {{ {fields} }} }}')
        assert role == alone["role"]
