"""Surviving Neo4j faults, on a throw-away instance (own port and home) so nothing else is hit.

Bounded: a few hundred writes, one kill -9, one restart; loopback only.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.localdb import LocalNeo4j
from skillgraph.settings import Settings
from skillgraph.store import migrations
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver
from tests.e2e.conftest import make_key, serve_in_thread, stop_server
from tests.ports import free_port

pytestmark = pytest.mark.fault

WRITES = 300
KILL_AT = 120
DOWN_FOR = 40


@dataclass
class Rig:
    local: LocalNeo4j
    settings: Settings
    url: str
    key: str


@pytest.fixture(scope="module")
def throwaway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    home = Path(tmp_path_factory.mktemp("fault-neo4j"))
    settings = Settings(
        _env_file=None,
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        neo4j_home=home,
        neo4j_heap="512m",
        neo4j_pagecache_mb=64,
        neo4j_connect_timeout_s=1.0,
        neo4j_acquire_timeout_s=2.0,
        neo4j_retry_time_s=1.0,
        rate_limit_burst=1_000_000,
        rate_limit_per_minute=10**9,
    )
    local = LocalNeo4j(settings)
    local.start()
    yield local
    local.stop()


@pytest.fixture
async def rig(throwaway: LocalNeo4j) -> AsyncIterator[Rig]:
    settings = throwaway.settings
    driver = open_driver(settings)
    db = Database(driver, "neo4j", Catalogue.load(settings.cypher_dir))
    await migrations.apply_pending(db)
    await db.run_raw("MATCH (n:Skill) DETACH DELETE n")
    key = await make_key(db, "ADMIN")
    await driver.close()
    server, thread, url = serve_in_thread(create_app(settings))
    yield Rig(throwaway, settings, url, key)
    stop_server(server, thread)


def create(i: int) -> dict[str, object]:
    return {
        "query": "mutation($id: ID!, $n: String!) { createSkill(input: {id: $id, name: $n})"
        " { id } }",
        "variables": {"id": f"skill_fault_{i:04d}", "n": f"fault {i}"},
    }


async def test_acknowledged_writes_survive_a_kill_and_errors_are_typed(rig: Rig) -> None:
    acked: list[str] = []
    codes: dict[str, int] = {}
    slowest_error = 0.0
    headers = {"authorization": f"Bearer {rig.key}"}
    async with httpx.AsyncClient(base_url=rig.url, timeout=30, headers=headers) as client:
        for i in range(WRITES):
            if i == KILL_AT:
                pid = rig.local.pid()
                assert pid is not None
                os.kill(pid, signal.SIGKILL)
            if i == KILL_AT + DOWN_FOR:
                rig.local.start()
            started = time.monotonic()
            response = await client.post("/graphql", json=create(i))
            took = time.monotonic() - started
            assert response.status_code < 500 or response.status_code == 503
            body = response.json()
            if body.get("errors"):
                code = body["errors"][0]["extensions"]["code"]
                codes[code] = codes.get(code, 0) + 1
                slowest_error = max(slowest_error, took)
            else:
                acked.append(body["data"]["createSkill"]["id"])
        ready = await client.get("/readyz")
    # Errors during the outage were typed and quick; the API came back without a restart.
    assert set(codes) <= {"SERVICE_UNAVAILABLE", "CONFLICT"}, codes
    assert codes.get("SERVICE_UNAVAILABLE", 0) >= DOWN_FOR // 2
    assert slowest_error < 5
    assert ready.status_code == 200
    assert len(acked) >= WRITES - DOWN_FOR - 5
    driver = open_driver(rig.settings)
    try:
        db = Database(driver, "neo4j", Catalogue.load(rig.settings.cypher_dir))
        rows = await db.run_raw(
            "UNWIND $ids AS id OPTIONAL MATCH (s:Skill {id: id}) RETURN id, count(s) AS n",
            {"ids": acked},
        )
    finally:
        await driver.close()
    assert {row["id"]: row["n"] for row in rows} == dict.fromkeys(acked, 1)


async def test_fifty_concurrent_creates_of_one_uri_make_one_node(rig: Rig) -> None:
    headers = {"authorization": f"Bearer {rig.key}"}
    create_one = {
        "query": 'mutation { createSkill(input: {name: "dup", uri: "https://x.example/dup"})'
        " { id } }"
    }
    upsert_one = {
        "query": 'mutation { upsertSkill(uri: "https://x.example/up", input: {name: "up"}) { id } }'
    }
    async with httpx.AsyncClient(base_url=rig.url, timeout=60, headers=headers) as client:
        created = await asyncio.gather(
            *(client.post("/graphql", json=create_one) for _ in range(50))
        )
        upserted = await asyncio.gather(
            *(client.post("/graphql", json=upsert_one) for _ in range(50))
        )
    outcomes = [r.json() for r in created]
    ok = [o for o in outcomes if not o.get("errors")]
    conflicts = [o for o in outcomes if o.get("errors")]
    assert len(ok) == 1
    assert {o["errors"][0]["extensions"]["code"] for o in conflicts} == {"CONFLICT"}
    upsert_ids = {r.json()["data"]["upsertSkill"]["id"] for r in upserted if "data" in r.json()}
    assert len(upsert_ids) == 1
    driver = open_driver(rig.settings)
    try:
        db = Database(driver, "neo4j", Catalogue.load(rig.settings.cypher_dir))
        rows = await db.run_raw(
            "MATCH (s:Skill) WHERE s.uri IN ['https://x.example/dup', 'https://x.example/up']"
            " RETURN s.uri AS uri, count(*) AS n"
        )
    finally:
        await driver.close()
    assert {row["uri"]: row["n"] for row in rows} == {
        "https://x.example/dup": 1,
        "https://x.example/up": 1,
    }
