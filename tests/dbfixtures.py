"""Fixtures for tests that need the real Neo4j (imported by integration and e2e conftests)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from skillgraph.settings import Settings
from skillgraph.store import admin, migrations
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver

__all__ = ["clean_graph", "db", "settings"]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
async def db(settings: Settings) -> AsyncIterator[Database]:
    driver = open_driver(settings)
    await driver.verify_connectivity()
    database = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
    await migrations.apply_pending(database)
    yield database
    await driver.close()


@pytest.fixture(autouse=True)
async def clean_graph(db: Database) -> AsyncIterator[None]:
    """Every test starts from an empty graph (schema and migrations kept), and leaves every
    node's ``sortKey`` equal to its lower-cased name or title, and every credential with a
    ``valueScore``, whatever path wrote them: lists are ordered by them, so a write that
    forgets one fails the test that made it."""
    await admin.wipe(db)
    yield
    stale = await admin.stale_sort_keys(db)
    assert not stale, f"nodes whose sortKey is not their lower-cased name: {stale}"
    unscored = await admin.unscored_credentials(db)
    assert not unscored, f"credentials without valueScore: {unscored}"
