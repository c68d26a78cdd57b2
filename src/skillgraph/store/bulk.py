"""Bulk upserts keyed by uri, in batched ``UNWIND`` transactions (importers and seeders).

Every write is idempotent: running the same rows again changes no counts, and a row whose
values are already in the graph is ``unchanged`` (its ``updatedAt`` stays). Rows must be
validated (and their references checked) before they get here; a batch whose rows do not
all land raises, because that means a reference went missing between check and write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.store import explore, signals
from skillgraph.store.cypher import Query, query
from skillgraph.store.database import Database, Transaction

__all__ = [
    "BATCH_SIZE",
    "BulkError",
    "Kind",
    "Tally",
    "existing_uris",
    "with_ids",
    "write",
    "write_stream",
]

BATCH_SIZE = 2000
EXISTING = query("bulk/existing")


class Kind(StrEnum):
    """What a batch of rows is; members are listed in a safe write order."""

    SKILLS = "skills"
    ROLES = "roles"
    PROVIDERS = "providers"
    CREDENTIALS = "credentials"
    PEOPLE = "people"
    BROADER = "broader"
    RELATED = "related"
    SPECIALIZES = "specializes"
    REQUIREMENTS = "requirements"
    TEACHES = "teaches"
    PREREQUISITES = "prerequisites"
    ENDORSEMENTS = "endorsements"
    PERSON_SKILLS = "person_skills"
    AWARDS = "awards"
    TARGETS = "targets"
    HOLDS = "holds"


_QUERIES: dict[Kind, Query] = {kind: query(f"bulk/{kind.value}") for kind in Kind}


class BulkError(RuntimeError):
    """Rows did not all land: a referenced node is missing."""


@dataclass
class Tally:
    """Rows per kind that created a node or link, changed one, or found it as it was."""

    created: dict[Kind, int] = field(default_factory=dict)
    updated: dict[Kind, int] = field(default_factory=dict)
    unchanged: dict[Kind, int] = field(default_factory=dict)

    def add(self, kind: Kind, created: int, updated: int, total: int) -> None:
        self.created[kind] = self.created.get(kind, 0) + created
        self.updated[kind] = self.updated.get(kind, 0) + updated
        self.unchanged[kind] = self.unchanged.get(kind, 0) + total - created - updated

    def merge(self, other: Tally) -> None:
        for kind in other.kinds():
            created, updated = other.created.get(kind, 0), other.updated.get(kind, 0)
            total = created + updated + other.unchanged.get(kind, 0)
            self.add(kind, created, updated, total)

    def kinds(self) -> list[Kind]:
        """The kinds written, in write order."""
        return [kind for kind in Kind if kind in self.created]

    def rows(self) -> int:
        return (
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())
        )


_NODE_TYPES = {
    Kind.SKILLS: NodeType.SKILL,
    Kind.ROLES: NodeType.ROLE,
    Kind.PROVIDERS: NodeType.PROVIDER,
    Kind.CREDENTIALS: NodeType.CREDENTIAL,
    Kind.PEOPLE: NodeType.PERSON,
}


def with_ids(node_type: NodeType, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the ``id`` a new node gets: derived from its uri, so re-imports into any
    database give the same ids (existing nodes keep theirs)."""
    return [{**row, "id": id_for_uri(node_type, row["uri"])} for row in rows]


async def write(db: Database, kind: Kind, rows: Sequence[dict[str, Any]]) -> tuple[int, int, int]:
    """Write one batch in one transaction. Returns (created, updated, total)."""
    node_type = _NODE_TYPES.get(kind)
    if node_type is not None:
        rows = with_ids(node_type, rows)

    async def work(tx: Transaction) -> tuple[int, int, int]:
        result = await tx.run(_QUERIES[kind], {"rows": list(rows)})
        created = int(result[0]["created"] or 0) if result else 0
        updated = int(result[0]["updated"] or 0) if result else 0
        total = int(result[0]["total"] or 0) if result else 0
        if total != len(rows):
            raise BulkError(
                f"{len(rows) - total} of {len(rows)} {kind.value} rows reference a missing node"
            )
        if kind is Kind.REQUIREMENTS and created + updated:
            await explore.bump(tx)
        if created + updated:
            await signals.touch(tx)
        return created, updated, total

    return await db.write_tx(work)


async def write_stream(
    db: Database,
    batches: Iterable[tuple[Kind, Sequence[dict[str, Any]]]],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Kind, int], None] | None = None,
) -> Tally:
    """Write every batch (split to ``batch_size``) in order; ``progress(kind, rows)`` after each."""
    tally = Tally()
    for kind, rows in batches:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            created, updated, total = await write(db, kind, chunk)
            tally.add(kind, created, updated, total)
            if progress is not None:
                progress(kind, len(chunk))
    return tally


async def existing_uris(db: Database, node_type: NodeType, uris: Iterable[str]) -> set[str]:
    """The subset of ``uris`` that exist as nodes of ``node_type``."""
    wanted = list(dict.fromkeys(uris))
    found: set[str] = set()
    for start in range(0, len(wanted), 10_000):
        rows = await db.read(
            EXISTING.bind(label=node_type), {"uris": wanted[start : start + 10_000]}
        )
        found.update(rows[0]["found"] if rows else [])
    return found
