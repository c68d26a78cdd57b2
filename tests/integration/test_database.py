from __future__ import annotations

import pytest

from skillgraph.errors import StoreUnavailable
from skillgraph.settings import Settings
from skillgraph.store.cypher import Catalogue, query
from skillgraph.store.database import Database, Transaction, open_driver

PING = query("admin/ping")


async def test_every_query_counts_one_round_trip(db: Database) -> None:
    before = db.round_trips
    await db.read(PING)
    await db.write(PING)

    async def two(tx: Transaction) -> int:
        await tx.run(PING)
        rows = await tx.run(PING)
        return int(rows[0]["ok"])

    assert await db.read_tx(two) == 1
    assert db.round_trips - before == 4


async def test_an_unreachable_server_is_store_unavailable(settings: Settings) -> None:
    down = settings.model_copy(
        update={
            "neo4j_uri": "bolt://127.0.0.1:1",
            "neo4j_connect_timeout_s": 1.0,
            "neo4j_retry_time_s": 0.0,
        }
    )
    driver = open_driver(down)
    try:
        database = Database(driver, "neo4j", Catalogue.load(settings.cypher_dir))
        with pytest.raises(StoreUnavailable):
            await database.read(PING)
        with pytest.raises(StoreUnavailable):
            await database.read_tx(lambda tx: tx.run(PING))
    finally:
        await driver.close()
