from __future__ import annotations

from skillgraph.store import migrations
from skillgraph.store.database import Database


async def test_every_migration_is_recorded_and_a_second_run_changes_nothing(db: Database) -> None:
    await migrations.apply_pending(db)
    state = await migrations.status(db)
    assert state.up_to_date
    assert state.applied == tuple(m.version for m in db.catalogue.migrations)
    assert await migrations.apply_pending(db) == []


async def test_constraints_cover_id_and_uri_of_every_label(db: Database) -> None:
    rows = await db.run_raw(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS prop"
    )
    present = {(row["label"], row["prop"]) for row in rows}
    for label in ["Skill", "Credential", "Provider", "Role", "Person"]:
        assert (label, "id") in present
        assert (label, "uri") in present


async def test_fulltext_indexes_exist_and_are_online(db: Database) -> None:
    rows = await db.run_raw(
        "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name, state"
    )
    states = {row["name"]: row["state"] for row in rows}
    assert states == {
        "skill_text": "ONLINE",
        "credential_text": "ONLINE",
        "role_text": "ONLINE",
        "provider_text": "ONLINE",
    }


async def test_a_half_applied_migration_completes_when_run_again(db: Database) -> None:
    last = db.catalogue.migrations[-1]
    await db.run_raw("MATCH (m:SchemaMigration {version: $v}) DELETE m", {"v": last.version})
    assert [m.version for m in (await migrations.status(db)).pending] == [last.version]
    applied = await migrations.apply_pending(db)
    assert [m.version for m in applied] == [last.version]
    assert (await migrations.status(db)).up_to_date
