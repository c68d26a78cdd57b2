"""No N+1: a nested query costs the same number of Cypher round trips at any page size.

Compiled reads (the default) cost one round trip per root field; with compiled reads off,
the resolvers batch each level through DataLoaders, a fixed number per query shape."""

from __future__ import annotations

from tests.e2e.conftest import Api

NESTED = """
query($first: Int!) {
  skills(first: $first) {
    edges { node {
      name
      taughtBy(first: 5) { edges { level node { name provider { name } } } }
    } }
  }
}
"""

DEEP = """
query($first: Int!) {
  roles(first: $first) {
    edges { node {
      title
      occupation { title }
      requirements { level skill { name broader { name } taughtBy(first: 2) {
        edges { node { provider { name } endorsedBy { name } } } } } }
    } }
  }
}
"""


async def seed(api: Api, skills: int) -> None:
    """``skills`` skills, each taught by two credentials of two providers; roles requiring them."""
    await api.data('mutation { createProvider(input: {name: "P1", id: "prov_1"}) { id } }')
    await api.data('mutation { createProvider(input: {name: "P2", id: "prov_2"}) { id } }')
    await api.data('mutation { createRole(input: {title: "Occupation", id: "role_occ"}) { id } }')
    for i in range(skills):
        sid = f"skill_{i:03d}"
        await api.data(
            "mutation($id: ID!, $n: String!) { createSkill(input: {id: $id, name: $n}) { id } }",
            {"id": sid, "n": f"skill {i:03d}"},
        )
        for p in (1, 2):
            cid = f"cred_{i:03d}_{p}"
            await api.data(
                "mutation($id: ID!, $n: String!, $p: ID!, $s: ID!) {"
                " createCredential(input: {id: $id, name: $n, providerId: $p}) { id }"
                " setCredentialTeaches(credentialId: $id, skillId: $s, level: 2) { id } }",
                {"id": cid, "n": f"cred {i}-{p}", "p": f"prov_{p}", "s": sid},
            )
        await api.data(
            "mutation($id: ID!, $t: String!, $s: ID!) {"
            ' createRole(input: {id: $id, title: $t, kind: JOB_POSTING, occupationId: "role_occ"})'
            " { id } setRoleRequirement(roleId: $id, skillId: $s) { id } }",
            {"id": f"role_{i:03d}", "t": f"posting {i:03d}", "s": sid},
        )


async def trips(api: Api, query: str, first: int) -> int:
    db = api.server.database
    before = db.round_trips
    await api.data(query, {"first": first})
    return db.round_trips - before


async def test_skills_taught_by_provider_costs_one_compiled_round_trip(api: Api) -> None:
    await seed(api, 30)
    assert await trips(api, NESTED, 3) == await trips(api, NESTED, 100) == 1


async def test_a_four_level_query_costs_one_compiled_round_trip(api: Api) -> None:
    await seed(api, 30)
    assert await trips(api, DEEP, 2) == await trips(api, DEEP, 100) == 1


async def test_resolvers_cost_three_round_trips_at_any_page_size(resolvers: Api) -> None:
    await seed(resolvers, 30)
    small, large = await trips(resolvers, NESTED, 3), await trips(resolvers, NESTED, 100)
    # The skills page, one batch of taughtBy pages, one batch of providers.
    assert small == large == 3


async def test_resolvers_bound_a_four_level_query_too(resolvers: Api) -> None:
    await seed(resolvers, 30)
    small, large = await trips(resolvers, DEEP, 2), await trips(resolvers, DEEP, 100)
    # roles page, occupations, requirements, broader, taughtBy pages, providers, endorsers.
    assert small == large == 7


async def test_nodes_of_several_types_cost_one_round_trip(api: Api) -> None:
    await seed(api, 2)
    query = (
        'query { a: node(id: "role_occ") { id } nodes(ids: ["skill_000", "cred_000_1",'
        ' "prov_2", "role_000", "person_none", "bogus"]) { id } }'
    )
    db = api.server.database
    before = db.round_trips
    data = await api.data(query)
    assert db.round_trips - before == 1
    assert [n and n["id"] for n in data["nodes"]] == [
        "skill_000",
        "cred_000_1",
        "prov_2",
        "role_000",
        None,
        None,
    ]
