"""Turns execution errors into GraphQL errors with ``extensions.code``.

Typed errors (:class:`skillgraph.errors.SkillGraphError`) keep their message. Anything else
is logged with the request id and, in prod, masked as ``INTERNAL``.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from pydantic import ValidationError

from skillgraph.errors import SkillGraphError

__all__ = ["format_error"]

log = logging.getLogger("skillgraph.api")


def format_error(error: GraphQLError, *, request_id: str, mask: bool) -> dict[str, Any]:
    original = error.original_error
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    if original is None:
        # Parse and validation errors come from the document itself.
        extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
    elif isinstance(original, SkillGraphError):
        extensions.update(original.extensions)
        extensions["code"] = original.code
        formatted["message"] = original.message
    elif isinstance(original, ValidationError):
        first = original.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        extensions.update(code="BAD_USER_INPUT", field=field)
        formatted["message"] = f"{field}: {first['msg']}" if field else first["msg"]
    else:
        log.error(
            "unexpected error in request %s at %s",
            request_id,
            formatted.get("path"),
            exc_info=(type(original), original, original.__traceback__),
        )
        extensions["code"] = "INTERNAL"
        extensions["requestId"] = request_id
        if mask:
            formatted["message"] = "Internal server error"
    formatted["extensions"] = extensions
    return formatted
