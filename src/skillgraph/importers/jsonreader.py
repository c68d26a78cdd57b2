"""Typed reads from decoded JSON that log a problem, with its JSONPath, instead of raising."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from skillgraph.importers.problems import DocumentProblem, ProblemLog
from skillgraph.importers.values import uri_problem

__all__ = ["JsonObject", "JsonReader", "child"]

JsonObject = Mapping[str, object]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{path}.{key}"
    return f"{path}['{key}']"


def _kind(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "an array"
        case dict():
            return "an object"
    return type(value).__name__


class JsonReader:
    def __init__(self, log: ProblemLog[DocumentProblem]) -> None:
        self.log = log

    def problem(self, path: str, message: str) -> None:
        self.log.add(DocumentProblem(path, message))

    def mapping(self, value: object, path: str, expected: str) -> JsonObject | None:
        if isinstance(value, dict):
            return value
        self.problem(path, f"expected {expected} (a JSON object), got {_kind(value)}")
        return None

    def member(self, obj: JsonObject, key: str, path: str, expected: str) -> JsonObject | None:
        """``obj[key]`` as an object; a problem when absent or not an object."""
        if key not in obj:
            self.problem(child(path, key), f"is required; give {expected}")
            return None
        return self.mapping(obj[key], child(path, key), expected)

    def text(
        self, obj: JsonObject, key: str, path: str, *, required: str = "", limit: int = 0
    ) -> str | None:
        """The stripped string, None when absent or blank. ``required`` (what to give) makes
        absence a problem; ``limit`` caps the length."""
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            self.problem(child(path, key), f"must be a string, got {_kind(value)}")
            return None
        text = (value or "").strip()
        if not text:
            if required:
                self.problem(child(path, key), f"is required; give {required}")
            return None
        if limit and len(text) > limit:
            self.problem(child(path, key), f"is longer than {limit} characters")
            return None
        return text

    def uri(self, obj: JsonObject, key: str, path: str, *, required: str = "") -> str | None:
        value = self.text(obj, key, path, required=required)
        if value is None:
            return None
        problem = uri_problem(value)
        if problem is not None:
            self.problem(child(path, key), problem)
            return None
        return value

    def types(self, obj: JsonObject, path: str) -> tuple[str, ...] | None:
        """The ``type`` member, a string or a non-empty array of strings."""
        value = obj.get("type")
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return tuple(str(v) for v in value)
        got = "absent" if "type" not in obj else _kind(value)
        self.problem(child(path, "type"), f"must be a string or an array of strings, got {got}")
        return None

    def items(self, obj: JsonObject, key: str, path: str) -> list[tuple[str, object]]:
        """The elements of an optional array member with their paths; [] when absent."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(child(path, key), f"must be an array, got {_kind(value)}")
            return []
        return [(child(child(path, key), i), item) for i, item in enumerate(value)]

    def timestamp(self, obj: JsonObject, key: str, path: str) -> datetime | None:
        """An ISO 8601 date-time (naive ones are taken as UTC); None when absent."""
        value = self.text(obj, key, path)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problem(
                child(path, key),
                f"{value!r} is not an ISO 8601 date-time such as 2024-01-31T09:00:00Z",
            )
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
