"""What gap analysis and planning read: a person's skill evidence, narrower skills."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record

__all__ = ["Evidence", "evidence_of", "narrower", "person_evidence"]

PERSON_EVIDENCE = query("gap/person_evidence")
NARROWER = query("gap/narrower")


@dataclass(frozen=True)
class Evidence:
    """Raw HAS_SKILL rows {skillId, level, source} and EARNED rows {credentialId, status,
    issuedAt, expiresAt, taught: [{skillId, level}]}; the domain decides what counts."""

    declared: tuple[Record, ...]
    awards: tuple[Record, ...]


def evidence_of(row: Record) -> Evidence:
    """The Evidence in a row carrying gap/_evidence's ``declared`` and ``awards``."""
    return Evidence(declared=tuple(row["declared"]), awards=tuple(row["awards"]))


async def person_evidence(db: Database, ids: Sequence[str]) -> dict[str, tuple[Record, Evidence]]:
    """Each person found, as (its record, its evidence). One round trip."""
    rows = await db.read(PERSON_EVIDENCE, {"ids": list(ids), "relevant": None})
    return {row["personId"]: (row["person"], evidence_of(row)) for row in rows}


async def narrower(db: Database, skill_ids: Sequence[str]) -> dict[str, frozenset[str]]:
    """Skills up to two BROADER hops below each given skill."""
    rows = await db.read(NARROWER, {"ids": list(skill_ids)})
    return {row["skillId"]: frozenset(row["narrower"]) for row in rows}
