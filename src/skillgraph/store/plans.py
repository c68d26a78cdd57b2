"""What planning reads: candidate credentials, found by following prerequisites."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record

__all__ = ["MAX_PREREQUISITE_DEPTH", "CandidateFilter", "candidates", "main_currency"]

CANDIDATES = query("plan/candidates")
MAIN_CURRENCY = query("plan/main_currency")
MAX_PREREQUISITE_DEPTH = 6


@dataclass(frozen=True)
class CandidateFilter:
    currency: str
    exclude: frozenset[str] = frozenset()
    formats: tuple[str, ...] | None = None
    providers: tuple[str, ...] | None = None
    require_accredited: bool = False
    require_endorsed: bool = False


async def main_currency(db: Database) -> str | None:
    rows = await db.read(MAIN_CURRENCY)
    return str(rows[0]["currency"]) if rows else None


async def candidates(
    db: Database, skills: Collection[str], held: dict[str, int], where: CandidateFilter
) -> list[Record]:
    """Credentials teaching ``skills``, then those teaching the prerequisites (not already
    ``held`` at the level) of what was found, and so on, up to MAX_PREREQUISITE_DEPTH rounds:
    one round trip per round. Rows: {id, cost, currency, hours, teaches, requires}."""
    found: dict[str, Record] = {}
    wanted = set(skills)
    asked: set[str] = set()
    for _ in range(MAX_PREREQUISITE_DEPTH + 1):
        todo = sorted(wanted - asked)
        if not todo:
            break
        asked.update(todo)
        rows = await db.read(
            CANDIDATES,
            {
                "skills": todo,
                "exclude": sorted(where.exclude),
                "currency": where.currency,
                "formats": list(where.formats) if where.formats is not None else None,
                "providers": list(where.providers) if where.providers is not None else None,
                "requireAccredited": where.require_accredited,
                "requireEndorsed": where.require_endorsed,
            },
        )
        for row in rows:
            if row["id"] in found:
                continue
            found[row["id"]] = row
            for need in row["requires"]:
                if held.get(need["skillId"], 0) < need["level"]:
                    wanted.add(need["skillId"])
    return [found[key] for key in sorted(found)]
