"""Proficiency levels: integers 1 (awareness) to 5 (expert); a missing level means 1."""

from __future__ import annotations

from skillgraph.domain.errors import DomainInputError

__all__ = ["MAX_LEVEL", "MIN_LEVEL", "check_level", "level_or_default"]

MIN_LEVEL = 1
MAX_LEVEL = 5


def check_level(value: object, what: str, error: type[DomainInputError] = DomainInputError) -> int:
    """Return ``value`` if it is an int in 1..5, else raise ``error`` naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(f"{what} must be an integer level from 1 to 5, got {value!r}")
    if not MIN_LEVEL <= value <= MAX_LEVEL:
        raise error(f"{what} must be a level from 1 to 5, got {value}")
    return value


def level_or_default(
    value: int | None, what: str, error: type[DomainInputError] = DomainInputError
) -> int:
    """``check_level``, taking None as level 1."""
    return MIN_LEVEL if value is None else check_level(value, what, error)
