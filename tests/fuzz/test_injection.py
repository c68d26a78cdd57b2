"""Every injection payload (the suite runs a third of them) through every string argument of
every mutation and query: the tests of tests/e2e/test_injection_*.py."""

from __future__ import annotations

from tests.e2e.test_injection_filters import (
    payload,
    test_cursors_and_currencies_refuse_the_payload,
    test_exact_filters_and_lookups_find_exactly_the_payloads_node,
    test_full_text_finds_the_payloads_node_and_never_a_decoy,
    test_query_strings_get_only_client_errors_and_change_nothing,
)
from tests.e2e.test_injection_literal import (
    seeded,
    test_a_written_payload_reads_back_unchanged_and_touches_no_other_node,
)

__all__ = [
    "payload",
    "seeded",
    "test_a_written_payload_reads_back_unchanged_and_touches_no_other_node",
    "test_cursors_and_currencies_refuse_the_payload",
    "test_exact_filters_and_lookups_find_exactly_the_payloads_node",
    "test_full_text_finds_the_payloads_node_and_never_a_decoy",
    "test_query_strings_get_only_client_errors_and_change_nothing",
]
