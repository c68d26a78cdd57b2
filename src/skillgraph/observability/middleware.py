"""ASGI middleware around /graphql: gives each request its id (``X-Request-Id``, echoed in the
response), records it for metrics and, when tracing is on, wraps it in a server span."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skillgraph.observability import metrics, tracing
from skillgraph.observability.requests import end_request, new_request

__all__ = ["ObserveRequests"]


class ObserveRequests:
    def __init__(self, app: ASGIApp, path: str = "/graphql") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        stats, token = new_request(headers)
        span = tracing.request_span(scope["method"], scope["path"], headers)
        status = 500
        finished = False
        request_id = stats.request_id.encode()

        def finish(error: BaseException | None = None) -> None:
            # Recorded before the last byte leaves, so a client that has its answer can
            # already see it counted.
            nonlocal finished
            if finished:
                return
            finished = True
            metrics.observe_request(stats, status)
            if span is not None:
                tracing.end_span(
                    span,
                    error,
                    **{
                        "http.response.status_code": status,
                        "graphql.operation.name": stats.operation or None,
                        "skillgraph.outcome": stats.outcome,
                        "skillgraph.neo4j.round_trips": stats.round_trips,
                    },
                )

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id)]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finish()
            await send(message)

        try:
            if span is None:
                await self.app(scope, receive, send_with_id)
            else:
                with tracing.current(span):
                    await self.app(scope, receive, send_with_id)
        except BaseException as error:
            finish(error)
            raise
        finally:
            finish()
            end_request(token)
