"""relatedSkills, skillPath, skillMarket/Skill.stats and search, on hand-computed graphs."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.store import explore
from skillgraph.store.database import Database
from tests.e2e.conftest import Api

LUCENE_SPECIALS = [
    "C++",
    "C#",
    '"node.js',
    "(",
    "+",
    "-",
    "&&",
    "||",
    "!",
    ")",
    "{",
    "}",
    "[",
    "]",
    "^",
    '"',
    "~",
    "*",
    "?",
    ":",
    "\\",
    "/",
    "AND",
    "a:b",
    "x/y",
]


async def mutate(api: Api, *fields: str) -> None:
    for start in range(0, len(fields), 15):
        chunk = fields[start : start + 15]
        await api.data("mutation { " + " ".join(f"m{i}: {f}" for i, f in enumerate(chunk)) + " }")


def skill(s: str, name: str | None = None) -> str:
    return f'createSkill(input: {{id: "skill_{s}", name: "{name or s}"}}) {{ id }}'


def role(r: str, kind: str = "OCCUPATION") -> str:
    return f'createRole(input: {{id: "role_{r}", title: "{r}", kind: {kind}}}) {{ id }}'


def req(r: str, s: str, importance: str = "ESSENTIAL") -> str:
    return (
        f'setRoleRequirement(roleId: "role_{r}", skillId: "skill_{s}", importance: {importance})'
        " { id }"
    )


async def graph(api: Api) -> None:
    """Roles: r1 {a,b,c}, r2 {a,b}, r3 {a,d}. Jaccard(a,b)=2/3, (a,c)=1/3, (a,d)=1/3.
    Hierarchy: a2 narrower than a, a3 narrower than a (siblings). RELATED: a -> e (essential)."""
    await mutate(api, *[skill(s) for s in ["a", "b", "c", "d", "e", "a2", "a3", "z"]])
    await mutate(
        api,
        role("r1"),
        role("r2"),
        role("r3"),
        req("r1", "a"),
        req("r1", "b"),
        req("r1", "c"),
        req("r2", "a"),
        req("r2", "b"),
        req("r3", "a"),
        req("r3", "d"),
        'setBroaderSkill(skillId: "skill_a2", broaderId: "skill_a") { id }',
        'setBroaderSkill(skillId: "skill_a3", broaderId: "skill_a") { id }',
        'relateSkills(skillId: "skill_a", relatedId: "skill_e", relationType: "ESSENTIAL") { id }',
    )


RELATED = """query($s: ID!, $by: [RelationBasis!], $first: Int!) {
  relatedSkills(skillId: $s, by: $by, first: $first) {
    score skill { id } reasons { basis detail score } } }"""


async def related(api: Api, s: str, by: list[str] | None = None, first: int = 10) -> list[Any]:
    data = await api.data(RELATED, {"s": f"skill_{s}", "by": by, "first": first})
    result: list[Any] = data["relatedSkills"]
    return result


async def test_related_skills_rank_every_reason(api: Api) -> None:
    await graph(api)
    result = await related(api, "a")
    scores = {r["skill"]["id"]: r["score"] for r in result}
    assert scores == {
        "skill_e": 1.0,
        "skill_a2": 0.8,
        "skill_a3": 0.8,
        "skill_b": pytest.approx(2 / 3),
        "skill_c": pytest.approx(1 / 3),
        "skill_d": pytest.approx(1 / 3),
    }
    assert [r["skill"]["id"] for r in result][:3] == ["skill_e", "skill_a2", "skill_a3"]
    b = next(r for r in result if r["skill"]["id"] == "skill_b")
    assert b["reasons"] == [
        {"basis": "COOCCURRENCE", "detail": "2 shared roles", "score": pytest.approx(2 / 3)}
    ]


async def test_siblings_and_filters_by_basis(api: Api) -> None:
    await graph(api)
    siblings = await related(api, "a2", ["HIERARCHY"])
    assert {(r["skill"]["id"], r["reasons"][0]["detail"]) for r in siblings} == {
        ("skill_a", "broader"),
        ("skill_a3", "sibling"),
    }
    assert [r["skill"]["id"] for r in await related(api, "a", ["EXPLICIT"])] == ["skill_e"]
    assert len(await related(api, "a", first=2)) == 2


async def test_cooccurrence_follows_requirement_changes(api: Api) -> None:
    await graph(api)
    before = {r["skill"]["id"]: r["score"] for r in await related(api, "a", ["COOCCURRENCE"])}
    assert before["skill_c"] == pytest.approx(1 / 3)
    await mutate(api, req("r2", "c"))
    after = {r["skill"]["id"]: r["score"] for r in await related(api, "a", ["COOCCURRENCE"])}
    assert after["skill_c"] == pytest.approx(2 / 3)
    await mutate(api, 'removeRoleRequirement(roleId: "role_r1", skillId: "skill_c") { id }')
    again = {r["skill"]["id"]: r["score"] for r in await related(api, "a", ["COOCCURRENCE"])}
    assert again["skill_c"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("first", [0, 101])
async def test_related_first_is_bounded(api: Api, first: int) -> None:
    await graph(api)
    error = await api.error(RELATED, {"s": "skill_a", "by": None, "first": first})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_related_for_an_unknown_skill_is_not_found(api: Api) -> None:
    error = await api.error(RELATED, {"s": "skill_nope", "by": None, "first": 5})
    assert error["extensions"]["code"] == "NOT_FOUND"


PATH = """query($a: ID!, $b: ID!, $hops: Int!) {
  skillPath(fromSkillId: $a, toSkillId: $b, maxHops: $hops) {
    found skills { id } hops { source { id } target { id } link via { id } } } }"""


async def path(api: Api, a: str, b: str, hops: int = 4) -> dict[str, Any]:
    data = await api.data(PATH, {"a": f"skill_{a}", "b": f"skill_{b}", "hops": hops})
    result: dict[str, Any] = data["skillPath"]
    return result


async def test_paths_use_every_link_kind(api: Api) -> None:
    await graph(api)
    narrower = await path(api, "a", "a2")
    assert [h["link"] for h in narrower["hops"]] == ["NARROWER"]
    broader = await path(api, "a2", "a")
    assert [h["link"] for h in broader["hops"]] == ["BROADER"]
    related_path = await path(api, "e", "a")
    assert [h["link"] for h in related_path["hops"]] == ["RELATED"]
    co = await path(api, "c", "d")
    assert [s["id"] for s in co["skills"]] == ["skill_c", "skill_a", "skill_d"]
    assert [h["link"] for h in co["hops"]] == ["CO_REQUIRED", "CO_REQUIRED"]
    assert co["hops"][0]["via"] == {"id": "role_r1"}
    assert co["hops"][1]["via"] == {"id": "role_r3"}
    long = await path(api, "a2", "d")
    assert [h["link"] for h in long["hops"]] == ["BROADER", "CO_REQUIRED"]


async def test_a_path_to_itself_and_none_at_all(api: Api) -> None:
    await graph(api)
    itself = await path(api, "a", "a")
    assert itself == {"found": True, "skills": [{"id": "skill_a"}], "hops": []}
    assert await path(api, "a", "z") == {"found": False, "skills": [], "hops": []}


async def test_max_hops_limits_the_search(api: Api) -> None:
    await graph(api)
    assert (await path(api, "a2", "d", hops=1))["found"] is False
    assert (await path(api, "a2", "d", hops=2))["found"] is True
    error = await api.error(PATH, {"a": "skill_a", "b": "skill_b", "hops": 7})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


MARKET = """query($order: MarketOrder!, $after: String) {
  skillMarket(orderBy: $order, first: 2, after: $after) {
    totalCount edges { value node { id } } pageInfo { hasNextPage endCursor } } }"""


async def market_world(api: Api) -> None:
    await graph(api)
    await mutate(
        api,
        role("p", "JOB_POSTING"),
        'createProvider(input: {id: "prov_1", name: "P"}) { id }',
        'createCredential(input: {id: "cred_x", name: "X", providerId: "prov_1"}) { id }',
        'createCredential(input: {id: "cred_old", name: "Old", providerId: "prov_1",'
        " status: RETIRED}) { id }",
        'setCredentialTeaches(credentialId: "cred_x", skillId: "skill_b") { id }',
        'setCredentialTeaches(credentialId: "cred_old", skillId: "skill_b") { id }',
        'createPerson(input: {id: "person_1", name: "One"}) { id }',
        'createPerson(input: {id: "person_2", name: "Two"}) { id }',
        'createPerson(input: {id: "person_3", name: "Three"}) { id }',
    )
    await mutate(
        api,
        'updateRole(id: "role_p", input: {occupationId: "role_r2"}) { id }',
        req("p", "c", "OPTIONAL"),
        'addPersonSkill(personId: "person_1", skillId: "skill_b") { id }',
        'addPersonSkill(personId: "person_2", skillId: "skill_b") { id }',
        'awardCredential(personId: "person_2", credentialId: "cred_x") { id }',
        'awardCredential(personId: "person_3", credentialId: "cred_x",'
        ' issuedAt: "2020-01-01T00:00:00Z", expiresAt: "2021-01-01T00:00:00Z") { id }',
    )


STATS = """query($s: ID!) { skill(id: $s) { stats {
  demand { total essential optional postings } supply { total verified selfDeclared }
  credentials scarcity computedAt } } }"""


async def test_stats_are_computed_live_then_stored(api: Api, db: Database) -> None:
    await market_world(api)
    live = (await api.data(STATS, {"s": "skill_b"}))["skill"]["stats"]
    assert live["demand"] == {"total": 2, "essential": 2, "optional": 0, "postings": 1}
    # person_2 is verified (and declared: counted once); person_3's award expired.
    assert live["supply"] == {"total": 2, "verified": 1, "selfDeclared": 1}
    assert live["credentials"] == 1
    assert live["scarcity"] == pytest.approx(2 / 3)
    assert live["computedAt"] is None
    await explore.refresh_stats(db)
    stored = (await api.data(STATS, {"s": "skill_b"}))["skill"]["stats"]
    assert {k: v for k, v in stored.items() if k != "computedAt"} == {
        k: v for k, v in live.items() if k != "computedAt"
    }
    assert stored["computedAt"] is not None
    c = (await api.data(STATS, {"s": "skill_c"}))["skill"]["stats"]
    assert c["demand"] == {"total": 2, "essential": 1, "optional": 1, "postings": 1}


async def test_the_market_orders_and_pages_by_each_statistic(api: Api, db: Database) -> None:
    await market_world(api)
    await explore.refresh_stats(db)
    first = (await api.data(MARKET, {"order": "DEMAND", "after": None}))["skillMarket"]
    assert [e["node"]["id"] for e in first["edges"]] == ["skill_a", "skill_b"]
    assert [e["value"] for e in first["edges"]] == [3.0, 2.0]
    assert first["totalCount"] == 8
    second = await api.data(MARKET, {"order": "DEMAND", "after": first["pageInfo"]["endCursor"]})
    assert [e["node"]["id"] for e in second["skillMarket"]["edges"]] == ["skill_c", "skill_d"]
    supply = (await api.data(MARKET, {"order": "SUPPLY", "after": None}))["skillMarket"]
    assert supply["edges"][0] == {"value": 2.0, "node": {"id": "skill_b"}}
    credentials = await api.data(MARKET, {"order": "CREDENTIALS", "after": None})
    assert credentials["skillMarket"]["edges"][0]["node"]["id"] == "skill_b"
    scarcity = (await api.data(MARKET, {"order": "SCARCITY", "after": None}))["skillMarket"]
    assert scarcity["edges"][0] == {"value": 3.0, "node": {"id": "skill_a"}}


SEARCH = """query($t: String!, $types: [SearchType!]) {
  search(text: $t, types: $types) { type score label node { id } } }"""


async def test_search_mixes_types_with_prefix_matching(api: Api) -> None:
    await mutate(
        api,
        skill("py", "Python programming"),
        'createProvider(input: {id: "prov_py", name: "PyCademy"}) { id }',
        'createCredential(input: {id: "cred_py", name: "Python Basics", providerId: "prov_py"})'
        " { id }",
        'createPerson(input: {id: "person_py", name: "Python Fan", visibility: PUBLIC}) { id }',
    )
    hits = (await api.data(SEARCH, {"t": "pyth", "types": None}))["search"]
    assert {h["type"] for h in hits} == {"SKILL", "CREDENTIAL"}
    assert all(not h["node"]["id"].startswith("person_") for h in hits)
    assert {h["label"] for h in hits} == {"Python programming", "Python Basics"}
    only = (await api.data(SEARCH, {"t": "pyth", "types": ["CREDENTIAL"]}))["search"]
    assert [h["node"]["id"] for h in only] == ["cred_py"]


@pytest.mark.parametrize("text", LUCENE_SPECIALS)
async def test_any_text_is_safe_to_search(api: Api, text: str) -> None:
    await mutate(api, skill("cpp", "C++"), skill("cs", "C#"), skill("node", "node.js"))
    body = await api.post(SEARCH, {"t": text, "types": None})
    if body.get("errors"):
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    else:
        assert isinstance(body["data"]["search"], list)


async def test_special_names_are_found(api: Api) -> None:
    await mutate(api, skill("cpp", "C++"), skill("cs", "C#"))
    hits = (await api.data(SEARCH, {"t": "C++", "types": ["SKILL"]}))["search"]
    assert hits[0]["label"] == "C++"


@pytest.mark.parametrize("text", ["", "   "])
async def test_blank_search_is_bad_input(api: Api, text: str) -> None:
    error = await api.error(SEARCH, {"t": text, "types": None})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_crafted_market_cursor_is_bad_input(api: Api) -> None:
    from skillgraph.api.pagination import encode_cursor

    cursor = encode_cursor("MARKET_DEMAND", "not a number", "skill_a")
    error = await api.error(MARKET, {"order": "DEMAND", "after": cursor})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
