"""OpenTelemetry traces, off unless ``SKILLGRAPH_TRACING`` is ``otlp`` or ``console`` (and the
``tracing`` extra is installed): a span per HTTP request, per root field of the operation
(the resolvers that group a query's work) and per Cypher round trip, named after the query
file. Spans carry names, sizes and outcomes, never parameter values, which can be personal
data. While off, every function here returns at once and OpenTelemetry is not imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from inspect import isawaitable
from typing import TYPE_CHECKING, Any

from strawberry.extensions import SchemaExtension

from skillgraph.settings import Settings, Tracing

if TYPE_CHECKING:
    from graphql import GraphQLResolveInfo
    from opentelemetry.trace import Span, Tracer

__all__ = [
    "RootFieldSpans",
    "TracingUnavailable",
    "configure",
    "current",
    "enabled",
    "end_span",
    "query_span",
    "request_span",
    "shutdown",
]

_tracer: Tracer | None = None
_shutdown: Callable[[], None] | None = None


class TracingUnavailable(RuntimeError):
    """Tracing was asked for but OpenTelemetry is not installed."""


def enabled() -> bool:
    return _tracer is not None


def configure(settings: Settings) -> None:
    """Install a tracer provider exporting as ``settings.tracing`` says (OTLP/HTTP reads the
    standard ``OTEL_EXPORTER_OTLP_*`` variables; ``OTEL_SERVICE_NAME`` defaults to
    skillgraph). Idempotent within a process; does nothing when tracing is off."""
    global _tracer, _shutdown
    if settings.tracing is Tracing.OFF or _tracer is not None:
        return
    try:
        from opentelemetry.sdk.resources import OTELResourceDetector, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import (
            BatchSpanProcessor,
            ConsoleSpanExporter,
            SpanExporter,
        )
    except ImportError as exc:
        raise TracingUnavailable(
            f"SKILLGRAPH_TRACING={settings.tracing.value} needs OpenTelemetry: "
            "pip install 'skillgraph[tracing]'"
        ) from exc
    exporter: SpanExporter
    if settings.tracing is Tracing.OTLP:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter()
    else:
        exporter = ConsoleSpanExporter()
    resource = Resource.create({"service.name": "skillgraph"}).merge(
        OTELResourceDetector().detect()
    )
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    use(provider.get_tracer("skillgraph"), provider.shutdown)


def use(tracer: Tracer | None, shutdown: Callable[[], None] | None = None) -> None:
    """Trace with ``tracer`` (None: stop tracing). For tests, which read spans in memory."""
    global _tracer, _shutdown
    _tracer, _shutdown = tracer, shutdown


def shutdown() -> None:
    """Flush and stop the exporter (at application shutdown)."""
    if _shutdown is not None:
        _shutdown()


def request_span(method: str, path: str, headers: Mapping[str, str]) -> Span | None:
    """The server span of one HTTP request, continuing the caller's trace (``traceparent``)."""
    if _tracer is None:
        return None
    from opentelemetry.propagate import extract
    from opentelemetry.trace import SpanKind

    return _tracer.start_span(
        f"{method} {path}",
        context=extract(dict(headers)),
        kind=SpanKind.SERVER,
        attributes={"http.request.method": method, "url.path": path},
    )


def query_span(name: str) -> Span | None:
    if _tracer is None:
        return None
    from opentelemetry.trace import SpanKind

    return _tracer.start_span(
        name, kind=SpanKind.CLIENT, attributes={"db.system": "neo4j", "db.query.name": name}
    )


def end_span(span: Span, error: BaseException | None = None, **attributes: Any) -> None:
    from opentelemetry.trace import Status, StatusCode

    for key, value in attributes.items():
        if value is not None:
            span.set_attribute(key, value)
    if error is not None:
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
    span.end()


def current(span: Span) -> AbstractContextManager[Span]:
    """``span`` as the current span, leaving its end and status to the caller (exceptions
    are not recorded: their messages may quote input)."""
    from opentelemetry.trace import use_span

    return use_span(span, end_on_exit=False, record_exception=False, set_status_on_exception=False)


class RootFieldSpans(SchemaExtension):
    """A span per root field (``skills``, ``credentialPlan``...): the group of resolvers that
    field's subtree runs, parent of the Cypher spans they and their DataLoader batches cause.
    The schema carries this extension only while tracing is on.

    Nested fields are not hooked: the root field's span is made current in the task
    graphql-core runs that field's whole subtree in, so everything below inherits it. Root
    spans end with the operation's execution."""

    def __init__(self, *, execution_context: Any = None) -> None:
        self._open: list[Span] = []
        self._parent: Any = None

    def on_execute(self) -> Iterator[None]:
        from opentelemetry import context

        self._parent = context.get_current()
        try:
            yield
        finally:
            for span in self._open:
                end_span(span)

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: str,
        **kwargs: Any,
    ) -> Any:
        if _tracer is None or info.path.prev is not None:
            return _next(root, info, *args, **kwargs)
        from opentelemetry import context, trace

        span = _tracer.start_span(
            f"graphql.field {info.field_name}",
            context=self._parent,
            attributes={
                "graphql.field.name": info.field_name,
                "graphql.operation.type": info.operation.operation.value,
            },
        )
        self._open.append(span)
        scope = trace.set_span_in_context(span, self._parent)
        token = context.attach(scope)
        try:
            result = _next(root, info, *args, **kwargs)
        finally:
            context.detach(token)
        if not isawaitable(result):
            return result

        async def in_span() -> Any:
            # Left attached on purpose: graphql-core completes this field's subtree in the
            # same task after this returns (a task of its own for each root field of a
            # query; for mutations, run one after another, the next root field attaches its
            # own span).
            context.attach(scope)
            try:
                return await result
            except BaseException as error:
                span.set_status(_error_status(error))
                raise

        return in_span()


def _error_status(error: BaseException) -> Any:
    from opentelemetry.trace import Status, StatusCode

    return Status(StatusCode.ERROR, type(error).__name__)
