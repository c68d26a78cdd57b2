"""Whole-graph operations: wipe and counts (tests, seeding, the CLI)."""

from __future__ import annotations

from skillgraph.store.cypher import query
from skillgraph.store.database import Database

__all__ = ["counts", "stale_sort_keys", "unscored_credentials", "wipe"]

WIPE = query("admin/wipe")
STALE_SORT_KEYS = query("admin/stale_sort_keys")
COUNTS = query("admin/counts")
UNSCORED = query("admin/unscored")


async def wipe(db: Database) -> None:
    """Delete every domain node and relationship; keeps schema and migration records."""
    await db.autocommit(WIPE)


async def counts(db: Database) -> dict[str, int]:
    return {row["label"]: int(row["count"]) for row in await db.read(COUNTS)}


async def stale_sort_keys(db: Database, limit: int = 10) -> list[str]:
    """Ids of nodes whose ``sortKey`` is not their lower-cased name or title (at most
    ``limit``); every write must keep it, because lists are ordered by it."""
    rows = await db.read(STALE_SORT_KEYS, {"limit": limit})
    return [row["id"] for row in rows]


async def unscored_credentials(db: Database, limit: int = 10) -> list[str]:
    """Ids of credentials without ``valueScore`` (at most ``limit``); every credential write
    must set it, because ``credentials(orderBy: VALUE)`` reads its index."""
    rows = await db.read(UNSCORED, {"limit": limit})
    return [row["id"] for row in rows]
