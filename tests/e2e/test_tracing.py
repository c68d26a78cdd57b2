"""OpenTelemetry traces: a span per request, per root field and per Cypher query (named after
its file), never a parameter value; and nothing at all while tracing is off."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from skillgraph.api.schema import build_schema
from skillgraph.app import create_app
from skillgraph.observability import tracing
from skillgraph.settings import Settings, Tracing
from skillgraph.store.cypher import Catalogue
from tests.e2e.conftest import serve_in_thread, stop_server

SECRET = "ada.secret@example.org"


@pytest.fixture
def traced(settings: Settings) -> Iterator[tuple[str, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use(provider.get_tracer("test"), provider.shutdown)
    try:
        server, thread, url = serve_in_thread(create_app(settings))
        try:
            yield url, exporter
        finally:
            stop_server(server, thread)
    finally:
        tracing.use(None)


def children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    assert parent.context is not None
    return [s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id]


async def test_a_request_is_a_tree_of_request_root_field_and_cypher_spans(
    traced: tuple[str, InMemorySpanExporter], settings: Settings
) -> None:
    url, exporter = traced
    exporter.clear()
    query = """query Traced($text: String!) {
      skills(filter: {text: $text}, first: 2) { totalCount edges { node { name } } }
      people(first: 1) { totalCount }
    }"""
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": {"text": SECRET}},
            headers={"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
        )
    assert response.status_code == 200
    spans = list(exporter.get_finished_spans())

    (request,) = [s for s in spans if s.kind is SpanKind.SERVER]
    assert request.name == "POST /graphql"
    assert request.context is not None
    # It continues the caller's trace.
    assert f"{request.context.trace_id:032x}" == "0af7651916cd43dd8448eb211c80319c"
    assert request.attributes is not None
    assert request.attributes["graphql.operation.name"] == "Traced"
    assert request.attributes["http.response.status_code"] == 200

    fields = children(spans, request)
    assert sorted(s.name for s in fields) == ["graphql.field people", "graphql.field skills"]
    queries = Catalogue.load(settings.cypher_dir).queries
    cypher = [s for field in fields for s in children(spans, field)]
    assert cypher
    assert all(s.kind is SpanKind.CLIENT for s in cypher)
    # Named after their query file, or, for compiled catalogue reads, compiled/<type>/<lookup>.
    compiled = re.compile(r"^compiled/[a-z]+/(list|id|uri)$")
    assert all(s.name in queries or compiled.match(s.name) for s in cypher), cypher
    assert {s.name for s in spans} == {request.name} | {s.name for s in fields} | {
        s.name for s in cypher
    }

    # No value the client sent appears anywhere in what is exported.
    exported = json.dumps([json.loads(s.to_json()) for s in spans])
    assert SECRET not in exported


async def test_a_compiled_read_is_one_named_cypher_span_under_its_request(
    traced: tuple[str, InMemorySpanExporter],
) -> None:
    url, exporter = traced
    exporter.clear()
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        response = await client.post(
            "/graphql",
            json={
                "query": "query Plain($t: String!) { skills(filter: {text: $t}) { totalCount } }",
                "variables": {"t": SECRET},
            },
        )
    assert response.json()["data"] == {"skills": {"totalCount": 0}}
    spans = list(exporter.get_finished_spans())
    (request,) = [s for s in spans if s.kind is SpanKind.SERVER]
    assert request.attributes is not None
    assert request.attributes["graphql.operation.name"] == "Plain"
    assert [s.name for s in children(spans, request)] == ["compiled/skill/list"]
    assert SECRET not in json.dumps([json.loads(s.to_json()) for s in spans])


def test_while_off_the_schema_hooks_no_resolver_and_nothing_is_traced() -> None:
    assert not tracing.enabled()
    assert tracing.RootFieldSpans not in build_schema().extensions
    assert tracing.query_span("skill/by_ids") is None
    assert tracing.request_span("POST", "/graphql", {}) is None


def test_while_off_opentelemetry_is_not_even_imported() -> None:
    script = (
        "import sys\n"
        "from skillgraph.app import create_app\n"
        "from skillgraph.settings import Settings\n"
        "create_app(Settings(_env_file=None))\n"
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_asking_for_tracing_without_the_extra_says_how_to_install_it() -> None:
    script = (
        "import sys\n"
        "sys.modules['opentelemetry'] = None\n"  # as if the extra were not installed
        "from skillgraph.observability import tracing\n"
        "from skillgraph.settings import Settings\n"
        "try:\n"
        "    tracing.configure(Settings(_env_file=None, tracing='otlp'))\n"
        "except tracing.TracingUnavailable as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert "pip install 'skillgraph[tracing]'" in out
    assert Settings(_env_file=None, tracing="console").tracing is Tracing.CONSOLE
