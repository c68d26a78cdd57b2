"""Turns execution errors into GraphQL errors with ``extensions.code``.

Typed errors (:class:`skillgraph.errors.SkillGraphError`) keep their message. Anything else
is logged with the request id and, in prod, masked as ``INTERNAL``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from pydantic import ValidationError

from skillgraph.errors import SkillGraphError, validation_problem

__all__ = ["format_error", "variable_error"]

log = logging.getLogger("skillgraph.api")
# In prod, "Did you mean ...?" would let a caller probe a schema it cannot introspect.
_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")
_VARIABLE = re.compile(r"^Variable '\$(?P<name>\w+)'(?P<rest>.*)$", re.DOTALL)
# What a scalar's parser said, e.g. "[<class 'decimal.ConversionSyntax'>]": internals.
_PARSER_DETAIL = re.compile(r"(; | )?\[<class '[^']*'>\]")


def variable_error(error: GraphQLError) -> GraphQLError:
    """A variable-coercion error as BAD_USER_INPUT naming the variable (``field``) and the
    rule it broke, without the parser's internals."""
    match = _VARIABLE.match(error.message)
    extensions: dict[str, Any] = {"code": "BAD_USER_INPUT"}
    if match:
        extensions["field"] = match["name"]
    message = _PARSER_DETAIL.sub("", error.message).rstrip(". ") + "."
    return GraphQLError(message, error.nodes, extensions=extensions)


def format_error(error: GraphQLError, *, request_id: str, mask: bool) -> dict[str, Any]:
    original = error.original_error
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    if isinstance(error, GraphQLSyntaxError):
        too_long = "tokens" in error.message
        extensions["code"] = "TOO_MANY_TOKENS" if too_long else "GRAPHQL_PARSE_FAILED"
    elif original is None:
        # Validation errors come from the document itself; our limit rules set their code.
        extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
        if mask:
            formatted["message"] = _SUGGESTION.sub("", formatted["message"])
    elif isinstance(original, SkillGraphError):
        extensions.update(original.extensions)
        extensions["code"] = original.code
        formatted["message"] = original.message
    elif isinstance(original, ValidationError):
        field, rule = validation_problem(original)
        extensions.update(code="BAD_USER_INPUT", field=field)
        formatted["message"] = f"{field}: {rule}" if field else rule
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
