"""/metrics: the documented Prometheus series, fed by real requests, and who may read them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from skillgraph.app import create_app
from skillgraph.observability import metrics
from skillgraph.settings import Settings
from tests.e2e.conftest import Api, serve_in_thread, stop_server
from tests.e2e.test_plan import base, cred, mutate, plan, role_requires, teaches
from tests.ports import free_port

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(client: httpx.AsyncClient, headers: dict[str, str] | None = None) -> Samples:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_every_documented_metric_is_exposed(api: Api) -> None:
    text = (await api.client.get("/metrics")).text
    for name in metrics.METRIC_NAMES:
        assert f"# HELP {name} " in text, name


async def test_a_request_counts_by_operation_and_outcome_with_its_round_trips(api: Api) -> None:
    before = await scrape(api.client)
    await api.data("query MetricsProbe { skills(first: 1) { totalCount } }")
    await api.error("query MetricsProbe { noSuchField }")
    after = await scrape(api.client)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "skillgraph_graphql_requests_total"
    assert delta(requests, operation="MetricsProbe", outcome="OK") == 1
    assert delta(requests, operation="MetricsProbe", outcome="GRAPHQL_VALIDATION_FAILED") == 1
    latency = "skillgraph_graphql_request_duration_seconds_count"
    assert delta(latency, operation="MetricsProbe") == 2
    # The valid query went to Neo4j; the invalid one was refused before any Cypher ran.
    assert delta("skillgraph_neo4j_round_trips_per_request_sum", operation="MetricsProbe") >= 1
    assert delta("skillgraph_neo4j_round_trips_per_request_count", operation="MetricsProbe") == 2
    assert delta("skillgraph_neo4j_seconds_per_request_sum", operation="MetricsProbe") > 0


async def test_refusals_before_graphql_count_under_their_code(anonymous: Api) -> None:
    before = await scrape(anonymous.client)
    response = await anonymous.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"authorization": "Bearer sg_bad"}
    )
    assert response.status_code == 401
    after = await scrape(anonymous.client)
    name = "skillgraph_graphql_requests_total"
    refused = {"operation": "-", "outcome": "UNAUTHENTICATED"}
    assert value(after, name, **refused) - value(before, name, **refused) == 1


async def test_plans_record_their_solver_time(api: Api) -> None:
    await base(api)
    await mutate(api, role_requires("a"), cred("x", "10"), teaches("x", "a"))
    before = await scrape(api.client)
    assert (await plan(api))["solver"] == "highs"
    after = await scrape(api.client)
    count = "skillgraph_plan_solver_seconds_count"
    assert value(after, count, solver="highs") - value(before, count, solver="highs") == 1


async def test_responses_carry_the_request_id(api: Api) -> None:
    given = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": "trace-42"}
    )
    assert given.headers["x-request-id"] == "trace-42"
    fresh = await api.client.post("/graphql", json={"query": "{ __typename }"})
    assert len(fresh.headers["x-request-id"]) == 32
    odd = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": "a b\tc" * 30}
    )
    assert odd.headers["x-request-id"] != "a b\tc" * 30


@pytest.fixture(scope="module")
def strict(settings: Settings) -> Iterator[str]:
    """An API whose rate limit refuses the second request and whose /metrics needs a token."""
    app = create_app(
        settings.model_copy(
            update={"rate_limit_burst": 1, "rate_limit_per_minute": 1, "metrics_token": "s3cret"}
        )
    )
    server, thread, url = serve_in_thread(app)
    yield url
    stop_server(server, thread)


async def test_rate_limit_rejections_are_counted(strict: str) -> None:
    token = {"authorization": "Bearer s3cret"}  # for /metrics; GraphQL goes anonymously
    async with httpx.AsyncClient(base_url=strict, timeout=30) as client:
        before = await scrape(client, token)
        statuses = []
        for _ in range(3):
            response = await client.post("/graphql", json={"query": "{ __typename }"})
            statuses.append(response.status_code)
        after = await scrape(client, token)
    refused = statuses.count(429)
    assert refused >= 1
    name = "skillgraph_rate_limited_requests_total"
    assert value(after, name) - value(before, name) == refused


async def test_a_metrics_token_is_required_when_configured(strict: str) -> None:
    async with httpx.AsyncClient(base_url=strict, timeout=30) as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = await client.get("/metrics", headers={"authorization": "Bearer s3cret"})
        assert right.status_code == 200


async def test_without_a_token_only_loopback_clients_may_read(settings: Settings) -> None:
    app = create_app(settings)
    remote = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=remote, base_url="http://api") as client:
        response = await client.get("/metrics")
    assert response.status_code == 403
    assert "SKILLGRAPH_METRICS_TOKEN" in response.text
    local = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=local, base_url="http://api") as client:
        assert (await client.get("/metrics")).status_code == 200


def test_client_chosen_operation_names_cannot_grow_the_series_without_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "_operations", set())
    names = [metrics._operation_label(f"Op{n}") for n in range(metrics.MAX_OPERATIONS + 5)]
    assert names[: metrics.MAX_OPERATIONS] == [f"Op{n}" for n in range(metrics.MAX_OPERATIONS)]
    assert set(names[metrics.MAX_OPERATIONS :]) == {"other"}
    assert metrics._operation_label("Op1") == "Op1"
    assert metrics._operation_label("not a name!") == "other"
    assert metrics._operation_label("") == "anonymous"
    assert metrics._operation_label(None) == "-"


def test_workers_share_their_counts(settings: Settings, tmp_path: Path) -> None:
    """With --workers 2 either worker may answer a scrape; it reports both workers' counts."""
    port = free_port()
    env = {**os.environ, "SKILLGRAPH_NEO4J_URI": settings.neo4j_uri}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [SKILLGRAPH, "serve", "--workers", "2", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=out,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        for _ in range(8):  # a new connection each, so both workers take some
            httpx.post(f"{url}/graphql", json={"query": "query Shared { __typename }"})
        scrapes = [httpx.get(f"{url}/metrics").text for _ in range(4)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    line = 'skillgraph_graphql_requests_total{operation="Shared",outcome="OK"} 8.0'
    assert all(line in text for text in scrapes), scrapes[0]
