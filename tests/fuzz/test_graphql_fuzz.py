"""hypothesis-graphql over the whole schema, positive and negative, queries and mutations, and
arbitrary JSON variables: the tests of tests/e2e/test_fuzz.py with FUZZ_EXAMPLES examples."""

from __future__ import annotations

from tests.e2e.test_fuzz import (
    seeded,
    test_invalid_mutations_always_get_client_errors,
    test_invalid_queries_always_get_client_errors,
    test_valid_mutations_succeed_or_fail_with_client_errors,
    test_valid_queries_over_get_succeed_or_fail_with_client_errors,
    test_valid_queries_succeed_or_fail_with_client_errors,
    test_variables_of_any_json_shape_get_client_errors,
)

__all__ = [
    "seeded",
    "test_invalid_mutations_always_get_client_errors",
    "test_invalid_queries_always_get_client_errors",
    "test_valid_mutations_succeed_or_fail_with_client_errors",
    "test_valid_queries_over_get_succeed_or_fail_with_client_errors",
    "test_valid_queries_succeed_or_fail_with_client_errors",
    "test_variables_of_any_json_shape_get_client_errors",
]
