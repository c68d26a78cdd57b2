"""Checks and helpers shared by the importers. Limits mirror ``skillgraph.model.fields``, so
imported rows satisfy the same constraints as API writes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from skillgraph.model.fields import check_uri

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_LABELS",
    "MAX_NAME",
    "batched",
    "dedupe",
    "email_problem",
    "uri_problem",
]


MAX_NAME = 300
MAX_DESCRIPTION = 20_000
MAX_LABELS = 250
MAX_URI = 2048

T = TypeVar("T")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def uri_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute URI, or None when it is one."""
    if len(value) > MAX_URI:
        return f"is longer than {MAX_URI} characters"
    try:
        check_uri(value)
    except ValueError:
        return f"{value!r} is not an absolute http, https, urn or did URI such as https://example.org/x"
    return None


def email_problem(value: str) -> str | None:
    if len(value) > 320 or not _EMAIL.match(value):
        return f"{value!r} is not an email address such as ada@example.org"
    return None


def dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of at most ``size`` items (``size`` >= 1, else ValueError), in order."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return _batches(iter(items), size)


def _batches(iterator: Iterator[T], size: int) -> Iterator[list[T]]:
    while batch := list(islice(iterator, size)):
        yield batch
