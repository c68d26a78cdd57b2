"""credentialPlan, credentialsForGap and Person.plans through GraphQL, on small graphs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api

PLAN = """query($p: ID!, $r: ID!, $o: PlanOptionsInput) {
  credentialPlan(personId: $p, roleId: $r, options: $o) {
    steps { position credential { id } covers { id } enables { id } }
    totalCost { amount currency } totalHours coverageBefore coverageAfter
    uncoverable { id } complete optimal solver
    alternatives { steps { credential { id } } totalCost { amount } }
  } }"""


async def mutate(api: Api, *fields: str) -> None:
    await api.data("mutation { " + " ".join(f"m{i}: {f}" for i, f in enumerate(fields)) + " }")


def cred(cid: str, amount: str, currency: str = "EUR", hours: float = 10, **extra: str) -> str:
    more = "".join(f", {k}: {v}" for k, v in extra.items())
    return (
        f'createCredential(input: {{id: "cred_{cid}", name: "{cid}", providerId: "prov_1", '
        f'cost: {{amount: "{amount}", currency: "{currency}"}}, durationHours: {hours}{more}}})'
        " { id }"
    )


def teaches(cid: str, skill: str, level: int = 1) -> str:
    return (
        f'setCredentialTeaches(credentialId: "cred_{cid}", skillId: "skill_{skill}", '
        f"level: {level}) {{ id }}"
    )


def requires(cid: str, skill: str, level: int = 1) -> str:
    return (
        f'setCredentialPrerequisite(credentialId: "cred_{cid}", skillId: "skill_{skill}", '
        f"level: {level}) {{ id }}"
    )


def role_requires(skill: str, level: int = 1, importance: str = "ESSENTIAL") -> str:
    return (
        f'setRoleRequirement(roleId: "role_r", skillId: "skill_{skill}", level: {level}, '
        f"importance: {importance}) {{ id }}"
    )


async def base(api: Api, skills: str = "abcdefg") -> None:
    await mutate(
        api,
        *[f'createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}' for s in skills],
        'createProvider(input: {id: "prov_1", name: "P", accredited: true}) { id }',
        'createProvider(input: {id: "prov_2", name: "Q"}) { id }',
        'createRole(input: {id: "role_r", title: "R"}) { id }',
        'createPerson(input: {id: "person_me", name: "Me"}) { id }',
    )


async def plan(api: Api, options: dict[str, Any] | None = None) -> dict[str, Any]:
    data = await api.data(PLAN, {"p": "person_me", "r": "role_r", "o": options})
    result: dict[str, Any] = data["credentialPlan"]
    return result


def chosen(result: dict[str, Any]) -> list[str]:
    return [s["credential"]["id"] for s in result["steps"]]


async def test_the_cheapest_cover_beats_the_greedy_looking_one(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        role_requires("c"),
        cred("big", "100"),
        teaches("big", "a"),
        teaches("big", "b"),
        cred("small1", "30"),
        teaches("small1", "a"),
        cred("small2", "30"),
        teaches("small2", "b"),
        teaches("small2", "c"),
    )
    result = await plan(api)
    assert sorted(chosen(result)) == ["cred_small1", "cred_small2"]
    assert result["totalCost"] == [{"amount": "60.00", "currency": "EUR"}]
    assert result["complete"]
    assert result["optimal"]
    assert result["solver"] == "highs"
    assert (result["coverageBefore"], result["coverageAfter"]) == (0, 1)


async def test_a_prerequisite_only_credential_is_added_and_ordered_first(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("adv", "50"),
        teaches("adv", "a"),
        requires("adv", "b", 2),
        cred("intro", "20"),
        teaches("intro", "b", 2),
    )
    result = await plan(api)
    assert chosen(result) == ["cred_intro", "cred_adv"]
    intro, adv = result["steps"]
    assert intro["enables"] == [{"id": "cred_adv"}]
    assert intro["covers"] == []
    assert adv["covers"] == [{"id": "skill_a"}]


async def test_a_prerequisite_already_held_needs_no_extra_credential(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("adv", "50"),
        teaches("adv", "a"),
        requires("adv", "b", 2),
        cred("intro", "20"),
        teaches("intro", "b", 2),
        'addPersonSkill(personId: "person_me", skillId: "skill_b", level: 3) { id }',
    )
    assert chosen(await plan(api)) == ["cred_adv"]


async def test_what_no_credential_teaches_is_uncoverable(api: Api) -> None:
    await base(api)
    await mutate(api, role_requires("a"), role_requires("g"), cred("x", "5"), teaches("x", "a"))
    result = await plan(api)
    assert [s["id"] for s in result["uncoverable"]] == ["skill_g"]
    assert chosen(result) == ["cred_x"]
    assert result["complete"] is True


async def test_a_teaching_level_below_the_requirement_does_not_cover(api: Api) -> None:
    await base(api)
    await mutate(api, role_requires("a", 3), cred("x", "5"), teaches("x", "a", 2))
    assert [s["id"] for s in (await plan(api))["uncoverable"]] == ["skill_a"]


async def test_a_budget_gives_the_best_partial_plan(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        cred("x", "40"),
        teaches("x", "a"),
        cred("y", "70"),
        teaches("y", "b"),
    )
    result = await plan(api, {"maxCost": {"amount": "80", "currency": "EUR"}})
    assert len(chosen(result)) == 1
    assert result["complete"] is False
    assert result["coverageAfter"] == 0.5


async def test_hours_objective_and_alternatives(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("cheap_slow", "10", hours=100),
        teaches("cheap_slow", "a"),
        cred("dear_fast", "90", hours=5),
        teaches("dear_fast", "a"),
    )
    assert chosen(await plan(api)) == ["cred_cheap_slow"]
    result = await plan(api, {"objective": "HOURS", "alternatives": 1})
    assert chosen(result) == ["cred_dear_fast"]
    assert [[s["credential"]["id"] for s in alt["steps"]] for alt in result["alternatives"]] == [
        ["cred_cheap_slow"]
    ]


async def test_only_one_currency_is_ever_summed(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        cred("eur", "10"),
        teaches("eur", "a"),
        cred("usd", "5", currency="USD"),
        teaches("usd", "b"),
        cred("usd2", "7", currency="USD"),
        teaches("usd2", "a"),
    )
    default = await plan(api)  # USD is the most common currency
    assert sorted(chosen(default)) == ["cred_usd", "cred_usd2"]
    assert default["totalCost"] == [{"amount": "12.00", "currency": "USD"}]
    euro = await plan(api, {"currency": "EUR"})
    assert chosen(euro) == ["cred_eur"]
    assert [s["id"] for s in euro["uncoverable"]] == ["skill_b"]
    error = await api.error(
        PLAN,
        {
            "p": "person_me",
            "r": "role_r",
            "o": {"currency": "EUR", "maxCost": {"amount": "9", "currency": "USD"}},
        },
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_retired_excluded_and_already_earned_credentials_are_not_candidates(
    api: Api,
) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        cred("old", "1", status="RETIRED"),
        teaches("old", "a"),
        cred("mine", "1"),
        teaches("mine", "b"),
        teaches("mine", "a"),
        cred("other", "50"),
        teaches("other", "a"),
        'awardCredential(personId: "person_me", credentialId: "cred_mine",'
        ' issuedAt: "2020-01-01T00:00:00Z", expiresAt: "2021-01-01T00:00:00Z") { id }',
    )
    # The expired award neither counts as held nor blocks taking the credential again.
    assert chosen(await plan(api)) == ["cred_mine"]
    assert chosen(await plan(api, {"excludeCredentialIds": ["cred_mine"]})) == ["cred_other"]


async def test_accredited_and_endorsed_filters(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("cheap", "1"),
        teaches("cheap", "a"),
        'createCredential(input: {id: "cred_q", name: "q", providerId: "prov_2",'
        ' cost: {amount: "0.5", currency: "EUR"}}) { id }',
        teaches("q", "a"),
        'endorseCredential(providerId: "prov_2", credentialId: "cred_cheap") { id }',
    )
    assert chosen(await plan(api)) == ["cred_q"]
    assert chosen(await plan(api, {"requireAccredited": True})) == ["cred_cheap"]
    assert chosen(await plan(api, {"requireEndorsed": True})) == ["cred_cheap"]


async def test_include_all_also_covers_optional_requirements(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b", importance="OPTIONAL"),
        cred("x", "5"),
        teaches("x", "a"),
        cred("y", "5"),
        teaches("y", "b"),
    )
    assert chosen(await plan(api)) == ["cred_x"]
    assert sorted(chosen(await plan(api, {"include": "ALL"}))) == ["cred_x", "cred_y"]


async def test_a_posting_plans_for_its_inherited_requirements(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        'createRole(input: {id: "role_p", title: "P", kind: JOB_POSTING, occupationId: "role_r"})'
        " { id }",
        cred("x", "5"),
        teaches("x", "a"),
    )
    data = await api.data(PLAN, {"p": "person_me", "r": "role_p", "o": None})
    assert chosen(data["credentialPlan"]) == ["cred_x"]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"alternatives": 4}, "alternatives"),
        ({"timeLimitMs": 0}, "timeLimitMs"),
        ({"maxCost": {"amount": "-1", "currency": "EUR"}}, "amount"),
        ({"currency": "XYZ"}, "currency"),
    ],
)
async def test_bad_options_are_bad_user_input(
    api: Api, options: dict[str, Any], field: str
) -> None:
    await base(api)
    error = await api.error(PLAN, {"p": "person_me", "r": "role_r", "o": options})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert field in error["message"] or field in str(error["extensions"].get("field"))


async def test_unknown_person_or_role_is_not_found(api: Api) -> None:
    await base(api)
    error = await api.error(PLAN, {"p": "person_x", "r": "role_r"})
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_credentials_for_gap_rank_by_weight_per_cost_and_page(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        role_requires("b"),
        cred("both", "9"),
        teaches("both", "a"),
        teaches("both", "b"),
        cred("one", "1"),
        teaches("one", "a"),
        cred("free", "0"),
        teaches("free", "b"),
    )
    query = """query($after: String) { credentialsForGap(personId: "person_me", roleId: "role_r",
      first: 2, after: $after) { totalCount edges { cursor score closedWeight node { id } }
      pageInfo { hasNextPage endCursor } } }"""
    first = (await api.data(query, {"after": None}))["credentialsForGap"]
    assert first["totalCount"] == 3
    assert [e["node"]["id"] for e in first["edges"]] == ["cred_free", "cred_one"]
    assert [e["score"] for e in first["edges"]] == [1.0, 0.5]
    after = first["pageInfo"]["endCursor"]
    second = (await api.data(query, {"after": after}))["credentialsForGap"]
    assert [e["node"]["id"] for e in second["edges"]] == ["cred_both"]
    assert second["edges"][0]["score"] == pytest.approx(2 / 10)
    assert second["pageInfo"]["hasNextPage"] is False


async def test_person_plans_cover_every_target(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("x", "5"),
        teaches("x", "a"),
        'setTarget(personId: "person_me", roleId: "role_r") { id }',
    )
    data = await api.data(
        '{ person(id: "person_me") { plans { role { id } gap { coverage }'
        " plan { steps { credential { id } } } } } }"
    )
    (target,) = data["person"]["plans"]
    assert target["role"]["id"] == "role_r"
    assert target["plan"]["steps"] == [{"credential": {"id": "cred_x"}}]


async def test_a_prerequisite_cycle_is_never_relied_on(api: Api) -> None:
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        cred("x", "5"),
        teaches("x", "a"),
        teaches("x", "c"),
        requires("x", "b"),
        cred("y", "5"),
        teaches("y", "b"),
        requires("y", "c"),
    )
    result = await plan(api)
    assert result["steps"] == []
    assert [s["id"] for s in result["uncoverable"]] == ["skill_a"]
