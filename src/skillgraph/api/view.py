from __future__ import annotations

import asyncio
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from skillgraph.api import graphiql
from skillgraph.api.context import Context
from skillgraph.api.errors import format_error
from skillgraph.api.loaders import Loaders
from skillgraph.api.permission import Permissions
from skillgraph.api.principal import Principal, PrincipalRole
from skillgraph.observability.requests import current_request_id, note_outcome
from skillgraph.settings import Environment, Settings
from skillgraph.store.database import Database

__all__ = ["GraphQLView"]


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

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Run one operation within the request timeout. On timeout the operation is cancelled,
        which closes its Neo4j connections, and the server also ends the transaction at its
        own timeout (see Database)."""
        try:
            async with asyncio.timeout(self.settings.request_timeout_s):
                return await super().execute_single(*args, **kwargs)
        except TimeoutError:
            message = (
                f"the request took longer than {self.settings.request_timeout_s:g}s and was "
                "stopped; ask for less (smaller `first`, fewer nested fields)"
            )
            return ExecutionResult(
                data=None, errors=[GraphQLError(message, extensions={"code": "REQUEST_TIMEOUT"})]
            )

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        data: GraphQLHTTPResponse = {"data": result.data}
        if result.errors:
            request_id = current_request_id()
            mask = self.settings.environment is Environment.PROD
            data["errors"] = [
                format_error(e, request_id=request_id, mask=mask) for e in result.errors
            ]
        note_outcome(data.get("errors"))  # for metrics: OK or the first error's code
        if result.extensions:
            data["extensions"] = result.extensions
        return data
