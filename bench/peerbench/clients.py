"""The three systems a shape is sent to: two GraphQL servers over HTTP and the hand-written
Cypher through the Python driver (the floor). Each can ``fetch`` a shape's full answer (for
the equality check) and ``call`` it as cheaply as a client can (for timing)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from neo4j import READ_ACCESS, AsyncDriver

from peerbench.shapes import Params, Shape
from peerbench.system import AnswerError

__all__ = ["CypherSystem", "GraphQLSystem"]

_HEADERS = {"content-type": "application/json", "accept": "application/json"}


@dataclass
class GraphQLSystem:
    """``which`` picks the shape's query and variables: 0 SkillGraph, 1 the peer."""

    name: str
    url: str
    which: int
    params: Params
    session: aiohttp.ClientSession
    _bodies: dict[str, bytes] = field(default_factory=dict)

    def _body(self, shape: Shape) -> bytes:
        body = self._bodies.get(shape.name)
        if body is None:
            query = (shape.skillgraph, shape.peer)[self.which]
            variables = shape.variables(self.params)[self.which]
            body = json.dumps({"query": query, "variables": variables}).encode()
            self._bodies[shape.name] = body
        return body

    async def fetch(self, shape: Shape) -> Any:
        try:
            async with self.session.post(self.url, data=self._body(shape), headers=_HEADERS) as r:
                raw = await r.read()
                status = r.status
        except aiohttp.ClientError as error:
            raise AnswerError(f"no answer from {self.url}: {error}") from error
        try:
            answer = json.loads(raw)
        except ValueError:
            raise AnswerError(f"HTTP {status}, not JSON: {raw[:500]!r}") from None
        if status != 200 or answer.get("errors") or answer.get("data") is None:
            shown = json.dumps(answer.get("errors", answer), indent=1)[:3000]
            raise AnswerError(f"HTTP {status}:\n{shown}")
        return answer["data"]

    async def call(self, shape: Shape) -> str | None:
        async with self.session.post(self.url, data=self._body(shape), headers=_HEADERS) as r:
            raw = await r.read()
            # A GraphQL error (a timeout, a refused query) is a failure, not a fast answer.
            if r.status == 200 and b'"errors":' not in raw:
                return None
            return f"HTTP {r.status}: {raw[:300].decode(errors='replace')}"


@dataclass
class CypherSystem:
    name: str
    driver: AsyncDriver
    database: str
    params: Params

    def _parameters(self, shape: Shape) -> dict[str, Any]:
        return shape.variables(self.params)[2]

    async def fetch(self, shape: Shape) -> dict[str, Any]:
        """The query's one record, by field name (AnswerError for no record or several)."""
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(shape.floor, self._parameters(shape))
            records = await result.data()
        if len(records) != 1:
            raise AnswerError(f"{len(records)} records instead of one")
        return records[0]

    async def call(self, shape: Shape) -> str | None:
        # Every record hydrated into Python values, as a server would need them. Driver errors
        # raise; the timing counts them as failures.
        async with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS
        ) as session:
            result = await session.run(shape.floor, self._parameters(shape))
            await result.values()
        return None
