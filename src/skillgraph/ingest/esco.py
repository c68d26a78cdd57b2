"""``skillgraph import esco DIR``: validate everything, then upsert in batches by uri."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skillgraph.importers import EscoBundle, EscoTable, FileSummary, parse_esco
from skillgraph.model.ids import NodeType
from skillgraph.store import bulk
from skillgraph.store.bulk import Kind, Tally
from skillgraph.store.database import Database

__all__ = ["EscoImport", "import_esco", "write_esco"]

_ORDER = (
    (EscoTable.SKILLS, Kind.SKILLS),
    (EscoTable.ROLES, Kind.ROLES),
    (EscoTable.BROADER, Kind.BROADER),
    (EscoTable.RELATED, Kind.RELATED),
    (EscoTable.REQUIREMENTS, Kind.REQUIREMENTS),
)


@dataclass(frozen=True)
class EscoImport:
    files: tuple[FileSummary, ...]
    tally: Tally

    def rows_to_write(self) -> int:
        return self.tally.rows()


def total_rows(bundle: EscoBundle) -> int:
    return sum(len(bundle.rows(table)) for table, _ in _ORDER)


async def write_esco(
    db: Database, bundle: EscoBundle, progress: Callable[[Kind, int], None] | None = None
) -> Tally:
    """Check the bundle's references against the graph, then write it (idempotently).

    Raises ImportValidationError, before writing anything, for links to skills or
    occupations that neither the files nor the graph contain.
    """
    skills = await bulk.existing_uris(db, NodeType.SKILL, bundle.external_skill_uris)
    roles = await bulk.existing_uris(db, NodeType.ROLE, bundle.external_role_uris)
    bundle.check_references(skills, roles)
    batches = ((kind, rows) for table, kind in _ORDER for rows in bundle.batches(table, 2000))
    return await bulk.write_stream(db, batches, progress=progress)


async def import_esco(
    db: Database, directory: Path, progress: Callable[[Kind, int], None] | None = None
) -> EscoImport:
    """Parse and validate the whole ESCO folder, then write it. Nothing is written when any
    row is invalid (ImportValidationError lists file and line of each problem). A run that
    was interrupted mid-write completes when run again: every write is an upsert by uri."""
    bundle = parse_esco(directory)
    tally = await write_esco(db, bundle, progress)
    return EscoImport(files=bundle.files, tally=tally)
