from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from skillgraph.api.errors import format_error
from skillgraph.errors import BadUserInput, NotFound, StoreUnavailable


def wrap(original: Exception) -> GraphQLError:
    # As graphql-core does for an exception raised in a resolver.
    return GraphQLError(str(original), original_error=original, path=["field"])


def test_typed_errors_keep_their_message_and_code() -> None:
    formatted = format_error(
        wrap(BadUserInput("level must be 1..5", field="level")), request_id="r", mask=True
    )
    assert formatted["message"] == "level must be 1..5"
    assert formatted["extensions"] == {"field": "level", "code": "BAD_USER_INPUT"}
    assert format_error(wrap(NotFound("no")), request_id="r", mask=True)["extensions"] == {
        "code": "NOT_FOUND"
    }


def test_database_outages_are_service_unavailable() -> None:
    formatted = format_error(wrap(StoreUnavailable("socket closed")), request_id="r", mask=True)
    assert formatted["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "socket" not in formatted["message"]


def test_unexpected_errors_are_masked_in_prod_and_logged_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="skillgraph.api"):
        formatted = format_error(wrap(KeyError("secret detail")), request_id="req-42", mask=True)
    assert formatted["message"] == "Internal server error"
    assert formatted["extensions"] == {"code": "INTERNAL", "requestId": "req-42"}
    assert "req-42" in caplog.text


def test_unexpected_errors_are_readable_in_dev() -> None:
    formatted = format_error(wrap(KeyError("detail")), request_id="r", mask=False)
    assert "detail" in formatted["message"]
    assert formatted["extensions"]["code"] == "INTERNAL"
