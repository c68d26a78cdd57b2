"""Compiled reads answer exactly what the resolvers answer.

The same queries go to two servers on one graph: the default one, which compiles catalogue
reads to one Cypher query per root field, and one with compiled reads off, where every field
runs its resolver. Their responses must be equal, byte for byte once parsed, and the compiled
server must really have compiled them (its endpoint counts how each request was answered).
Besides a fixed corpus, queries are generated at random from the compiled path's registry,
so a field added there is compared without anyone writing a query for it.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from skillgraph.analysis.value import refresh_signals
from skillgraph.api.compiled.registry import MONEY, RELATIONS, SCALARS
from skillgraph.api.endpoint import GraphQLEndpoint
from skillgraph.api.pagination import encode_cursor
from skillgraph.store.compiler import Mode
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer

SEED = [
    # Providers, one accredited, with a kind and a country.
    'p1: createProvider(input: {id: "prov_a", name: "Acme Academy", kind: UNIVERSITY,'
    ' accredited: true, accreditations: ["EQAR"], country: "DE", altLabels: ["AA"]}) { id }'
    ' p2: createProvider(input: {id: "prov_b", name: "beta Bootcamp", kind: PLATFORM}) { id }'
    ' p3: createProvider(input: {id: "prov_c", name: "Ünï Corp", uri: "https://p.example/c"})'
    " { id }",
    # Skills: mixed case, ties on name, a unicode name, knowledge and skill types.
    's1: createSkill(input: {id: "skill_py", name: "Python", altLabels: ["py", "Python 3"]})'
    ' { id } s2: createSkill(input: {id: "skill_sql", name: "sql", type: KNOWLEDGE,'
    ' description: "Structured Query Language", uri: "https://s.example/sql"}) { id }'
    ' s3: createSkill(input: {id: "skill_data", name: "Data analysis"}) { id }'
    ' s4: createSkill(input: {id: "skill_same1", name: "Same"}) { id }'
    ' s5: createSkill(input: {id: "skill_same2", name: "same"}) { id }'
    ' s6: createSkill(input: {id: "skill_ml", name: "Éléments of ML"}) { id }'
    ' s7: createSkill(input: {id: "skill_prog", name: "programming"}) { id }',
    # Credentials: priced in two currencies, unpriced, hours, formats, validity, retired.
    'c1: createCredential(input: {id: "cred_py", name: "Python Basics", providerId: "prov_a",'
    ' cost: {amount: "199.99", currency: "EUR"}, durationHours: 40, format: ONLINE,'
    ' kind: CERTIFICATE, validityMonths: 24, url: "https://c.example/py"}) { id }'
    ' c2: createCredential(input: {id: "cred_sql", name: "SQL for all", providerId: "prov_a",'
    ' cost: {amount: "0", currency: "EUR"}, durationHours: 12.5, format: HYBRID}) { id }'
    ' c3: createCredential(input: {id: "cred_data", name: "data Nanodegree",'
    ' providerId: "prov_b", cost: {amount: "1200", currency: "USD"}, kind: NANODEGREE})'
    ' { id } c4: createCredential(input: {id: "cred_ml", name: "ML Badge",'
    ' providerId: "prov_c", status: RETIRED, format: IN_PERSON}) { id }'
    ' c5: createCredential(input: {id: "cred_adv", name: "Advanced Python",'
    ' providerId: "prov_b", cost: {amount: "350.50", currency: "EUR"}, durationHours: 80})'
    " { id }",
    # Roles: an occupation, postings specialising it, one overriding an inherited need.
    'r1: createRole(input: {id: "role_dev", title: "Software developer", iscoGroup: "2512",'
    ' altLabels: ["programmer"]}) { id }'
    ' r2: createRole(input: {id: "role_p1", title: "backend Engineer", kind: JOB_POSTING,'
    ' occupationId: "role_dev", employer: "Example GmbH", location: "Berlin", remote: true})'
    ' { id } r3: createRole(input: {id: "role_p2", title: "Data Engineer", kind: JOB_POSTING,'
    ' occupationId: "role_dev", remote: false}) { id }'
    ' r4: createRole(input: {id: "role_ds", title: "data scientist"}) { id }',
    't1: setCredentialTeaches(credentialId: "cred_py", skillId: "skill_py", level: 2) { id }'
    ' t2: setCredentialTeaches(credentialId: "cred_py", skillId: "skill_prog") { id }'
    ' t3: setCredentialTeaches(credentialId: "cred_sql", skillId: "skill_sql", level: 3)'
    ' { id } t4: setCredentialTeaches(credentialId: "cred_data", skillId: "skill_data",'
    ' level: 4) { id } t5: setCredentialTeaches(credentialId: "cred_data",'
    ' skillId: "skill_sql", level: 2) { id } t6: setCredentialTeaches(credentialId: "cred_ml",'
    ' skillId: "skill_ml") { id } t7: setCredentialTeaches(credentialId: "cred_adv",'
    ' skillId: "skill_py", level: 4) { id } t8: setCredentialTeaches(credentialId: "cred_data",'
    ' skillId: "skill_same1") { id }',
    'q1: setCredentialPrerequisite(credentialId: "cred_adv", skillId: "skill_py", level: 2)'
    ' { id } q2: setCredentialPrerequisite(credentialId: "cred_data", skillId: "skill_sql")'
    ' { id } e1: endorseCredential(providerId: "prov_c", credentialId: "cred_py") { id }'
    ' e2: endorseCredential(providerId: "prov_b", credentialId: "cred_py") { id }'
    ' e3: endorseCredential(providerId: "prov_a", credentialId: "cred_ml") { id }',
    'b1: setBroaderSkill(skillId: "skill_py", broaderId: "skill_prog") { id }'
    ' b2: setBroaderSkill(skillId: "skill_sql", broaderId: "skill_data") { id }'
    ' b3: setBroaderSkill(skillId: "skill_ml", broaderId: "skill_data") { id }'
    ' x1: relateSkills(skillId: "skill_py", relatedId: "skill_data", relationType: "optional")'
    ' { id } x2: relateSkills(skillId: "skill_sql", relatedId: "skill_py") { id }',
    'n1: setRoleRequirement(roleId: "role_dev", skillId: "skill_py", level: 3) { id }'
    ' n2: setRoleRequirement(roleId: "role_dev", skillId: "skill_sql", importance: OPTIONAL)'
    ' { id } n3: setRoleRequirement(roleId: "role_p1", skillId: "skill_sql", level: 4) { id }'
    ' n4: setRoleRequirement(roleId: "role_p2", skillId: "skill_data", importance: OPTIONAL,'
    ' level: 2) { id } n5: setRoleRequirement(roleId: "role_ds", skillId: "skill_data",'
    ' level: 4) { id } n6: setRoleRequirement(roleId: "role_ds", skillId: "skill_ml") { id }'
    ' n7: setRoleRequirement(roleId: "role_dev", skillId: "skill_same2") { id }',
]

CORPUS = [
    "{ skills(first: 100) { edges { node { name taughtBy(first: 10) { edges { node { name"
    " provider { name } } } } } } } }",
    "{ roles(first: 20, filter: {kind: OCCUPATION}) { edges { node { title requirements {"
    " level importance inherited skill { name broader { name } taughtBy(first: 5) { edges {"
    " node { name provider { name } } } } } } } } } }",
    '{ credentials(filter: {formats: [ONLINE, HYBRID], maxCost: {amount: "500", currency:'
    ' "EUR"}}, orderBy: {field: COST}, first: 20) { totalCount pageInfo { hasNextPage'
    " endCursor startCursor hasPreviousPage } edges { cursor node { name cost { amount currency"
    " __typename } provider { name } teaches { level skill { name } } } } } }",
    '{ skills(filter: {text: "pyth"}, first: 50) { totalCount edges { cursor node { id uri'
    " name type altLabels description createdAt updatedAt __typename } } } }",
    "{ providers(first: 5) { edges { node { name kind url country accredited accreditations"
    " altLabels credentials(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges {"
    " cursor node { name kind durationHours format validityMonths url status endorsedBy { name }"
    " prerequisites { level skill { name } } } } } endorses(first: 2) { totalCount } } } } }",
    "{ roles(filter: {kind: JOB_POSTING}, first: 10, orderBy: {field: CREATED_AT, direction:"
    " DESC}) { edges { cursor node { title employer location remote iscoGroup occupation { title"
    " postings(first: 1) { totalCount edges { node { title } } } } requirements { level"
    " importance inherited skill { name requiredBy(first: 2) { totalCount edges { level"
    " importance node { title } } } } } } } } }",
    "{ a: skills(first: 3) { edges { node { ...S } } } b: credentials(first: 2, orderBy: {field:"
    " DURATION, direction: DESC}) { edges { node { ... on Credential { name durationHours } ..."
    " on Node { id } } } } } fragment S on Skill { name narrower(first: 2) { totalCount } related"
    " { relationType outgoing skill { name } } }",
    "query($id: ID!) { credential(id: $id) { name provider { name } teaches { level skill {"
    " name } } } }",
    '{ skill(uri: "https://s.example/sql") { name broader { name narrower { edges { node { name'
    ' } } } } } provider(id: "prov_b") { name credentials { edges { node { name } } } } }',
    '{ roles(filter: {requiresSkill: "skill_sql", employer: "example gmbh"}) { totalCount edges'
    " { node { title } } } apiVersion __typename }",
    '{ credentials(filter: {teaches: ["skill_py", "skill_prog"], teachesMode: ALL}) {'
    ' totalCount edges { node { name } } } x: credentials(filter: {teaches: ["skill_py",'
    ' "skill_sql"], providers: ["prov_a", "prov_b"], statuses: [ACTIVE], maxHours: 50}) {'
    " edges { node { name } } } }",
    '{ skills(filter: {types: [KNOWLEDGE], uris: ["https://s.example/sql"]}) { edges { node {'
    ' name } } } providers(filter: {text: "acad", kinds: [UNIVERSITY], accredited: true}) {'
    " totalCount } }",
    "{ skills(first: 2, orderBy: {direction: DESC}) { pageInfo { hasNextPage endCursor } edges {"
    " node { name } } } roles(orderBy: {field: UPDATED_AT}) { edges { cursor } } }",
]


@pytest.fixture
async def seeded(api: Api) -> Api:
    for mutation in SEED:
        await api.data(f"mutation {{ {mutation} }}")
    return api


def _endpoint(server: RunningServer) -> GraphQLEndpoint:
    for route in server.app.routes:
        if getattr(route, "path", None) == "/graphql":
            app = route.app  # type: ignore[attr-defined]
            assert isinstance(app, GraphQLEndpoint)
            return app
    raise AssertionError("no /graphql route")


def _without_request_ids(body: Any) -> Any:
    for error in body.get("errors") or []:
        (error.get("extensions") or {}).pop("requestId", None)
    return body


async def both(compiled: Api, resolvers: Api, query: str, variables: Any = None) -> Any:
    """Both responses, asserted equal (but for each error's own request id); returns the
    compiled one."""
    first = _without_request_ids(await compiled.post(query, variables))
    second = _without_request_ids(await resolvers.post(query, variables))
    assert first == second, (
        f"{query}\n{json.dumps(first, indent=1)[:3000]}\n{json.dumps(second, indent=1)[:3000]}"
    )
    return first


async def test_the_corpus_is_compiled_and_answered_as_the_resolvers_answer(
    seeded: Api, resolvers: Api
) -> None:
    stats = _endpoint(seeded.server).stats
    for query in CORPUS:
        before = stats["compiled"]
        body = await both(seeded, resolvers, query, {"id": "cred_py"})
        assert "errors" not in body, body
        assert stats["compiled"] == before + 1, f"not compiled: {query}"


VALUE_PAGES = [
    "{ credentials(orderBy: {field: VALUE, direction: DESC}, first: 20) { totalCount edges {"
    " cursor node { name cost { amount currency } provider { name } } } } }",
    "{ credentials(orderBy: {field: VALUE}, filter: {minValue: 0.3}) { totalCount edges {"
    " node { name } } } }",
    "{ credentials(orderBy: {field: VALUE, direction: DESC}, filter: {minValue: 0.1, teaches:"
    ' ["skill_py"]}) { edges { node { name } } } }',
]


async def test_value_pages_are_compiled_and_answered_as_the_resolvers_answer(
    seeded: Api, resolvers: Api, db: Database
) -> None:
    await refresh_signals(db)
    stats = _endpoint(seeded.server).stats
    for query in VALUE_PAGES:
        before = stats["compiled"]
        body = await both(seeded, resolvers, query)
        assert "errors" not in body, body
        assert stats["compiled"] == before + 1, f"not compiled: {query}"
    ranked = await both(seeded, resolvers, VALUE_PAGES[0])
    assert len({e["node"]["name"] for e in ranked["data"]["credentials"]["edges"]}) == 5
    # Asking for the value itself is answered by the resolvers, in the same order.
    with_value = await both(
        seeded,
        resolvers,
        "{ credentials(orderBy: {field: VALUE, direction: DESC}) { edges { node { name"
        " value { score } } } } }",
    )
    names = [e["node"]["name"] for e in with_value["data"]["credentials"]["edges"]]
    assert names == [e["node"]["name"] for e in ranked["data"]["credentials"]["edges"]]
    scores = [e["node"]["value"]["score"] for e in with_value["data"]["credentials"]["edges"]]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) > 1
    # Page by page after each cursor.
    query = (
        "query($a: String) { credentials(first: 2, after: $a, orderBy: {field: VALUE,"
        " direction: DESC}) { pageInfo { hasNextPage endCursor } edges { node { name } } } }"
    )
    after, seen = None, []
    while True:
        page = (await both(seeded, resolvers, query, {"a": after}))["data"]["credentials"]
        seen += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == names


async def test_every_page_after_a_cursor_matches(seeded: Api, resolvers: Api) -> None:
    query = (
        "query($a: String, $b: String) { skills(first: 2, after: $a) { pageInfo { hasNextPage"
        " hasPreviousPage endCursor } edges { node { name taughtBy(first: 1, after: $b) {"
        " pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor level } } } } } }"
    )
    after: str | None = None
    seen = 0
    while True:
        body = await both(
            seeded, resolvers, query, {"a": after, "b": encode_cursor("NAME", "python", "x")}
        )
        page = body["data"]["skills"]
        seen += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == 7


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ skill(id: "skill_missing") { name } }', None),
        ('{ skill(id: "skill_py", uri: "x") { name } }', None),
        ("{ skill { name } }", None),
        ("{ skills(first: 101) { edges { node { name } } } }", None),
        ('{ skills(after: "junk") { edges { node { name } } } }', None),
        ("{ skills { edges { node { taughtBy(first: -1) { totalCount } } } } }", None),
        ('{ skills(filter: {text: "  "}) { totalCount } }', None),
        (
            '{ credentials(filter: {maxCost: {amount: "-1", currency: "EUR"}}) { totalCount } }',
            None,
        ),
        ("query($f: Int) { skills(first: $f) { totalCount } }", {"f": "many"}),
        ("{ skills { edges { node { nope } } } }", None),
        (
            '{ skills(after: "WyJDUkVBVEVEX0FUIiwxLCJ4Il0") { edges { node { name } } } }',
            None,
        ),
    ],
)
async def test_bad_requests_get_the_resolvers_errors(
    seeded: Api, resolvers: Api, query: str, variables: Any
) -> None:
    body = await both(seeded, resolvers, query, variables)
    assert body.get("errors"), body


# -- generated queries ----------------------------------------------------------------------

_ROOTS = {"Skill": "skills", "Credential": "credentials", "Provider": "providers", "Role": "roles"}
_ORDERS = {
    "Skill": ["NAME", "CREATED_AT", "UPDATED_AT"],
    "Credential": ["NAME", "COST", "DURATION", "CREATED_AT", "UPDATED_AT", "VALUE"],
    "Provider": ["NAME", "CREATED_AT", "UPDATED_AT"],
    "Role": ["TITLE", "CREATED_AT", "UPDATED_AT"],
}
_FILTERS = {
    "Skill": ['{text: "data"}', "{types: [SKILL]}", '{text: "s"}'],
    "Credential": [
        '{teaches: ["skill_py"]}',
        '{maxCost: {amount: "300", currency: "EUR"}}',
        "{formats: [ONLINE], kinds: [CERTIFICATE, OTHER]}",
        "{maxHours: 20}",
        "{minValue: 0}",
    ],
    "Provider": ["{accredited: false}", '{text: "boot"}'],
    "Role": ["{kind: JOB_POSTING}", '{requiresSkill: "skill_data"}', '{text: "engineer"}'],
}
_WRAPPER_FIELDS = {
    "SkillLevel": ["level"],
    "RelatedSkill": ["relationType", "outgoing"],
    "RoleRequirement": ["level", "importance", "inherited"],
}


def _selection(rng: random.Random, typename: str, depth: int) -> str:
    scalars = list(SCALARS[typename]) + [f for (t, f) in MONEY if t == typename]
    picked = rng.sample(scalars, rng.randint(1, 3))
    parts = [
        f"{name} {{ amount currency }}" if (typename, name) in MONEY else name for name in picked
    ]
    if rng.random() < 0.2:
        parts.append("__typename")
    relations = [(f, r) for (t, f), r in RELATIONS.items() if t == typename]
    if depth > 0:
        for field, relation in rng.sample(relations, rng.randint(0, min(2, len(relations)))):
            inner = _selection(rng, relation.child, depth - 1)
            alias = f"x{rng.randint(0, 999)}: " if rng.random() < 0.2 else ""
            if relation.mode is Mode.PAGE:
                first = rng.choice(["(first: 0)", "(first: 1)", "(first: 2)"])
                extra = rng.choice(
                    [
                        "",
                        "totalCount",
                        "pageInfo { hasNextPage endCursor }",
                        "pageInfo { hasNextPage }",
                        "pageInfo { startCursor hasPreviousPage }",
                    ]
                )
                # Without a cursor or pageInfo's cursors, rows come without their keys.
                cursor = rng.choice(["cursor", ""])
                edge_extra = " ".join(f for f, _, _ in relation.edge_fields)
                parts.append(
                    f"{alias}{field}{first} {{ {extra} edges {{ {cursor} {edge_extra} node"
                    f" {{ {inner} }} }} }}"
                )
            elif relation.wrapper:
                extra = " ".join(_WRAPPER_FIELDS[relation.wrapper])
                parts.append(f"{alias}{field} {{ {extra} {relation.node_field} {{ {inner} }} }}")
            else:
                parts.append(f"{alias}{field} {{ {inner} }}")
    rng.shuffle(parts)
    return " ".join(parts)


def _query(rng: random.Random) -> str:
    typename = rng.choice(list(_ROOTS))
    args = [f"first: {rng.randint(0, 6)}"]
    if rng.random() < 0.5:
        args.append(f"filter: {rng.choice(_FILTERS[typename])}")
    if rng.random() < 0.5:
        direction = rng.choice(["ASC", "DESC"])
        args.append(f"orderBy: {{field: {rng.choice(_ORDERS[typename])}, direction: {direction}}}")
    extra = rng.choice(
        [
            "",
            "totalCount",
            "pageInfo { hasNextPage hasPreviousPage endCursor }",
            "pageInfo { hasNextPage }",
        ]
    )
    cursor = rng.choice(["cursor", ""])
    inner = _selection(rng, typename, rng.randint(0, 3))
    return (
        f"{{ {_ROOTS[typename]}({', '.join(args)}) {{ {extra} edges {{ {cursor} node {{ {inner}"
        " } } } }"
    )


async def test_generated_queries_are_answered_as_the_resolvers_answer(
    seeded: Api, resolvers: Api
) -> None:
    rng = random.Random(20261130)
    stats = _endpoint(seeded.server).stats
    for _ in range(120):
        query = _query(rng)
        before = stats["compiled"]
        body = await both(seeded, resolvers, query)
        assert "errors" not in body, (query, body)
        assert stats["compiled"] == before + 1, f"not compiled: {query}"


def _leaves(value: Any) -> int:
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    return 1


@pytest.mark.parametrize("query", CORPUS[:2])
async def test_compiled_reads_fetch_little_more_than_they_return(seeded: Api, query: str) -> None:
    # Per node the compiled query fetches what is selected plus its sort key and id (for
    # cursors and ordering); whole nodes (every property) would be several times more.
    db = seeded.server.database
    db.measure_fetch, db.values_fetched = True, 0
    try:
        body = await seeded.data(query)
    finally:
        db.measure_fetch = False
    returned = _leaves(body)
    assert returned > 20
    assert db.values_fetched <= 3 * returned, (db.values_fetched, returned)


@pytest.mark.parametrize(
    "accept",
    [None, "application/json", "application/graphql-response+json", "*/*", "text/html"],
)
async def test_the_media_type_is_negotiated_as_the_resolvers_negotiate_it(
    seeded: Api, resolvers: Api, accept: str | None
) -> None:
    headers = {"accept": accept} if accept else {}
    body = {"query": "{ skills(first: 2) { edges { node { name } } } }"}
    compiled = await seeded.client.post("/graphql", json=body, headers=headers)
    plain = await resolvers.client.post("/graphql", json=body, headers=headers)
    assert compiled.status_code == plain.status_code
    assert compiled.headers["content-type"] == plain.headers["content-type"]
    assert compiled.json() == plain.json()
