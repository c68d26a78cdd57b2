"""Errors a caller can cause or meet, each with the GraphQL ``extensions.code`` it maps to.

Every layer raises these; only the transport turns them into GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = [
    "BadUserInput",
    "Conflict",
    "Forbidden",
    "NotFound",
    "ServiceUnavailable",
    "SkillGraphError",
    "StoreUnavailable",
    "Unauthenticated",
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
