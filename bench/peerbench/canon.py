"""One canonical form for the answers of SkillGraph, the peer and the hand-written Cypher.

A canonical answer is JSON data (dicts, lists, str, int, bool, None) in the order the system
returned it: nothing is re-sorted, so an ordering difference is a difference. Values whose
spelling varies between systems are normalised explicitly before they get here: exact
amounts by :func:`amount`, enums by :func:`enum`, counts by :func:`integer`. Two answers are
equal exactly when their renderings (:func:`render`) are identical, so ``True`` never equals
``1`` and ``"50.00"`` equals ``"50.0"`` only through :func:`amount`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

__all__ = [
    "Canon",
    "CanonError",
    "amount",
    "at",
    "boolean",
    "compare",
    "diff",
    "enum",
    "integer",
    "items",
    "leaves",
    "list_sizes",
    "render",
    "text",
]

Canon = Any  # JSON data: dict[str, Canon] | list[Canon] | str | int | bool | None


class CanonError(ValueError):
    """An answer does not have the shape or the values its normaliser expects."""


def at(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``; CanonError naming the path where it breaks."""
    here = data
    for depth, key in enumerate(path):
        try:
            here = here[key]
        except (KeyError, IndexError, TypeError) as error:
            where = "/".join(str(k) for k in path[: depth + 1])
            raise CanonError(f"no {where} in the answer ({type(error).__name__})") from None
    return here


def items(data: Any, *path: str | int) -> list[Any]:
    """The list at ``path``; CanonError when it is missing or not a list."""
    found = at(data, *path)
    if not isinstance(found, list):
        raise CanonError(f"{'/'.join(map(str, path))} is {type(found).__name__}, not a list")
    return found


def text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise CanonError(f"expected a string or null, got {value!r}")


def integer(value: Any) -> int:
    """An int; bools and floats are refused (JSON 1.0 is not a count)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise CanonError(f"expected an integer, got {value!r}")


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise CanonError(f"expected a boolean, got {value!r}")


def enum(value: Any, kind: type[StrEnum]) -> str:
    """The member of ``kind`` spelt ``value`` (exactly, as GraphQL and the store spell it)."""
    try:
        return kind(value).value
    except ValueError:
        raise CanonError(f"{value!r} is not a {kind.__name__}") from None


def amount(value: Any) -> str | None:
    """An exact decimal amount as its shortest plain text: "50.00", "50.0" and "50" are "50".

    Accepts the string forms the systems send (GraphQL Decimal, the stored costAmount) and
    ints; a float is refused, since it may already have lost the exact amount."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise CanonError(f"expected an exact amount (string), got {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CanonError(f"{value!r} is not a decimal amount") from None
    if not number.is_finite():
        raise CanonError(f"{value!r} is not a finite amount")
    plain = format(number.normalize(), "f")
    return "0" if plain in ("-0", "0") else plain


def render(answer: Canon) -> str:
    """The text two answers are compared by (also what a diff shows)."""
    return json.dumps(answer, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)


def diff(expected: Canon, actual: Canon, expected_name: str, actual_name: str) -> str:
    """A unified diff of two answers' renderings; empty when they are equal."""
    lines = difflib.unified_diff(
        render(expected).splitlines(),
        render(actual).splitlines(),
        fromfile=expected_name,
        tofile=actual_name,
        lineterm="",
        n=4,
    )
    return "\n".join(lines)


def compare(answers: Mapping[str, Canon]) -> list[str]:
    """Diffs of every answer against the first one; an empty list when all are equal."""
    (first_name, first), *others = answers.items()
    found = []
    for name, answer in others:
        delta = diff(first, answer, first_name, name)
        if delta:
            found.append(delta)
    return found


def leaves(answer: Canon) -> int:
    """How many scalar values an answer holds: a measure of how much it says."""
    if isinstance(answer, Mapping):
        return sum(leaves(v) for v in answer.values())
    if isinstance(answer, Sequence) and not isinstance(answer, str):
        return sum(leaves(v) for v in answer)
    return 1


def list_sizes(answer: Canon) -> dict[str, int]:
    """How many items the lists under each key hold in all, e.g. {"taughtBy": 120}: shows
    which parts of a read the data exercises (no BROADER links in the demo data: 0)."""
    sizes: dict[str, int] = {}

    def walk(value: Canon) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                if isinstance(inner, list):
                    sizes[key] = sizes.get(key, 0) + len(inner)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(answer)
    return sizes
