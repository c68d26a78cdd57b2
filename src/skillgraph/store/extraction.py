"""Neo4j access for skill extraction: labels for the lexicon, skill embeddings and their
vector index, the hierarchy, and writing extracted links (one transaction with the node)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from skillgraph.store import explore, signals
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = [
    "EmbeddingState",
    "Extracted",
    "Lookup",
    "drop_skill_embedding",
    "embedding_state",
    "hierarchy",
    "labels",
    "lookup",
    "prune_embeddings",
    "version",
    "write_embeddings",
    "write_person_skills",
    "write_requirements",
    "write_skill_embedding",
    "write_teaches",
]

LABELS = query("extraction/labels")
VERSION = query("extraction/version")
STATE = query("extraction/embedding_state")
WRITE = query("extraction/embedding_write")
PRUNE = query("extraction/embedding_prune")
LOOKUP = query("extraction/lookup")
SKILL_EMBEDDING = query("extraction/skill_embedding_write")
SKILL_EMBEDDING_DROP = query("extraction/skill_embedding_drop")
HIERARCHY = query("extraction/hierarchy")
REQUIREMENTS = query("extraction/write_requirements")
TEACHES = query("extraction/write_teaches")
PERSON_SKILLS = query("extraction/write_person_skills")


class _Quiet(list[Any]):
    """A list parameter holding vectors. The driver formats every query's parameters for a
    debug log line even when debug logging is off (neo4j 6.4, ``AsyncBolt5x5.run``): the
    repr of 384 floats costs ~0.2 ms per vector, more than the rest of an extraction's round
    trip. This repr is short; the driver packs it as the list it is."""

    def __repr__(self) -> str:
        return f"<list of {len(self)}>"


@dataclass(frozen=True, slots=True)
class EmbeddingState:
    skill_id: str
    name: str
    alt_labels: tuple[str, ...]
    description: str | None
    key: str | None


@dataclass(frozen=True, slots=True)
class Lookup:
    """What one extraction reads: the lexicon's ``version`` (skills, latest change), the
    ``hits`` (passage index, skill id, cosine) and whether any embedding of the model is
    stored (false only when vectors were sent and none is)."""

    version: tuple[int, str | None]
    hits: list[tuple[int, str, float]]
    embedded: bool


@dataclass(frozen=True, slots=True)
class Extracted:
    """One extracted link to write: ``evidence`` as "KIND start-end" strings."""

    skill_id: str
    confidence: float
    level: int
    importance: str
    evidence: tuple[str, ...]

    def row(self) -> dict[str, Any]:
        return {
            "skillId": self.skill_id,
            "confidence": self.confidence,
            "level": self.level,
            "importance": self.importance,
            "evidence": list(self.evidence),
        }


async def labels(db: Database) -> list[Record]:
    return await db.read(LABELS)


async def version(db: Database) -> tuple[int, str | None]:
    rows = await db.read(VERSION)
    return int(rows[0]["skills"]), rows[0]["latest"]


async def embedding_state(
    db: Database, skill_ids: Sequence[str] | None = None
) -> list[EmbeddingState]:
    """Every skill's embedding state, or only those of ``skill_ids``."""
    rows = await db.read(STATE, {"ids": None if skill_ids is None else list(skill_ids)})
    return [
        EmbeddingState(r["id"], r["name"], tuple(r["altLabels"]), r["description"], r["key"])
        for r in rows
    ]


async def write_embeddings(db: Database, model: str, rows: Sequence[dict[str, Any]]) -> int:
    """``rows``: {id, key, vector}; returns how many were written (skills deleted meanwhile
    are skipped)."""
    result = await db.write(WRITE, {"rows": _Quiet(rows), "model": model})
    return int(result[0]["written"]) if result else 0


async def prune_embeddings(db: Database, model: str) -> int:
    result = await db.write(PRUNE, {"model": model})
    return int(result[0]["removed"]) if result else 0


async def lookup(
    db: Database,
    model: str,
    vectors: Sequence[Sequence[float]],
    k: int,
    floor: float = -1.0,
    keep: int | None = None,
) -> Lookup:
    """One round trip: the lexicon's version and, for each vector, the nearest of the ``k``
    skills the (approximate) vector index returns, with a cosine of at least ``floor``, best
    first, at most ``keep`` (default ``k``)."""
    rows = await db.read(
        LOOKUP,
        {
            "vectors": _Quiet(list(v) for v in vectors),
            "k": k,
            "keep": k if keep is None else keep,
            "model": model,
            "floor": (1.0 + floor) / 2.0,
        },
    )
    row = rows[0]
    hits = [(int(i), str(skill), float(cosine)) for i, skill, cosine in row["hits"]]
    return Lookup((int(row["skills"]), row["latest"]), hits, bool(row["embedded"]))


async def write_skill_embedding(
    tx: Transaction,
    skill_id: str,
    *,
    model: str,
    key: str,
    vector: Sequence[float],
    name: str,
    alt_labels: Sequence[str],
) -> None:
    """In the skill's own write: store its embedding, computed from ``name`` and
    ``alt_labels``; when the skill's labels are no longer those (a concurrent change), its
    embedding is removed instead, for the next refresh to recompute."""
    await tx.run(
        SKILL_EMBEDDING,
        {
            "id": skill_id,
            "model": model,
            "key": key,
            "vector": _Quiet(vector),
            "name": name,
            "altLabels": list(alt_labels),
        },
    )


async def drop_skill_embedding(tx: Transaction, skill_id: str) -> None:
    """In the skill's own write: remove its embedding (its labels changed and no model is
    available to recompute it)."""
    await tx.run(SKILL_EMBEDDING_DROP, {"id": skill_id})


async def hierarchy(db: Database, ids: Sequence[str]) -> dict[str, tuple[list[str], list[str]]]:
    """skill id -> (broader ids, narrower ids), one hop each."""
    if not ids:
        return {}
    rows = await db.read(HIERARCHY, {"ids": list(ids)})
    return {r["id"]: (list(r["broader"]), list(r["narrower"])) for r in rows}


async def write_requirements(tx: Transaction, role_id: str, found: Sequence[Extracted]) -> None:
    await tx.run(REQUIREMENTS, {"id": role_id, "rows": [f.row() for f in found]})
    await explore.bump(tx)
    await signals.touch(tx)


async def write_teaches(tx: Transaction, credential_id: str, found: Sequence[Extracted]) -> None:
    await tx.run(TEACHES, {"id": credential_id, "rows": [f.row() for f in found]})
    await signals.touch(tx)


async def write_person_skills(db: Database, person_id: str, found: Sequence[Extracted]) -> int:
    async def work(tx: Transaction) -> int:
        rows = await tx.run(PERSON_SKILLS, {"id": person_id, "rows": [f.row() for f in found]})
        await signals.touch(tx)
        return int(rows[0]["linked"]) if rows else 0

    return await db.write_tx(work)
