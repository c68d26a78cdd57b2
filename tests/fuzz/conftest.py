"""A real server for the fuzzers, with an ADMIN key and a small seeded graph.

Sync fixtures only: hypothesis drives synchronous tests with a synchronous httpx client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from skillgraph.app import create_app
from skillgraph.auth.apikey import hash_secret, new_token
from skillgraph.settings import Settings
from skillgraph.store import apikeys, migrations
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver
from tests.e2e.conftest import serve_in_thread, stop_server

SEED = """mutation {
  s1: createSkill(input: {id: "skill_f1", name: "Python", uri: "https://f.example/s1"}) { id }
  s2: createSkill(input: {id: "skill_f2", name: "SQL"}) { id }
  p: createProvider(input: {id: "prov_f1", name: "P"}) { id }
  c: createCredential(input: {id: "cred_f1", name: "C", providerId: "prov_f1"}) { id }
  r: createRole(input: {id: "role_f1", title: "R"}) { id }
  me: createPerson(input: {id: "person_f1", name: "F", visibility: PUBLIC}) { id }
}"""


@dataclass
class Target:
    client: httpx.Client


async def _prepare(settings: Settings) -> str:
    driver = open_driver(settings)
    try:
        db = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
        await migrations.apply_pending(db)
        await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:ApiKey DETACH DELETE n")
        token = new_token()
        await apikeys.create(db, token.key_id, hash_secret(token.secret), "ADMIN", None, "fuzz")
        return str(token)
    finally:
        await driver.close()


@pytest.fixture(scope="module")
def target() -> Iterator[Target]:
    settings = Settings().model_copy(
        update={"rate_limit_burst": 10**9, "rate_limit_per_minute": 10**9}
    )
    key = asyncio.run(_prepare(settings))
    server, thread, url = serve_in_thread(create_app(settings))
    headers = {"authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, timeout=30, headers=headers) as client:
        client.post("/graphql", json={"query": SEED}).raise_for_status()
        yield Target(client)
    stop_server(server, thread)
