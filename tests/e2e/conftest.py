"""A real uvicorn server running the app (with its lifespan) in a thread, on loopback."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from skillgraph.app import create_app
from skillgraph.auth.apikey import hash_secret, new_token
from skillgraph.settings import Settings
from skillgraph.store import apikeys
from skillgraph.store.database import Database
from tests.dbfixtures import clean_graph, db, settings

__all__ = [
    "admin_key",
    "anonymous",
    "api",
    "clean_graph",
    "db",
    "make_key",
    "resolvers",
    "resolvers_server",
    "server",
    "settings",
]


@dataclass
class RunningServer:
    app: Starlette
    url: str

    @property
    def database(self) -> Database:
        database: Database = self.app.state.db
        return database


def serve_in_thread(app: Starlette) -> tuple[uvicorn.Server, threading.Thread, str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def stop_server(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(timeout=30)


def _running(settings: Settings, **update: Any) -> Iterator[RunningServer]:
    # Tests send many requests quickly; rate limiting has its own tests with tight limits.
    app = create_app(
        settings.model_copy(
            update={
                "rate_limit_burst": 1_000_000,
                "rate_limit_per_minute": 10**9,
                "auth_failure_burst": 1_000_000,
                "auth_failures_per_minute": 10**9,
                **update,
            }
        )
    )
    srv, thread, url = serve_in_thread(app)
    yield RunningServer(app=app, url=url)
    stop_server(srv, thread)


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[RunningServer]:
    yield from _running(settings)


@pytest.fixture(scope="session")
def resolvers_server(settings: Settings) -> Iterator[RunningServer]:
    """The same app with compiled reads off: every field goes through its resolver."""
    yield from _running(settings, compiled_reads=False)


@dataclass
class Api:
    """A small GraphQL client over real HTTP."""

    client: httpx.AsyncClient
    server: RunningServer

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST and assert there are no errors; returns ``data``."""
        body = await self.post(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST and return the first error (asserting there is one)."""
        body = await self.post(query, variables)
        assert body.get("errors"), body
        error: dict[str, Any] = body["errors"][0]
        return error


async def make_key(db: Database, role: str, person_id: str | None = None) -> str:
    """A new API key for ``role`` (stored hashed; keys survive the per-test wipe)."""
    token = new_token()
    await apikeys.create(db, token.key_id, hash_secret(token.secret), role, person_id, role)
    return str(token)


@pytest.fixture(scope="session")
async def admin_key(db: Database) -> str:
    return await make_key(db, "ADMIN")


@pytest.fixture
async def api(server: RunningServer, admin_key: str) -> AsyncIterator[Api]:
    """A client acting with an ADMIN key."""
    headers = {"authorization": f"Bearer {admin_key}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers) as client:
        yield Api(client=client, server=server)


@pytest.fixture
async def resolvers(resolvers_server: RunningServer, admin_key: str) -> AsyncIterator[Api]:
    """A client acting with an ADMIN key on the server without compiled reads."""
    headers = {"authorization": f"Bearer {admin_key}"}
    async with httpx.AsyncClient(
        base_url=resolvers_server.url, timeout=30, headers=headers
    ) as client:
        yield Api(client=client, server=resolvers_server)


@pytest.fixture
async def anonymous(server: RunningServer) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield Api(client=client, server=server)
