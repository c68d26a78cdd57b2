"""What one HTTP request to /graphql did, gathered while it runs (a ``ContextVar``, so every
task the request starts, DataLoader batches included, adds to the same record)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from strawberry.extensions import SchemaExtension

from skillgraph.observability import tracing

__all__ = [
    "OperationNames",
    "RequestStats",
    "current",
    "current_request_id",
    "end_request",
    "new_request",
    "note_operation",
    "note_outcome",
    "note_outcome_code",
    "query_observed",
]

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(slots=True)
class RequestStats:
    request_id: str
    operation: str | None = None  # the GraphQL operation's name, "" when it has none
    outcome: str | None = None  # "OK" or the first error's extensions.code
    round_trips: int = 0
    neo4j_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)


_CURRENT: ContextVar[RequestStats | None] = ContextVar("skillgraph_request", default=None)


def current() -> RequestStats | None:
    return _CURRENT.get()


def new_request(headers: Mapping[str, str]) -> tuple[RequestStats, Any]:
    """Start recording a request; returns the record and the token to reset the context
    with. The id is the caller's X-Request-Id when it is short and plain, else a new one."""
    given = headers.get("x-request-id", "")
    stats = RequestStats(request_id=given if _SAFE_ID.match(given) else uuid4().hex)
    return stats, _CURRENT.set(stats)


def end_request(token: Any) -> None:
    _CURRENT.reset(token)


def current_request_id() -> str:
    """The id logs and INTERNAL errors carry; a fresh one outside a request."""
    stats = _CURRENT.get()
    return stats.request_id if stats is not None else uuid4().hex


def note_operation(name: str | None) -> None:
    stats = _CURRENT.get()
    if stats is not None:
        stats.operation = name or ""


def note_outcome_code(code: str) -> None:
    stats = _CURRENT.get()
    if stats is not None and stats.outcome is None:
        stats.outcome = code


def note_outcome(errors: Sequence[Any] | None) -> None:
    """The outcome of a GraphQL response from its formatted errors: "OK" without any, else
    the first error's code."""
    if not errors:
        note_outcome_code("OK")
        return
    first = errors[0]
    extensions = (first.get("extensions") if isinstance(first, Mapping) else None) or {}
    note_outcome_code(str(extensions.get("code") or "INTERNAL"))


class OperationNames(SchemaExtension):
    """Notes the operation's name (from the request, else from the document) once per
    operation; it hooks no field resolver."""

    def on_operation(self) -> Iterator[None]:
        yield
        note_operation(self.execution_context.operation_name)


class query_observed:
    """Around one Cypher round trip: adds it and its time to the request's record and, when
    tracing is on, wraps it in a span named after the query file."""

    __slots__ = ("_name", "_span", "_started", "_stats")

    def __init__(self, name: str) -> None:
        self._name = name

    def __enter__(self) -> None:
        self._stats = _CURRENT.get()
        self._span = tracing.query_span(self._name) if tracing.enabled() else None
        self._started = time.perf_counter()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _: Any
    ) -> None:
        elapsed = time.perf_counter() - self._started
        if self._stats is not None:
            self._stats.round_trips += 1
            self._stats.neo4j_seconds += elapsed
        if self._span is not None:
            tracing.end_span(self._span, error)
