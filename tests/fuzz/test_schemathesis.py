"""schemathesis' GraphQL cases, positive and negative, against the running app: the test of
tests/e2e/test_fuzz.py with FUZZ_EXAMPLES examples per mode."""

from __future__ import annotations

from tests.e2e.test_fuzz import (
    schemathesis_cases,
    seeded,
    test_schemathesis_cases_get_no_server_errors,
)

__all__ = ["schemathesis_cases", "seeded", "test_schemathesis_cases_get_no_server_errors"]
