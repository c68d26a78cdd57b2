"""schemathesis in GraphQL mode against the running app: no server errors, and no error that
is not one of the typed client codes. (schemathesis' own pytest plugin does not run under
pytest 9, so its case strategies are driven with hypothesis directly.)"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import from_url

from tests.fuzz.conftest import Target
from tests.fuzz.test_graphql_fuzz import SCALARS, TYPED

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def test_no_server_errors_and_only_typed_errors(target: Target) -> None:
    for name in ("Decimal", "DateTime", "JSON"):
        schemathesis.graphql.scalar(name, SCALARS[name])
    headers = dict(target.client.headers)
    schema = from_url(f"{target.client.base_url}/graphql", headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50
    strategy = st.one_of(*(op.as_strategy() for op in operations))

    @settings(
        max_examples=EXAMPLES * 4,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: object) -> None:
        response = case.call(headers=headers)  # type: ignore[attr-defined]
        assert response.status_code < 500, response.text[:500]
        for error in response.json().get("errors") or []:
            assert (error.get("extensions") or {}).get("code") in TYPED, error

    check()
