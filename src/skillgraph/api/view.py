"""The GraphQL endpoint: Strawberry's ASGI view with SkillGraph's context, HTTP handling
(see :mod:`skillgraph.api.http`), error formatting and the request timeout. (Cancellation
when the client goes away: :mod:`skillgraph.disconnect`.)"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from skillgraph.api import graphiql
from skillgraph.api.context import Context
from skillgraph.api.errors import format_error
from skillgraph.api.http import (
    GRAPHQL_RESPONSE,
    HTTP_CODES,
    JSON,
    parse_body,
    parse_params,
    response_media_type,
)
from skillgraph.api.loaders import Loaders
from skillgraph.api.permission import Permissions
from skillgraph.api.principal import Principal, PrincipalRole
from skillgraph.observability.requests import current_request_id, note_outcome
from skillgraph.settings import Environment, Settings
from skillgraph.store.database import Database

__all__ = ["GraphQLView"]

_ALLOW = "GET, POST"
_TIMEOUT = "REQUEST_TIMEOUT"


class GraphQLView(GraphQL[Context, None]):
    """The Strawberry ASGI app with SkillGraph's context and error formatting."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        prod = settings.environment is Environment.PROD
        super().__init__(
            schema,
            graphql_ide=None if prod else "graphiql",
            allow_queries_via_get=True,
        )
        self.settings = settings

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    @property
    def graphql_ide_html(self) -> str:
        return graphiql.page()  # served from the package, not a CDN

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocket(scope, receive, send).close(code=1008)
            return
        request = Request(scope, receive)
        media = response_media_type(request.headers.get("accept"))
        request.state.media_type = media or JSON
        request.state.request_error = False
        if request.method not in ("GET", "POST"):
            message = f"use GET or POST, not {request.method}"
            await _error(405, message, JSON, {"allow": _ALLOW})(scope, receive, send)
            return
        if media is None and not self._wants_ide(request):
            message = f"send Accept: {GRAPHQL_RESPONSE} or {JSON}"
            await _error(406, message, JSON)(scope, receive, send)
            return
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        media: str = request.state.media_type
        try:
            response = await self.run(request)
        except HTTPException as exc:
            headers = {"allow": "POST"} if exc.status_code == 405 else None
            return _error(exc.status_code, exc.reason, media, headers)
        if response.media_type == JSON:
            response.headers["content-type"] = f"{media}; charset=utf-8"
            if request.state.request_error and media == GRAPHQL_RESPONSE:
                response.status_code = 400
        return response

    def _wants_ide(self, request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return (
            self.graphql_ide is not None
            and request.method == "GET"
            and "query" not in request.query_params
            and "text/html" in accept
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if not isinstance(request, Request) or not isinstance(response, Response):
            raise TypeError("SkillGraph serves GraphQL over HTTP only, not websockets")
        db: Database = request.app.state.db
        principal = getattr(request.state, "principal", Principal(PrincipalRole.ANONYMOUS))
        permissions = Permissions(principal)
        return Context(
            request=request,
            response=response,
            settings=self.settings,
            db=db,
            loaders=Loaders.create(db, permissions.may_see_person),
            principal=principal,
        )

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        if request.method == "GET":
            return parse_params(request.query_params)  # type: ignore[arg-type]
        return parse_body(request.content_type, await request.get_body())

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Run one operation within the request timeout. On timeout the operation is cancelled,
        which closes its Neo4j connections, and the server also ends the transaction at its
        own timeout (see Database)."""
        allowed = OperationType.from_http(request_adapter.method)
        try:
            async with asyncio.timeout(self.settings.request_timeout_s):
                return await self.schema.execute(
                    request_data.query,
                    root_value=root_value,
                    variable_values=request_data.variables,
                    context_value=context,
                    operation_name=request_data.operation_name,
                    allowed_operation_types=allowed,
                    operation_extensions=request_data.extensions,
                )
        except TimeoutError:
            message = (
                f"the request took longer than {self.settings.request_timeout_s:g}s and was "
                "stopped; ask for less (smaller `first`, fewer nested fields)"
            )
            return ExecutionResult(
                data=None, errors=[GraphQLError(message, extensions={"code": _TIMEOUT})]
            )
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason()) from exc
        except InvalidOperationTypeError as exc:
            raise HTTPException(405, "mutations need POST; GET runs queries only") from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "the request has no GraphQL `query`") from exc

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        errors = result.errors or []
        # A request error (the document never ran) has no data entry (GraphQL over HTTP).
        request_error = (
            result.data is None
            and bool(errors)
            and all(e.path is None for e in errors)
            and not any((e.extensions or {}).get("code") == _TIMEOUT for e in errors)
        )
        request.state.request_error = request_error
        data: GraphQLHTTPResponse = {} if request_error else {"data": result.data}
        if errors:
            request_id = current_request_id()
            mask = self.settings.environment is Environment.PROD
            data["errors"] = [format_error(e, request_id=request_id, mask=mask) for e in errors]
        note_outcome(data.get("errors"))  # for metrics: OK or the first error's code
        if result.extensions:
            data["extensions"] = result.extensions
        return data


def _error(
    status: int, message: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    code = HTTP_CODES.get(status, "BAD_REQUEST")
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    return Response(
        body, status_code=status, media_type=f"{media_type}; charset=utf-8", headers=headers
    )
