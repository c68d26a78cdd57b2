"""The whole schema, fuzzed against the real server over a small seeded graph: hypothesis-graphql
documents in positive and negative mode, and schemathesis' GraphQL cases.

Never a 5xx and never an unmasked (INTERNAL) error; valid documents succeed or fail only with
typed client errors; invalid documents always get errors. The suite replays a fixed, small set
of examples; ``make fuzz`` runs the same tests (tests/fuzz) with FUZZ_EXAMPLES new ones each.
"""

from __future__ import annotations

import os
from typing import Any

import graphql
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries
from schemathesis.checks import negative_data_rejection, response_schema_conformance
from schemathesis.generation import GenerationMode

from skillgraph.api.schema import build_schema
from tests.e2e.conftest import Api, RunningServer

__all__ = ["CLIENT_ERRORS", "SCALARS", "SEED", "schemathesis_cases", "seeded"]

LONG_RUN = "FUZZ_EXAMPLES" in os.environ
SCHEMA = build_schema().as_str()

CLIENT_ERRORS = frozenset(
    {
        "BAD_USER_INPUT",
        "NOT_FOUND",
        "CONFLICT",
        "FORBIDDEN",
        "UNAUTHENTICATED",
        "QUERY_TOO_DEEP",
        "TOO_MANY_ALIASES",
        "TOO_MANY_TOKENS",
        "QUERY_TOO_COSTLY",
        "GRAPHQL_VALIDATION_FAILED",
        "GRAPHQL_PARSE_FAILED",
    }
)
# Not accepted: INTERNAL (a bug), REQUEST_TIMEOUT (nothing here is big enough to take 10 s)
# and SERVICE_UNAVAILABLE (Neo4j is up throughout).

# Every kind of node and link exists once, so generated ids and uris can hit something.
SEED = """mutation {
  python: createSkill(input: {id: "skill_fz_python", uri: "https://fuzz.example/s/python",
    name: "Python", altLabels: ["py"]}) { id }
  sql: createSkill(input: {id: "skill_fz_sql", name: "SQL", type: KNOWLEDGE}) { id }
  broader: setBroaderSkill(skillId: "skill_fz_sql", broaderId: "skill_fz_python") { id }
  provider: createProvider(input: {id: "prov_fz", uri: "https://fuzz.example/p",
    name: "Fuzz Academy", country: "DE"}) { id }
  credential: createCredential(input: {id: "cred_fz", uri: "https://fuzz.example/c",
    name: "Python Basics", providerId: "prov_fz", cost: {amount: "100", currency: "EUR"},
    durationHours: 10}) { id }
  teaches: setCredentialTeaches(credentialId: "cred_fz", skillId: "skill_fz_python", level: 3) {
    id }
  role: createRole(input: {id: "role_fz", uri: "https://fuzz.example/r", title: "Developer",
    employer: "ACME"}) { id }
  requires: setRoleRequirement(roleId: "role_fz", skillId: "skill_fz_python", level: 2) { id }
  person: createPerson(input: {id: "person_fz", uri: "https://fuzz.example/u", name: "Ada",
    email: "ada@fuzz.example", visibility: PUBLIC}) { id }
  declares: addPersonSkill(personId: "person_fz", skillId: "skill_fz_sql", level: 2) { id }
  earned: awardCredential(personId: "person_fz", credentialId: "cred_fz") { id }
  target: setTarget(personId: "person_fz", roleId: "role_fz") { id }
}"""
SEEDED_IDS = ["skill_fz_python", "skill_fz_sql", "prov_fz", "cred_fz", "role_fz", "person_fz"]
SEEDED_URIS = [
    "https://fuzz.example/s/python",
    "https://fuzz.example/p",
    "https://fuzz.example/c",
    "https://fuzz.example/r",
    "https://fuzz.example/u",
]


def _strings(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.StringValueNode]:
    return values.map(lambda value: graphql.StringValueNode(value=value))


def _ints(values: st.SearchStrategy[int]) -> st.SearchStrategy[graphql.IntValueNode]:
    return values.map(lambda value: graphql.IntValueNode(value=str(value)))


def _floats(values: st.SearchStrategy[float]) -> st.SearchStrategy[graphql.FloatValueNode]:
    return values.map(lambda value: graphql.FloatValueNode(value=repr(value)))


def _mostly(usual: st.SearchStrategy[Any], unusual: st.SearchStrategy[Any]) -> Any:
    """Three draws in four from ``usual``."""
    return st.integers(0, 3).flatmap(lambda n: unusual if n == 0 else usual)


# Scalars lean towards values the API accepts (seeded ids and uris, small numbers, real
# currencies), so documents get past validation into the resolvers and Cypher; edge cases and
# arbitrary text make up the rest.
USUAL_STRINGS = [
    *SEEDED_URIS,
    "https://fuzz.example/new",
    "Python",
    "py",
    "ACME",
    "EUR",
    "DE",
    "ada@fuzz.example",
    "essential",
]
USUAL_DATETIMES = ["2026-01-01T00:00:00Z", "2020-02-29T12:00:00+05:30", "2030-06-01T08:00:00"]
ODD_DATETIMES = ["2026-01-01", "9999-12-31T23:59:59", "0001-01-01T00:00:00Z", "24:00"]
USUAL_DATES = ["2025-01-01", "2025-06-30", "2024-02-29"]
ODD_DATES = ["0001-01-01", "9999-12-31", "2025-02-30", "2025-01-01T00:00:00Z", "1990-01-01"]
ODD_DECIMALS = ["-1", "1e400", "NaN", "Infinity", "-0", "1" * 40, "0.001", "1e12"]
SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "ID": _strings(
        _mostly(
            st.sampled_from(SEEDED_IDS),
            st.sampled_from(["skill_missing", "cred_", "nope", ""]) | st.text(max_size=20),
        )
    ),
    "String": _strings(_mostly(st.sampled_from(USUAL_STRINGS), st.text(max_size=30))),
    "Int": _ints(
        _mostly(st.integers(0, 5), st.sampled_from([-1, 101, 30_001, 2**31 - 1, -(2**31)]))
    ),
    "Float": _floats(
        _mostly(st.floats(0, 100, allow_nan=False), st.sampled_from([-1.0, 1e308, 5e-324]))
    ),
    "DateTime": _strings(
        _mostly(st.sampled_from(USUAL_DATETIMES), st.sampled_from(ODD_DATETIMES) | st.text())
    ),
    "Date": _strings(
        _mostly(st.sampled_from(USUAL_DATES), st.sampled_from(ODD_DATES) | st.text(max_size=12))
    ),
    "Decimal": _strings(
        _mostly(
            st.decimals(0, 10_000, allow_nan=False, places=2).map(str),
            st.sampled_from(ODD_DECIMALS) | st.text(max_size=10),
        )
    ),
    "JSON": st.sampled_from(
        [
            graphql.StringValueNode(value="x"),
            graphql.IntValueNode(value="1"),
            graphql.NullValueNode(),
            graphql.ObjectValueNode(fields=()),
            graphql.ListValueNode(values=()),
        ]
    ),
}

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    # The suite replays the same examples on every run; `make fuzz` explores new ones.
    derandomize=not LONG_RUN,
    database=None,
    # One seeded graph serves every example of a test (generated mutations may change it).
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
async def seeded(api: Api) -> Api:
    await api.data(SEED)
    return api


def check(response: httpx.Response, document: object) -> dict[str, Any]:
    """Assert no 5xx and no INTERNAL error; return the JSON body."""
    assert response.status_code < 500, (response.status_code, response.text[:2000], document)
    body: dict[str, Any] = response.json()
    errors = body.get("errors") or []
    codes = sorted({str(e.get("extensions", {}).get("code")) for e in errors})
    event(", ".join(codes) or "no errors")  # shown by --hypothesis-show-statistics
    assert "INTERNAL" not in codes, (errors, document)
    return body


def assert_only_client_errors(body: dict[str, Any], document: object) -> None:
    for error in body.get("errors") or []:
        assert error.get("extensions", {}).get("code") in CLIENT_ERRORS, (error, document)


async def post(api: Api, document: str) -> dict[str, Any]:
    return check(await api.client.post("/graphql", json={"query": document}), document)


@FUZZ
@given(document=queries(SCHEMA, custom_scalars=SCALARS))
async def test_valid_queries_succeed_or_fail_with_client_errors(seeded: Api, document: str) -> None:
    assert_only_client_errors(await post(seeded, document), document)


@FUZZ
@given(document=queries(SCHEMA, custom_scalars=SCALARS))
async def test_valid_queries_over_get_succeed_or_fail_with_client_errors(
    seeded: Api, document: str
) -> None:
    response = await seeded.client.get("/graphql", params={"query": document})
    assert_only_client_errors(check(response, document), document)


@FUZZ
@given(document=mutations(SCHEMA, custom_scalars=SCALARS))
async def test_valid_mutations_succeed_or_fail_with_client_errors(
    seeded: Api, document: str
) -> None:
    assert_only_client_errors(await post(seeded, document), document)


@FUZZ
@given(document=queries(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
async def test_invalid_queries_always_get_client_errors(seeded: Api, document: str) -> None:
    body = await post(seeded, document)
    assert body.get("errors"), document
    assert_only_client_errors(body, document)


@FUZZ
@given(document=mutations(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
async def test_invalid_mutations_always_get_client_errors(seeded: Api, document: str) -> None:
    body = await post(seeded, document)
    assert body.get("errors"), document
    assert_only_client_errors(body, document)


def _with_variables(root: graphql.GraphQLObjectType, name: str) -> str:
    """``name`` with every argument taken from a variable of the argument's type."""
    field = root.fields[name]
    declared = ", ".join(f"${arg}: {definition.type}" for arg, definition in field.args.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in field.args)
    named = graphql.get_named_type(field.type)
    selection = "" if graphql.is_leaf_type(named) else "{ __typename }"
    keyword = "mutation" if root is PARSED.mutation_type else "query"
    return f"{keyword}({declared}) {{ {name}({passed}) {selection} }}"


PARSED = graphql.build_schema(SCHEMA)
WITH_ARGUMENTS = [
    (_with_variables(root, name), list(field.args))
    for root in (PARSED.query_type, PARSED.mutation_type)
    if root is not None
    for name, field in sorted(root.fields.items())
    if field.args
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(SEEDED_IDS + USUAL_STRINGS + USUAL_DATETIMES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


@FUZZ
@given(data=st.data())
async def test_variables_of_any_json_shape_get_client_errors(
    seeded: Api, data: st.DataObject
) -> None:
    """Variables are coerced after the document is validated, so a wrong type, a missing
    field or an unknown enum value has to be caught there; literals cannot reach it."""
    document, names = data.draw(st.sampled_from(WITH_ARGUMENTS))
    variables = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(names, JSON_VALUES)))
    response = await seeded.client.post(
        "/graphql", json={"query": document, "variables": variables}
    )
    assert_only_client_errors(check(response, (document, variables)), (document, variables))


# schemathesis takes any error raised in a resolver for a server error and any refused positive
# case for a bug, but NOT_FOUND and BAD_USER_INPUT are documented answers here: those two checks
# are ours (check, assert_only_client_errors); schemathesis keeps the response-shape checks.
SCHEMATHESIS_CHECKS = [response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module")
def schemathesis_cases(
    server: RunningServer, admin_key: str
) -> dict[GenerationMode, st.SearchStrategy[Any]]:
    """schemathesis' cases for every root field of the schema the running server introspects."""
    for name in ("Date", "DateTime", "Decimal", "JSON"):
        schemathesis.graphql.scalar(name, SCALARS[name])
    schema = schemathesis.graphql.from_url(
        f"{server.url}/graphql", headers={"authorization": f"Bearer {admin_key}"}
    )
    return {mode: schema.as_strategy(generation_mode=mode) for mode in GenerationMode}


@FUZZ
@given(data=st.data())
@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
async def test_schemathesis_cases_get_no_server_errors(
    seeded: Api,
    schemathesis_cases: dict[GenerationMode, st.SearchStrategy[Any]],
    mode: GenerationMode,
    data: st.DataObject,
) -> None:
    case = data.draw(schemathesis_cases[mode])
    response = await seeded.client.post("/graphql", json={"query": case.body})
    case.validate_response(response, checks=SCHEMATHESIS_CHECKS)
    assert_only_client_errors(check(response, case.body), case.body)
