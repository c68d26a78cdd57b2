"""candidatesForRole and rolesForPerson on hand-computed graphs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.badges import failed_award, person_uri, verified_award
from tests.e2e.conftest import Api
from tests.unit.verification.badges import Issuer

ISSUER = Issuer()
CRED_X = "https://academy.example/achievements/x"

CANDIDATES = """query($r: ID!, $o: MatchOptionsInput, $first: Int, $after: String) {
  candidatesForRole(roleId: $r, options: $o, first: $first, after: $after) {
    totalCount
    edges { cursor score coverage essentialCoverage verifiedSkills node { id }
            met { skill { id } requiredLevel heldLevel } missing { skill { id } } }
    pageInfo { hasNextPage endCursor }
  } }"""


async def mutate(api: Api, *fields: str) -> None:
    for start in range(0, len(fields), 15):  # at most 15 aliases per request
        chunk = fields[start : start + 15]
        await api.data("mutation { " + " ".join(f"m{i}: {f}" for i, f in enumerate(chunk)) + " }")


def person(pid: str, visibility: str = "MATCHABLE") -> str:
    return (
        f'createPerson(input: {{id: "person_{pid}", uri: "{person_uri(pid)}", name: "{pid}",'
        f" visibility: {visibility}}}) {{ id }}"
    )


def holds(pid: str, skill: str, level: int = 1) -> str:
    return (
        f'addPersonSkill(personId: "person_{pid}", skillId: "skill_{skill}", level: {level})'
        " { id }"
    )


async def graph(api: Api) -> None:
    """role_r requires a (L2, essential), b (essential), c (optional). cred_x teaches b at 3."""
    await mutate(
        api,
        *[f'createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}' for s in "abcd"],
        'createRole(input: {id: "role_r", title: "R"}) { id }',
        f'createProvider(input: {{id: "prov_1", uri: "{ISSUER.uri}", name: "P"}}) {{ id }}',
        f'createCredential(input: {{id: "cred_x", uri: "{CRED_X}", name: "X",'
        ' providerId: "prov_1"}) { id }',
    )
    await mutate(
        api,
        'setRoleRequirement(roleId: "role_r", skillId: "skill_a", level: 2) { id }',
        'setRoleRequirement(roleId: "role_r", skillId: "skill_b") { id }',
        'setRoleRequirement(roleId: "role_r", skillId: "skill_c", importance: OPTIONAL) { id }',
        'setCredentialTeaches(credentialId: "cred_x", skillId: "skill_b", level: 3) { id }',
    )


async def candidates(api: Api, **variables: Any) -> dict[str, Any]:
    data = await api.data(CANDIDATES, {"r": "role_r", **variables})
    result: dict[str, Any] = data["candidatesForRole"]
    return result


def ids(result: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in result["edges"]]


async def test_ranking_by_coverage_then_essential_then_verified(api: Api) -> None:
    await graph(api)
    await mutate(
        api,
        person("all"),
        holds("all", "a", 2),
        holds("all", "b"),
        holds("all", "c"),
        person("ab"),
        holds("ab", "a", 3),
        holds("ab", "b"),
        person("ab_verified"),
        holds("ab_verified", "a", 2),
        person("ab_manual"),
        holds("ab_manual", "a", 2),
        'awardCredential(personId: "person_ab_manual", credentialId: "cred_x") { id }',
        person("c_only", "PUBLIC"),
        holds("c_only", "c"),
        person("low"),
        holds("low", "a", 1),
        person("none"),
        holds("none", "d"),
    )
    await verified_award(api, ISSUER, "ab_verified", CRED_X)
    result = await candidates(api)
    # An award entered by hand counts as held, but only a verified badge is verified evidence.
    assert ids(result) == [
        "person_all",
        "person_ab_verified",
        "person_ab",
        "person_ab_manual",
        "person_c_only",
    ]
    assert result["totalCount"] == 5
    top, verified, plain, manual, optional = result["edges"]
    assert top["coverage"] == pytest.approx(1.0)
    assert verified["coverage"] == manual["coverage"] == pytest.approx(2 / 2.25)
    assert (verified["verifiedSkills"], plain["verifiedSkills"], manual["verifiedSkills"]) == (
        1,
        0,
        0,
    )
    assert optional["coverage"] == pytest.approx(0.25 / 2.25)
    assert optional["essentialCoverage"] == 0
    assert [m["skill"]["id"] for m in plain["missing"]] == ["skill_c"]
    assert plain["met"][0] == {"skill": {"id": "skill_a"}, "requiredLevel": 2, "heldLevel": 3}


async def test_private_people_never_appear(api: Api) -> None:
    await graph(api)
    await mutate(api, person("hidden", "PRIVATE"), holds("hidden", "a", 5), holds("hidden", "b"))
    result = await candidates(api)
    assert result["edges"] == []
    assert result["totalCount"] == 0


async def test_require_verified_counts_only_verified_badges(api: Api) -> None:
    await graph(api)
    await mutate(
        api,
        person("declared"),
        holds("declared", "b", 5),
        person("awarded"),
        person("manual"),
        'awardCredential(personId: "person_manual", credentialId: "cred_x") { id }',
        person("expired"),
        person("tampered"),
    )
    await verified_award(api, ISSUER, "awarded", CRED_X)
    expired = await verified_award(
        api,
        ISSUER,
        "expired",
        CRED_X,
        valid_from="2020-01-01T00:00:00Z",
        valid_until="2021-01-01T00:00:00Z",
    )
    assert expired["verification"]["status"] == "FAILED"
    tampered = await failed_award(api, ISSUER, "tampered", CRED_X)
    assert tampered["verification"]["status"] == "FAILED"
    everyone = sorted(ids(await candidates(api)))
    assert everyone == ["person_awarded", "person_declared", "person_manual", "person_tampered"]
    verified = await candidates(api, o={"requireVerified": True})
    assert ids(verified) == ["person_awarded"]
    assert verified["edges"][0]["met"] == [
        {"skill": {"id": "skill_b"}, "requiredLevel": 1, "heldLevel": 3}
    ]


async def test_min_coverage_filters(api: Api) -> None:
    await graph(api)
    await mutate(api, person("half"), holds("half", "b"), person("low"), holds("low", "c"))
    result = await candidates(api, o={"minCoverage": 0.4})
    assert ids(result) == ["person_half"]
    error = await api.error(CANDIDATES, {"r": "role_r", "o": {"minCoverage": 1.5}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_pages_are_stable_with_ties(api: Api) -> None:
    await graph(api)
    people = [f"p{i:02d}" for i in range(7)]
    await mutate(api, *[f for p in people for f in (person(p), holds(p, "b"))])
    seen: list[str] = []
    after = None
    while True:
        page = await candidates(api, first=3, after=after)
        seen += ids(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"person_{p}" for p in people]


async def test_an_unknown_role_is_not_found(api: Api) -> None:
    error = await api.error(CANDIDATES, {"r": "role_nope"})
    assert error["extensions"]["code"] == "NOT_FOUND"


ROLES = """query($p: ID!, $f: RoleMatchFilter, $first: Int, $after: String) {
  rolesForPerson(personId: $p, filter: $f, first: $first, after: $after) {
    totalCount edges { node { id } coverage missingCount }
    pageInfo { hasNextPage endCursor } } }"""


async def test_roles_for_a_person_ranked_by_coverage(api: Api) -> None:
    await graph(api)
    await mutate(
        api,
        'createRole(input: {id: "role_s", title: "Small"}) { id }',
        'createRole(input: {id: "role_post", title: "Posting", kind: JOB_POSTING,'
        ' occupationId: "role_r"}) { id }',
        'createRole(input: {id: "role_far", title: "Far"}) { id }',
        person("me"),
        holds("me", "b"),
    )
    await mutate(
        api,
        'setRoleRequirement(roleId: "role_s", skillId: "skill_b") { id }',
        'setRoleRequirement(roleId: "role_post", skillId: "skill_d") { id }',
        'setRoleRequirement(roleId: "role_far", skillId: "skill_d") { id }',
    )
    data = (await api.data(ROLES, {"p": "person_me"}))["rolesForPerson"]
    assert [e["node"]["id"] for e in data["edges"]] == ["role_s", "role_r", "role_post"]
    assert [e["missingCount"] for e in data["edges"]] == [0, 2, 3]
    filtered = await api.data(ROLES, {"p": "person_me", "f": {"kind": "JOB_POSTING"}})
    assert [e["node"]["id"] for e in filtered["rolesForPerson"]["edges"]] == ["role_post"]
    first = (await api.data(ROLES, {"p": "person_me", "first": 1}))["rolesForPerson"]
    second = await api.data(
        ROLES, {"p": "person_me", "first": 2, "after": first["pageInfo"]["endCursor"]}
    )
    assert [e["node"]["id"] for e in second["rolesForPerson"]["edges"]] == ["role_r", "role_post"]


async def test_cheapest_plan_cost_is_computed_on_request(api: Api) -> None:
    await graph(api)
    await mutate(
        api,
        person("me"),
        holds("me", "a", 2),
        'updateCredential(id: "cred_x", input: {cost: {amount: "25", currency: "EUR"}}) { id }',
    )
    data = await api.data(
        '{ rolesForPerson(personId: "person_me") { edges { node { id }'
        " cheapestPlanCost { amount currency } } } }"
    )
    (edge,) = data["rolesForPerson"]["edges"]
    assert edge["cheapestPlanCost"] == [{"amount": "25.00", "currency": "EUR"}]


async def test_a_candidate_exactly_at_min_coverage_is_kept_by_both_matchings(api: Api) -> None:
    """5 of 7 essential requirements: coverage 5/7, whose float rounds up. Passing back the
    coverage the API reported keeps the person in candidatesForRole and the role in
    rolesForPerson."""
    skills = "abcdefg"
    await mutate(
        api,
        *[f'createSkill(input: {{id: "skill_{s}", name: "{s}"}}) {{ id }}' for s in skills],
        'createRole(input: {id: "role_r", title: "R"}) { id }',
        person("p"),
    )
    await mutate(
        api,
        *[f'setRoleRequirement(roleId: "role_r", skillId: "skill_{s}") {{ id }}' for s in skills],
        *[holds("p", s) for s in skills[:5]],
    )
    found = await candidates(api)
    [edge] = found["edges"]
    assert edge["coverage"] == 5 / 7
    kept = await candidates(api, o={"minCoverage": edge["coverage"]})
    assert [e["node"]["id"] for e in kept["edges"]] == ["person_p"]
    assert kept["totalCount"] == 1
    roles = await api.data(
        'query($m: Float!) { rolesForPerson(personId: "person_p", filter: {minCoverage: $m})'
        " { totalCount edges { coverage node { id } } } }",
        {"m": edge["coverage"]},
    )
    assert roles["rolesForPerson"]["edges"] == [{"coverage": 5 / 7, "node": {"id": "role_r"}}]
    above = await candidates(api, o={"minCoverage": 0.7142857142857144})
    assert above["edges"] == []
