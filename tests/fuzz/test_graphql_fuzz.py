"""The whole schema, fuzzed with hypothesis-graphql in positive and negative modes.

Never a 5xx or an unmasked error; valid documents succeed or fail with typed client errors;
invalid ones always get errors. FUZZ_EXAMPLES sets the examples per test (`make fuzz`: 500).
"""

from __future__ import annotations

import os
from typing import Any

import graphql
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from skillgraph.api.schema import build_schema
from tests.fuzz.conftest import Target

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SCHEMA = build_schema().as_str()
TYPED = {
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "CONFLICT",
    "FORBIDDEN",
    "UNAUTHENTICATED",
    "QUERY_TOO_DEEP",
    "TOO_MANY_ALIASES",
    "TOO_MANY_TOKENS",
    "QUERY_TOO_COSTLY",
    "REQUEST_TIMEOUT",
    "GRAPHQL_VALIDATION_FAILED",
    "GRAPHQL_PARSE_FAILED",
    "SERVICE_UNAVAILABLE",
}
IDS = ["skill_f1", "skill_f2", "prov_f1", "cred_f1", "role_f1", "person_f1", "skill_nope", "x"]


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.StringValueNode]:
    return values.map(lambda v: graphql.StringValueNode(value=v))


SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "DateTime": _string(
        st.sampled_from(["2026-01-01T00:00:00Z", "2020-05-05T10:00:00+02:00", "nope", ""])
    ),
    "Decimal": _string(st.sampled_from(["0", "12.50", "-1", "1e400", "NaN", "abc", "0.001"])),
    "JSON": _string(st.text(max_size=20)),
    "ID": _string(st.sampled_from(IDS) | st.text(max_size=12)),
}
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def post(target: Target, document: str) -> dict[str, Any]:
    response = target.client.post("/graphql", json={"query": document})
    assert response.status_code < 500, (response.status_code, document, response.text[:500])
    body: dict[str, Any] = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code != "INTERNAL", (document, error)
    return body


def assert_typed(body: dict[str, Any], document: str) -> None:
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] in TYPED, (document, error)


@SETTINGS
@given(document=queries(SCHEMA, custom_scalars=SCALARS))
def test_valid_queries_succeed_or_fail_with_typed_errors(target: Target, document: str) -> None:
    assert_typed(post(target, document), document)


@SETTINGS
@given(document=mutations(SCHEMA, custom_scalars=SCALARS))
def test_valid_mutations_succeed_or_fail_with_typed_errors(target: Target, document: str) -> None:
    assert_typed(post(target, document), document)


@SETTINGS
@given(document=queries(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_invalid_queries_always_get_errors(target: Target, document: str) -> None:
    body = post(target, document)
    assert body.get("errors"), document


@SETTINGS
@given(document=mutations(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_invalid_mutations_always_get_errors(target: Target, document: str) -> None:
    body = post(target, document)
    assert body.get("errors"), document
