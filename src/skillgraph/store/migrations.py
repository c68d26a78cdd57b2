"""Schema migrations: numbered, idempotent ``cypher/migrations/NNN_name.cypher`` files.

Applied versions are recorded as ``(:SchemaMigration {version, name, checksum, appliedAt})``.
"""

from __future__ import annotations

from dataclasses import dataclass

from skillgraph.store.cypher import Migration, query
from skillgraph.store.database import Database

__all__ = ["MigrationStatus", "apply_pending", "status"]

SETUP = query("migration/setup")
APPLIED = query("migration/applied")
RECORD = query("migration/record")


@dataclass(frozen=True)
class MigrationStatus:
    applied: tuple[int, ...]
    pending: tuple[Migration, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.pending


async def status(db: Database) -> MigrationStatus:
    rows = await db.read(APPLIED)
    applied = tuple(int(row["version"]) for row in rows)
    pending = tuple(m for m in db.catalogue.migrations if m.version not in set(applied))
    return MigrationStatus(applied=applied, pending=pending)


async def apply_pending(db: Database) -> list[Migration]:
    """Apply every pending migration in version order; returns those applied (maybe none).

    Each statement is schema DDL with IF NOT EXISTS, so re-running a half-applied
    migration is safe; the record is written only after all its statements succeeded.
    """
    await db.write(SETUP)
    done: list[Migration] = []
    for migration in (await status(db)).pending:
        for statement in migration.statements:
            await db.run_raw(statement)
        await db.write(
            RECORD,
            {"version": migration.version, "name": migration.name, "checksum": migration.checksum},
        )
        done.append(migration)
    if done:
        await db.run_raw("CALL db.awaitIndexes(300)")
    return done
