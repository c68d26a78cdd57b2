"""relatedSkills, skillPath, skillMarket/Skill.stats and search: the cases test_explore.py
leaves open (scores per relation type, tie-breaking, bounds, awards that do not verify,
filters, cursors, round trips, and who sees what)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from skillgraph.store import explore
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer, make_key
from tests.e2e.test_explore import MARKET, PATH, RELATED, SEARCH, STATS, mutate, req, role, skill


def relate(a: str, b: str, relation_type: str) -> str:
    return (
        f'relateSkills(skillId: "skill_{a}", relatedId: "skill_{b}",'
        f' relationType: "{relation_type}") {{ id }}'
    )


def award(person: str, credential: str, extra: str = "") -> str:
    return (
        f'awardCredential(personId: "person_{person}", credentialId: "cred_{credential}"{extra})'
        " { id }"
    )


async def related(api: Api, s: str, by: list[str] | None = None) -> list[dict[str, Any]]:
    data = await api.data(RELATED, {"s": f"skill_{s}", "by": by, "first": 10})
    result: list[dict[str, Any]] = data["relatedSkills"]
    return result


async def test_explicit_scores_follow_the_relation_type_either_way(api: Api) -> None:
    await mutate(api, *[skill(s) for s in ["a", "ess", "opt", "other"]])
    await mutate(
        api,
        relate("a", "ess", "essential"),
        relate("opt", "a", "optional"),  # stored the other way: still related to a
        relate("a", "other", "something else"),
    )
    result = await related(api, "a", ["EXPLICIT"])
    assert [(r["skill"]["id"], r["score"]) for r in result] == [
        ("skill_ess", 1.0),
        ("skill_opt", 0.5),
        ("skill_other", 0.5),
    ]
    assert result[1]["reasons"] == [{"basis": "EXPLICIT", "detail": "optional", "score": 0.5}]


async def test_equal_scores_are_ordered_by_name_then_id(api: Api) -> None:
    await mutate(api, skill("a"), skill("z1", "beta"), skill("z2", "alpha"), skill("z0", "alpha"))
    await mutate(api, *[relate("a", s, "optional") for s in ["z1", "z2", "z0"]])
    result = await related(api, "a")
    assert [r["skill"]["id"] for r in result] == ["skill_z0", "skill_z2", "skill_z1"]


async def test_a_skill_related_twice_lists_both_reasons_best_first(api: Api) -> None:
    await mutate(api, skill("top"), skill("a"), skill("b"))
    await mutate(
        api,
        'setBroaderSkill(skillId: "skill_a", broaderId: "skill_top") { id }',
        'setBroaderSkill(skillId: "skill_b", broaderId: "skill_top") { id }',
        relate("a", "b", "optional"),
    )
    (b,) = [r for r in await related(api, "a") if r["skill"]["id"] == "skill_b"]
    assert b["score"] == 0.5
    assert b["reasons"] == [
        {"basis": "EXPLICIT", "detail": "optional", "score": 0.5},
        {"basis": "HIERARCHY", "detail": "sibling", "score": 0.4},
    ]


async def test_cooccurrence_counts_only_roles_own_requirements(api: Api) -> None:
    """Posting p specialises occupation o (which requires a and b) and requires c itself:
    b shares o with a (1/1); c shares nothing with a, the posting inheriting a notwithstanding."""
    await mutate(api, skill("a"), skill("b"), skill("c"), role("o"), role("p", "JOB_POSTING"))
    await mutate(
        api,
        'updateRole(id: "role_p", input: {occupationId: "role_o"}) { id }',
        req("o", "a"),
        req("o", "b"),
        req("p", "c"),
    )
    result = await related(api, "a", ["COOCCURRENCE"])
    assert [(r["skill"]["id"], r["score"]) for r in result] == [("skill_b", 1.0)]


async def test_removing_a_skill_invalidates_cached_cooccurrence(api: Api) -> None:
    await mutate(api, skill("a"), skill("b"), role("r"))
    await mutate(api, req("r", "a"), req("r", "b"))
    assert [r["skill"]["id"] for r in await related(api, "a")] == ["skill_b"]
    await mutate(api, 'deleteSkill(id: "skill_b", cascade: true) { deleted }')
    assert await related(api, "a") == []


async def paths(api: Api, a: str, b: str, hops: int = 4) -> dict[str, Any]:
    data = await api.data(PATH, {"a": f"skill_{a}", "b": f"skill_{b}", "hops": hops})
    result: dict[str, Any] = data["skillPath"]
    return result


async def test_equal_paths_break_ties_by_the_smallest_ids(api: Api) -> None:
    """a and d are two hops apart through m1 or m2, each via two roles."""
    await mutate(api, *[skill(s) for s in ["a", "m2", "m1", "d"]])
    await mutate(api, *[role(r) for r in ["r9", "r8", "r7", "r6", "r5", "r4"]])
    await mutate(
        api,
        *[req(r, s) for r, s in [("r9", "a"), ("r9", "m2"), ("r8", "a"), ("r8", "m1")]],
        *[req(r, s) for r, s in [("r7", "a"), ("r7", "m1"), ("r6", "m1"), ("r6", "d")]],
        *[req(r, s) for r, s in [("r5", "m2"), ("r5", "d"), ("r4", "m1"), ("r4", "d")]],
    )
    expected = {
        "found": True,
        "skills": [{"id": "skill_a"}, {"id": "skill_m1"}, {"id": "skill_d"}],
        "hops": [
            {
                "source": {"id": "skill_a"},
                "target": {"id": "skill_m1"},
                "link": "CO_REQUIRED",
                "via": {"id": "role_r7"},
            },
            {
                "source": {"id": "skill_m1"},
                "target": {"id": "skill_d"},
                "link": "CO_REQUIRED",
                "via": {"id": "role_r4"},
            },
        ],
    }
    for _ in range(3):
        assert await paths(api, "a", "d") == expected


async def test_hierarchy_links_win_ties_over_co_requirement(api: Api) -> None:
    await mutate(api, skill("a"), skill("b"), role("r"))
    await mutate(api, req("r", "a"), req("r", "b"))
    await mutate(api, 'setBroaderSkill(skillId: "skill_b", broaderId: "skill_a") { id }')
    result = await paths(api, "a", "b")
    assert [(h["link"], h["via"]) for h in result["hops"]] == [("NARROWER", None)]


@pytest.mark.parametrize("hops", [0, -1, 7])
async def test_max_hops_out_of_range_is_bad_input(api: Api, hops: int) -> None:
    await mutate(api, skill("a"), skill("b"))
    error = await api.error(PATH, {"a": "skill_a", "b": "skill_b", "hops": hops})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "maxHops",
    )


@pytest.mark.parametrize(("a", "b"), [("nope", "a"), ("a", "nope"), ("nope", "nope")])
async def test_a_path_from_or_to_an_unknown_skill_is_not_found(api: Api, a: str, b: str) -> None:
    await mutate(api, skill("a"))
    error = await api.error(PATH, {"a": f"skill_{a}", "b": f"skill_{b}", "hops": 4})
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_a_path_costs_at_most_one_round_trip_per_level_plus_lookups(api: Api) -> None:
    chain = [f"c{i}" for i in range(6)]
    await mutate(api, *[skill(s) for s in chain])
    await mutate(
        api,
        *[
            f'setBroaderSkill(skillId: "skill_{a}", broaderId: "skill_{b}") {{ id }}'
            for a, b in zip(chain[1:], chain, strict=False)
        ],
    )
    db = api.server.database
    before = db.round_trips
    assert len((await paths(api, "c0", "c5", hops=6))["hops"]) == 5
    # Two end lookups, five BFS levels, the path's skills and their roles.
    assert db.round_trips - before <= 5 + 4


async def stats_of(api: Api, s: str) -> dict[str, Any]:
    data = await api.data(STATS, {"s": f"skill_{s}"})
    result: dict[str, Any] = data["skill"]["stats"]
    return result


async def supply_world(api: Api) -> None:
    """Six people and skill s taught by ACTIVE cred_on and RETIRED cred_off:
    1 declares s; 2 declares s and holds cred_on (counted once, verified); 3's award of cred_on
    is revoked; 4's expired; 5 holds only the retired credential (still verified: the award is
    ACTIVE); 6 is PRIVATE and declares s. Verified {2, 5}; self-declared {1, 6}."""
    await mutate(
        api,
        skill("s"),
        'createProvider(input: {id: "prov_1", name: "P"}) { id }',
        'createCredential(input: {id: "cred_on", name: "On", providerId: "prov_1"}) { id }',
        'createCredential(input: {id: "cred_off", name: "Off", providerId: "prov_1",'
        " status: RETIRED}) { id }",
        *[f'createPerson(input: {{id: "person_{i}", name: "P{i}"}}) {{ id }}' for i in range(1, 6)],
        'createPerson(input: {id: "person_6", name: "P6", visibility: PRIVATE}) { id }',
    )
    await mutate(
        api,
        'setCredentialTeaches(credentialId: "cred_on", skillId: "skill_s") { id }',
        'setCredentialTeaches(credentialId: "cred_off", skillId: "skill_s") { id }',
        *[
            f'addPersonSkill(personId: "person_{i}", skillId: "skill_s") {{ id }}'
            for i in (1, 2, 6)
        ],
        award("2", "on"),
        award("3", "on"),
        award("4", "on", ', issuedAt: "2020-01-01T00:00:00Z", expiresAt: "2021-01-01T00:00:00Z"'),
        award("5", "off"),
    )
    await mutate(api, 'revokeCredential(personId: "person_3", credentialId: "cred_on") { id }')


async def test_supply_counts_only_active_unexpired_awards_as_verified(api: Api) -> None:
    await supply_world(api)
    stats = await stats_of(api, "s")
    assert stats["supply"] == {"total": 4, "verified": 2, "selfDeclared": 2}
    assert stats["credentials"] == 1
    assert stats["demand"] == {"total": 0, "essential": 0, "optional": 0, "postings": 0}
    assert stats["scarcity"] == 0


async def test_stored_and_live_statistics_agree(api: Api, db: Database) -> None:
    await supply_world(api)
    live = await stats_of(api, "s")
    await explore.refresh_stats(db)
    stored = await stats_of(api, "s")
    assert stored["computedAt"] is not None
    assert {**stored, "computedAt": None} == live


async def test_postings_count_inherited_and_own_requirements_once(api: Api) -> None:
    await mutate(api, skill("s"), role("o"), role("p", "JOB_POSTING"), role("q", "JOB_POSTING"))
    await mutate(
        api,
        'updateRole(id: "role_p", input: {occupationId: "role_o"}) { id }',
        req("o", "s"),
        req("p", "s", "OPTIONAL"),  # own and inherited: one posting
        req("q", "s", "OPTIONAL"),
    )
    stats = await stats_of(api, "s")
    assert stats["demand"] == {"total": 3, "essential": 1, "optional": 2, "postings": 2}
    assert stats["scarcity"] == 3.0


MARKET_FILTERED = """query($f: SkillMarketFilter, $first: Int, $after: String) {
  skillMarket(filter: $f, orderBy: DEMAND, first: $first, after: $after) {
    totalCount edges { value node { id } } pageInfo { hasNextPage endCursor } } }"""


async def market_world(api: Api) -> None:
    """Demand: data1 3, data2 2, data3 2, other 1; data3 is KNOWLEDGE."""
    await mutate(
        api,
        skill("data1", "data one"),
        skill("data2", "data two"),
        'createSkill(input: {id: "skill_data3", name: "data three", type: KNOWLEDGE}) { id }',
        skill("other", "other"),
        *[role(r) for r in ["r1", "r2", "r3"]],
    )
    pairs = [("r1", "data1"), ("r2", "data1"), ("r3", "data1"), ("r1", "data2"), ("r2", "data2")]
    pairs += [("r1", "data3"), ("r3", "data3"), ("r1", "other")]
    await mutate(api, *[req(r, s) for r, s in pairs])


async def market(
    api: Api, f: dict[str, Any] | None = None, first: int = 2, after: str | None = None
) -> dict[str, Any]:
    data = await api.data(MARKET_FILTERED, {"f": f, "first": first, "after": after})
    result: dict[str, Any] = data["skillMarket"]
    return result


def node_ids(page: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in page["edges"]]


async def test_the_market_filters_by_text_and_type(api: Api, db: Database) -> None:
    await market_world(api)
    await explore.refresh_stats(db)
    text = await market(api, {"text": "dat"}, first=10)
    assert node_ids(text) == ["skill_data1", "skill_data2", "skill_data3"]
    assert text["totalCount"] == 3
    typed = await market(api, {"text": "dat", "type": "KNOWLEDGE"}, first=10)
    assert (node_ids(typed), typed["totalCount"]) == (["skill_data3"], 1)


async def test_market_pages_are_stable_while_skills_are_added(api: Api, db: Database) -> None:
    await market_world(api)
    await explore.refresh_stats(db)
    first = await market(api)
    assert node_ids(first) == ["skill_data1", "skill_data2"]
    await mutate(api, skill("data0", "data zero"), req("r1", "data0"))
    await explore.refresh_stats(db)  # data0 (demand 1) sorts after the cursor
    second = await market(api, after=first["pageInfo"]["endCursor"])
    assert node_ids(second) == ["skill_data3", "skill_data0"]
    third = await market(api, after=second["pageInfo"]["endCursor"])
    assert (node_ids(third), third["pageInfo"]["hasNextPage"]) == (["skill_other"], False)


@pytest.mark.parametrize("after", ["garbage", "W10"])
async def test_a_foreign_market_cursor_is_bad_input(api: Api, after: str) -> None:
    error = await api.error(MARKET, {"order": "DEMAND", "after": after})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "after",
    )


async def test_a_cursor_of_another_order_is_bad_input(api: Api, db: Database) -> None:
    await market_world(api)
    await explore.refresh_stats(db)
    page = (await api.data(MARKET, {"order": "SUPPLY", "after": None}))["skillMarket"]
    error = await api.error(MARKET, {"order": "DEMAND", "after": page["pageInfo"]["endCursor"]})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("first", [-1, 101])
async def test_market_first_is_bounded(api: Api, first: int) -> None:
    error = await api.error(MARKET_FILTERED, {"f": None, "first": first, "after": None})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def search(api: Api, text: str, types: list[str] | None = None) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = (await api.data(SEARCH, {"t": text, "types": types}))["search"]
    return result


async def test_the_label_is_the_alternative_label_that_matched(api: Api) -> None:
    await mutate(
        api,
        'createSkill(input: {id: "skill_js", name: "JavaScript", altLabels: ["ECMAScript"]})'
        " { id }",
    )
    (hit,) = await search(api, "ecma")
    assert (hit["type"], hit["label"], hit["node"]["id"]) == ("SKILL", "ECMAScript", "skill_js")
    assert (await search(api, "java"))[0]["label"] == "JavaScript"


async def test_roles_and_providers_are_found_by_title_and_name(api: Api) -> None:
    await mutate(
        api,
        'createRole(input: {id: "role_c", title: "Cloud Architect"}) { id }',
        'createProvider(input: {id: "prov_c", name: "Cloudacademy"}) { id }',
    )
    hits = await search(api, "cloud")
    assert {(h["type"], h["label"]) for h in hits} == {
        ("ROLE", "Cloud Architect"),
        ("PROVIDER", "Cloudacademy"),
    }
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


@pytest.mark.parametrize("text", ["\x00", "the", "OR", "NOT x", "x~2", "title:foo", "*:*", "🙂"])
async def test_odd_text_never_fails(api: Api, text: str) -> None:
    await mutate(api, skill("a", "title foo"))
    body = await api.post(SEARCH, {"t": text, "types": None})
    if body.get("errors"):
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    else:
        assert isinstance(body["data"]["search"], list)


@pytest.mark.parametrize(("text", "first"), [("x" * 201, 10), ("x", 0), ("x", 101)])
async def test_search_bounds_are_bad_input(api: Api, text: str, first: int) -> None:
    query = "query($t: String!, $n: Int!) { search(text: $t, first: $n) { score } }"
    error = await api.error(query, {"t": text, "n": first})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.fixture
async def researcher(server: RunningServer, db: Database) -> AsyncIterator[Api]:
    headers = {"authorization": f"Bearer {await make_key(db, 'RESEARCHER')}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers) as client:
        yield Api(client=client, server=server)


async def test_people_are_never_searchable(api: Api, researcher: Api) -> None:
    await mutate(
        api,
        skill("rare", "Zyxwv skill"),
        'createPerson(input: {id: "person_z", name: "Zyxwv", email: "zyxwv@example.org",'
        " visibility: PUBLIC}) { id }",
    )
    for client in (api, researcher):
        for text in ["zyxwv", "zyxwv@example.org", "person_z"]:
            hits = await search(client, text)
            assert all(not h["node"]["id"].startswith("person_") for h in hits)


async def test_researchers_get_every_aggregate(researcher: Api, api: Api) -> None:
    await supply_world(api)
    assert (await stats_of(researcher, "s"))["supply"]["total"] == 4
    page = (await researcher.data(MARKET, {"order": "SUPPLY", "after": None}))["skillMarket"]
    assert page["edges"][0]["node"]["id"] == "skill_s"
    assert await related(researcher, "s") == []
    hits = await search(researcher, "on")
    assert [h["node"]["id"] for h in hits] == ["cred_on"]
