"""The ``/graphql`` endpoint: compiled catalogue reads first, Strawberry for the rest.

A POSTed JSON query whose operation the compiled path covers (see :mod:`api.compiled`) is
answered here: the document is parsed, validated and planned once and cached; each request
then binds its variables, runs one Cypher query per root field and writes the response with
orjson. Everything else (GET, GraphiQL, mutations, people, computed fields, and any request
that needs an error) goes to the Strawberry view with the body replayed, so a client cannot
tell which path answered except by speed.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import Any

import orjson
from graphql import (
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from skillgraph.api.compiled.plan import NotCompilable, Prepared, prepare
from skillgraph.api.compiled.registry import Fallback
from skillgraph.api.http import JSON, MAX_JSON_DEPTH, json_depth, response_media_type
from skillgraph.api.limits import validation_rules
from skillgraph.errors import StoreUnavailable
from skillgraph.lru import Lru
from skillgraph.observability.requests import note_operation, note_outcome_code
from skillgraph.settings import Settings

__all__ = ["GraphQLEndpoint"]

log = logging.getLogger("skillgraph.api")
_CACHE_SIZE = 1000
_NOT_COMPILABLE = object()


class GraphQLEndpoint:
    """``stats`` counts how requests were answered: ``compiled``, ``fallback`` (the plan
    handed a request to the resolvers) and ``resolvers`` (never compilable)."""

    def __init__(self, view: ASGIApp, schema: Any, settings: Settings) -> None:
        self.view = view
        self.schema = schema
        self.settings = settings
        self.stats: Counter[str] = Counter()
        self._plans: Lru[tuple[str, str | None], Any] = Lru(_CACHE_SIZE)
        self._rules = (
            *specified_rules,
            *validation_rules(settings),
            MaybeNullValidationRule,
            OneOfInputValidationRule,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST" or not self.settings.compiled_reads:
            await self.view(scope, receive, send)
            return
        body = await _read_body(receive)
        replay = _replay(body, receive)
        media = _media_type(scope)
        response = await self._compiled(scope, body) if media is not None else None
        if response is None:
            await self.view(scope, replay, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", f"{media}; charset=utf-8".encode()),
                    (b"content-length", str(len(response)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": response})

    async def _compiled(self, scope: Scope, body: bytes) -> bytes | None:
        try:
            payload = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(payload, dict):
            return None
        query, name, variables = (
            payload.get("query"),
            payload.get("operationName"),
            payload.get("variables"),
        )
        if (
            not isinstance(query, str)
            or not (name is None or isinstance(name, str))
            or not (variables is None or isinstance(variables, dict))
            or payload.get("extensions") is not None
            or (variables is not None and json_depth(variables) > MAX_JSON_DEPTH)
        ):
            return None
        prepared = self._prepared(query, name)
        if prepared is None:
            self.stats["resolvers"] += 1
            return None
        db = scope["app"].state.db
        try:
            async with asyncio.timeout(self.settings.request_timeout_s):
                result = await prepared.execute(db, self.settings, self.schema, variables)
        except (Fallback, StoreUnavailable, TimeoutError):
            self.stats["fallback"] += 1
            return None
        except Exception:  # the resolvers answer; a bug here must not fail the request
            log.exception("compiled read failed; answered by the resolvers instead")
            self.stats["fallback"] += 1
            return None
        self.stats["compiled"] += 1
        # For metrics, as the Strawberry path notes them (OperationNames, process_result).
        operation = prepared.operation.name
        note_operation(operation.value if operation else "")
        note_outcome_code("OK")
        return orjson.dumps(result)

    def _prepared(self, query: str, name: str | None) -> Prepared | None:
        key = (query, name)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plan(query, name)
            self._plans.put(key, plan)
        return None if plan is _NOT_COMPILABLE else plan

    def _plan(self, query: str, name: str | None) -> Any:
        try:
            document = parse(query, max_tokens=self.settings.max_tokens)
        except GraphQLSyntaxError:
            return _NOT_COMPILABLE
        if validate(self.schema._schema, document, self._rules):
            return _NOT_COMPILABLE
        operation = get_operation_ast(document, name)
        if not isinstance(operation, OperationDefinitionNode):
            return _NOT_COMPILABLE
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        try:
            return prepare(self.schema, operation, fragments)
        except NotCompilable as exc:
            log.debug("not compiled (%s): %s", exc, query[:200])
            return _NOT_COMPILABLE
        except GraphQLError:
            return _NOT_COMPILABLE


def _media_type(scope: Scope) -> str | None:
    """The media type to answer a compiled read with (as the view negotiates it), or None
    when the view must answer (not a JSON body, or an Accept header it refuses)."""
    content_type = accept = None
    for key, value in scope["headers"]:
        if key == b"content-type":
            content_type = value.decode("latin-1").lower()
        elif key == b"accept":
            accept = value.decode("latin-1")
    if content_type is None or content_type.split(";")[0].strip() != JSON:
        return None
    return response_media_type(accept)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that yields ``body`` once, then the real channel (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
