"""Reads for researchers and type-ahead: related skills, paths, market statistics, search.

Co-occurrence is computed on demand for one skill (one Cypher query over the roles requiring
it, degree counts for the union) and cached in-process per skill, keyed by the requirements
version: the REQUIRES relationship count (O(1) from the count store) plus a token that every
write of role requirements renews in its own transaction (``bump``). Precomputing all pairs
would store millions of rows (a popular skill co-occurs with most others) and need the same
invalidation; on demand it is ~0.1-0.3 s for the most common skill at full ESCO scale, then
cached until requirements change.

Market statistics need every person's holdings, too slow per request at 100k people, so they
are precomputed onto Skill nodes by ``refresh_stats`` (after imports and seeding, and by
``skillgraph stats refresh``); each carries ``statsComputedAt``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = [
    "CooccurrenceCache",
    "MarketOrder",
    "SearchType",
    "bump",
    "linked",
    "market_count",
    "market_page",
    "neighbours",
    "refresh_stats",
    "search",
    "stats_now",
]

BUMP = query("insight/bump")
VERSION = query("insight/version")
LINKED = query("insight/linked")
COOCCURRENCE = query("insight/cooccurrence")
NEIGHBOURS = query("insight/neighbours")
REFRESH = query("insight/refresh_stats")
STATS_ONE = query("insight/stats_one")
MARKET = query("insight/market")
MARKET_COUNT = query("insight/market_count")
SEARCH = query("insight/search")


class MarketOrder(StrEnum):
    DEMAND = "DEMAND"
    SUPPLY = "SUPPLY"
    SCARCITY = "SCARCITY"
    CREDENTIALS = "CREDENTIALS"
    RISING = "RISING"
    FALLING = "FALLING"
    OVERSUPPLIED = "OVERSUPPLIED"
    UNDERSUPPLIED = "UNDERSUPPLIED"


class SearchType(StrEnum):
    SKILL = "SKILL"
    CREDENTIAL = "CREDENTIAL"
    ROLE = "ROLE"
    PROVIDER = "PROVIDER"

    @property
    def index_name(self) -> str:
        return f"{self.value.lower()}_text"


async def bump(tx: Transaction) -> None:
    """Call in every transaction that changes role requirements."""
    await tx.run(BUMP)


async def linked(db: Database, skill_id: str) -> list[Record]:
    return await db.read(LINKED, {"id": skill_id})


@dataclass
class CooccurrenceCache:
    """LRU of co-occurrence rows per (skill, requirements version)."""

    size: int = 2048

    def __post_init__(self) -> None:
        self._rows: OrderedDict[tuple[str, int, int, Any], list[Record]] = OrderedDict()

    async def rows(self, db: Database, skill_id: str, limit: int) -> list[Record]:
        version = (await db.read(VERSION))[0]
        key = (skill_id, limit, int(version["requires"]), version["token"])
        if key in self._rows:
            self._rows.move_to_end(key)
            return self._rows[key]
        rows = await db.read(COOCCURRENCE, {"id": skill_id, "limit": limit})
        self._rows[key] = rows
        while len(self._rows) > self.size:
            self._rows.popitem(last=False)
        return rows


async def neighbours(db: Database, ids: Sequence[str]) -> list[Record]:
    """One BFS level: rows {from, next, kind, via}."""
    return await db.read(NEIGHBOURS, {"ids": list(ids)})


async def refresh_stats(db: Database) -> None:
    await db.autocommit(REFRESH)


async def stats_now(db: Database, skill_ids: Sequence[str]) -> dict[str, Record]:
    """Statistics computed now for each skill id (one round trip)."""
    rows = await db.read(STATS_ONE, {"ids": list(skill_ids)})
    return {row["id"]: row for row in rows}


async def market_page(
    db: Database,
    *,
    order: MarketOrder,
    text: str | None,
    skill_type: str | None,
    after: tuple[float, str] | None,
    limit: int,
) -> list[tuple[float, Record]]:
    rows = await db.read(
        MARKET,
        {
            "order": order.value,
            "text": text,
            "type": skill_type,
            "afterKey": after[0] if after else None,
            "afterId": after[1] if after else None,
            "limit": limit,
        },
    )
    return [(float(row["key"]), row["skill"]) for row in rows]


async def market_count(db: Database, *, text: str | None, skill_type: str | None) -> int:
    rows = await db.read(MARKET_COUNT, {"text": text, "type": skill_type})
    return int(rows[0]["total"]) if rows else 0


async def search(
    db: Database, text: str, types: Sequence[SearchType], limit: int
) -> list[tuple[SearchType, Record, float]]:
    by_index = {t.index_name: t for t in types}
    rows = await db.read(SEARCH, {"indexes": sorted(by_index), "text": text, "limit": limit})
    return [(by_index[row["index"]], row["node"], float(row["score"])) for row in rows]
