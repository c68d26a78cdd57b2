"""Prometheus metrics, served at ``/metrics`` (text exposition format).

Protected as configured: with ``SKILLGRAPH_METRICS_TOKEN`` a scrape must send
``Authorization: Bearer <token>``; without it only loopback clients may read it. Under
``skillgraph serve --workers N`` each worker writes to ``PROMETHEUS_MULTIPROC_DIR`` and a
scrape of any worker reports all of them.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from skillgraph.observability.requests import RequestStats
from skillgraph.settings import Settings

__all__ = [
    "METRIC_NAMES",
    "metrics_endpoint",
    "observe_request",
    "observe_solver",
    "solver_timer",
]

# Operation names are chosen by clients: only plain names count, and only so many distinct
# ones, so a client cannot grow the number of series without bound.
MAX_OPERATIONS = 100
_OPERATION = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,63}$")
_operations: set[str] = set()

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_TRIP_BUCKETS = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64)
_SOLVER_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "skillgraph_graphql_requests",
    "GraphQL HTTP requests by operation name and outcome (OK or the first error's code)",
    ["operation", "outcome"],
)
LATENCY = Histogram(
    "skillgraph_graphql_request_duration_seconds",
    "Time from receiving a GraphQL request to the end of its response",
    ["operation"],
    buckets=_LATENCY_BUCKETS,
)
ROUND_TRIPS = Histogram(
    "skillgraph_neo4j_round_trips_per_request",
    "Cypher round trips one GraphQL request made",
    ["operation"],
    buckets=_TRIP_BUCKETS,
)
NEO4J_SECONDS = Histogram(
    "skillgraph_neo4j_seconds_per_request",
    "Time one GraphQL request spent waiting on Neo4j (round trips added up)",
    ["operation"],
    buckets=_LATENCY_BUCKETS,
)
SOLVER_SECONDS = Histogram(
    "skillgraph_plan_solver_seconds",
    "Time the credential planner's solver took per plan",
    ["solver"],
    buckets=_SOLVER_BUCKETS,
)
RATE_LIMITED = Counter(
    "skillgraph_rate_limited_requests", "Requests refused with HTTP 429 by the rate limiter"
)

METRIC_NAMES = (
    "skillgraph_graphql_requests_total",
    "skillgraph_graphql_request_duration_seconds",
    "skillgraph_neo4j_round_trips_per_request",
    "skillgraph_neo4j_seconds_per_request",
    "skillgraph_plan_solver_seconds",
    "skillgraph_rate_limited_requests_total",
)

# Outcomes of responses the GraphQL layer did not write, by HTTP status.
_STATUS_OUTCOMES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
    503: "SERVICE_UNAVAILABLE",
}


def _operation_label(name: str | None) -> str:
    if name is None:
        return "-"  # no operation ran: GraphiQL's page, or refused before execution
    if name == "":
        return "anonymous"
    if name in _operations:
        return name
    if not _OPERATION.match(name) or len(_operations) >= MAX_OPERATIONS:
        return "other"
    _operations.add(name)
    return name


def observe_request(stats: RequestStats, status: int) -> None:
    """Record one finished request."""
    operation = _operation_label(stats.operation)
    outcome = stats.outcome or ("OK" if status < 400 else _STATUS_OUTCOMES.get(status, "INTERNAL"))
    REQUESTS.labels(operation, outcome).inc()
    LATENCY.labels(operation).observe(time.perf_counter() - stats.started)
    ROUND_TRIPS.labels(operation).observe(stats.round_trips)
    NEO4J_SECONDS.labels(operation).observe(stats.neo4j_seconds)
    if status == 429:
        RATE_LIMITED.inc()


def observe_solver(solver: str, seconds: float) -> None:
    SOLVER_SECONDS.labels(solver).observe(seconds)


@contextmanager
def solver_timer() -> Iterator[dict[str, str]]:
    """Times a plan: ``with solver_timer() as run: result = solve(); run["solver"] =
    result.solver``. Recorded under the solver that produced the plan."""
    run = {"solver": "unknown"}
    started = time.perf_counter()
    try:
        yield run
    finally:
        observe_solver(run["solver"], time.perf_counter() - started)


def _loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def metrics_endpoint(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    token = settings.metrics_token

    async def metrics(request: Request) -> Response:
        if token:
            sent = request.headers.get("authorization", "")
            if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
                return PlainTextResponse(
                    "send Authorization: Bearer <SKILLGRAPH_METRICS_TOKEN>",
                    status_code=401,
                    headers={"www-authenticate": "Bearer"},
                )
        elif not _loopback(request):
            return PlainTextResponse(
                "/metrics answers loopback clients only; set SKILLGRAPH_METRICS_TOKEN to "
                "let a scraper elsewhere read it",
                status_code=403,
            )
        return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)

    return metrics


def _registry() -> CollectorRegistry:
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry
