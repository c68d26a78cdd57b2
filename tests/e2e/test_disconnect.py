"""A request whose client has gone is cancelled: its resolvers and Neo4j queries stop at
once instead of running on to the request timeout."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.ingest.seed import seed_demo
from skillgraph.settings import Settings
from skillgraph.store.database import Database
from tests.e2e.conftest import serve_in_thread, stop_server

# Five levels over the demo catalogue: hundreds of thousands of objects to resolve. Sent over
# GET, so the resolvers answer it (compiled reads take POSTed catalogue queries only).
HEAVY = """{ credentials(first: 100) { edges { node { name teaches { level skill { name
  taughtBy(first: 100) { edges { node { name provider { name } teaches { level skill { name
    taughtBy(first: 100) { edges { node { name } } } } } } } } } } } } } }"""


async def _settle(app_db: Database) -> tuple[float, int]:
    """Waits until the process (test and server thread) has been idle for a quarter second;
    returns the time waited and the app's Neo4j round trips by then."""
    waited = 0.0
    last = time.process_time()
    while True:
        await asyncio.sleep(0.25)
        waited += 0.25
        now = time.process_time()
        if now - last < 0.03:
            return waited, app_db.round_trips
        last = now


@pytest.fixture
async def heavy_app(settings: Settings, db: Database) -> AsyncIterator[tuple[str, Database]]:
    await seed_demo(db)
    app = create_app(settings.model_copy(update={"max_cost": 10**9, "request_timeout_s": 120}))
    server, thread, url = serve_in_thread(app)
    yield url, app.state.db
    stop_server(server, thread)


async def test_a_request_whose_client_disconnects_stops_using_cpu_and_neo4j(
    heavy_app: tuple[str, Database],
) -> None:
    url, app_db = heavy_app
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        started = time.process_time()
        response = await client.get("/graphql", params={"query": HEAVY})
        assert response.status_code == 200
        assert "errors" not in response.json()
    await _settle(app_db)
    complete_cpu = time.process_time() - started

    trips_before = app_db.round_trips
    started = time.process_time()
    # The client leaves while the request is still reading from Neo4j. (Cancellation takes
    # effect at the request's next await: once every row is loaded, completing the response
    # is synchronous work that runs to its end, seconds on this query on a loaded machine.)
    async with httpx.AsyncClient(base_url=url, timeout=0.2) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/graphql", params={"query": HEAVY})
    # The client has closed its connection after 0.2 s: the server cancels the request.
    _, trips = await _settle(app_db)
    abandoned_cpu = time.process_time() - started
    await asyncio.sleep(1)
    assert app_db.round_trips == trips, "Neo4j queries went on after the client left"
    assert complete_cpu > 2.0, f"the query is not heavy enough to show anything: {complete_cpu}"
    assert abandoned_cpu < complete_cpu / 2, (abandoned_cpu, complete_cpu, trips - trips_before)
