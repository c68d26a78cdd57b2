"""Whole-graph operations: wipe and counts (tests, seeding, the CLI)."""

from __future__ import annotations

from skillgraph.store.cypher import query
from skillgraph.store.database import Database

__all__ = ["counts", "wipe"]

WIPE = query("admin/wipe")
COUNTS = query("admin/counts")


async def wipe(db: Database) -> None:
    """Delete every domain node and relationship; keeps schema and migration records."""
    await db.autocommit(WIPE)


async def counts(db: Database) -> dict[str, int]:
    return {row["label"]: int(row["count"]) for row in await db.read(COUNTS)}
