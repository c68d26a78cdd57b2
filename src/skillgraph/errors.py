"""Errors a caller can cause or meet, each with the GraphQL ``extensions.code`` it maps to.

Every layer raises these; only the transport turns them into GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import ValidationError

__all__ = [
    "BadUserInput",
    "Conflict",
    "Forbidden",
    "NotFound",
    "ServiceUnavailable",
    "SkillGraphError",
    "StoreUnavailable",
    "Unauthenticated",
    "bad_input",
    "validation_problem",
]


class SkillGraphError(Exception):
    """An error whose message is safe to show and says what to fix."""

    code: ClassVar[str] = "INTERNAL"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: Mapping[str, Any] = extensions


class BadUserInput(SkillGraphError):
    """An argument is invalid; ``field`` names it (a dotted path into the input)."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None, **extensions: Any) -> None:
        if field is not None:
            extensions["field"] = field
        super().__init__(message, **extensions)


def validation_problem(error: ValidationError, prefix: str = "") -> tuple[str, str]:
    """(field, rule) of the first problem pydantic found: the dotted path of the field
    (under ``prefix``) and the rule it broke, without pydantic's own wording or links."""
    first = error.errors(include_url=False)[0]
    parts = [prefix] if prefix else []
    parts += [str(part) for part in first["loc"]]
    rule = str(first["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return ".".join(parts), rule


def bad_input(error: ValidationError, prefix: str = "") -> BadUserInput:
    """BAD_USER_INPUT for a pydantic ValidationError, naming the field under ``prefix``."""
    field, rule = validation_problem(error, prefix)
    return BadUserInput(f"{field}: {rule}" if field else rule, field=field or None)


class NotFound(SkillGraphError):
    code = "NOT_FOUND"


class Conflict(SkillGraphError):
    code = "CONFLICT"


class Forbidden(SkillGraphError):
    code = "FORBIDDEN"


class Unauthenticated(SkillGraphError):
    code = "UNAUTHENTICATED"


class ServiceUnavailable(SkillGraphError):
    code = "SERVICE_UNAVAILABLE"


class StoreUnavailable(ServiceUnavailable):
    """Neo4j cannot be reached or is not ready; the request may be retried later."""

    def __init__(self, detail: str) -> None:
        super().__init__("The database is unavailable; retry shortly.")
        self.detail = detail
