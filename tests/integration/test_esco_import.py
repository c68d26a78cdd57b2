from __future__ import annotations

from pathlib import Path

import pytest

from skillgraph.importers import (
    EscoTable,
    ImportValidationError,
    bundled_esco_ict_path,
    parse_esco,
)
from skillgraph.ingest.esco import import_esco, write_esco
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.store import admin, bulk
from skillgraph.store.bulk import Kind
from skillgraph.store.database import Database
from tests.unit.importers import factories as f


async def rel_counts(db: Database) -> dict[str, int]:
    rows = await db.run_raw("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return {row["type"]: int(row["n"]) for row in rows}


async def test_the_real_ict_subset_imports_with_its_counts(db: Database) -> None:
    result = await import_esco(db, bundled_esco_ict_path())
    assert await admin.counts(db) == {"Role": 91, "Skill": 1089}
    assert await rel_counts(db) == {"REQUIRES": 1772}
    assert result.tally.created == {Kind.SKILLS: 1089, Kind.ROLES: 91, Kind.REQUIREMENTS: 1772}
    rows = await db.run_raw(
        "MATCH (s:Skill) WHERE s.type IS NULL OR NOT s.id STARTS WITH 'skill_' RETURN count(*) AS n"
    )
    assert rows[0]["n"] == 0


async def stamps(db: Database) -> list[dict[str, object]]:
    return await db.run_raw(
        "MATCH (n) WHERE n:Skill OR n:Role "
        "RETURN n.id AS id, n.createdAt AS created, n.updatedAt AS updated ORDER BY id"
    )


async def link_stamps(db: Database) -> list[dict[str, object]]:
    return await db.run_raw(
        "MATCH (a)-[r:REQUIRES]->(b) "
        "RETURN a.id AS a, b.id AS b, r.updatedAt AS updated ORDER BY a, b"
    )


async def test_importing_twice_finds_every_row_unchanged_and_keeps_ids_and_timestamps(
    db: Database,
) -> None:
    await import_esco(db, bundled_esco_ict_path())
    nodes, links = await stamps(db), await link_stamps(db)
    again = await import_esco(db, bundled_esco_ict_path())
    assert again.tally.created == {Kind.SKILLS: 0, Kind.ROLES: 0, Kind.REQUIREMENTS: 0}
    assert again.tally.updated == {Kind.SKILLS: 0, Kind.ROLES: 0, Kind.REQUIREMENTS: 0}
    assert again.tally.unchanged == {Kind.SKILLS: 1089, Kind.ROLES: 91, Kind.REQUIREMENTS: 1772}
    assert await admin.counts(db) == {"Role": 91, "Skill": 1089}
    assert await rel_counts(db) == {"REQUIRES": 1772}
    assert await stamps(db) == nodes
    assert await link_stamps(db) == links


async def test_a_changed_row_is_updated_and_only_it_gets_a_new_timestamp(
    db: Database, tmp_path: Path
) -> None:
    await import_esco(db, f.write_esco(tmp_path / "a", skills=[f.skill(1), f.skill(2)]))
    before = {row["id"]: row for row in await stamps(db)}
    changed = f.write_esco(
        tmp_path / "b", skills=[f.skill(1), f.skill(2, description="A new description.")]
    )
    again = await import_esco(db, changed)
    assert (again.tally.updated[Kind.SKILLS], again.tally.unchanged[Kind.SKILLS]) == (1, 1)
    after = {row["id"]: row for row in await stamps(db)}
    moved = {i for i in after if after[i]["updated"] != before[i]["updated"]}
    assert moved == {id_for_uri(NodeType.SKILL, f.skill_uri(2))}
    assert all(after[i]["created"] == before[i]["created"] for i in after)


async def test_optional_files_become_broader_and_related_links(
    db: Database, tmp_path: Path
) -> None:
    folder = f.write_esco(
        tmp_path,
        skills=[f.skill(1), f.skill(2), f.skill(3)],
        broader_rows=[f.broader(2, 1)],
        related_rows=[f.related(2, 3)],
    )
    await import_esco(db, folder)
    counts = await rel_counts(db)
    assert counts == {"REQUIRES": 2, "BROADER": 1, "RELATED": 1}
    rows = await db.run_raw(
        "MATCH (a:Skill)-[r:RELATED]->(b:Skill) RETURN a.uri AS a, b.uri AS b, r.relationType AS t"
    )
    assert rows == [{"a": f.skill_uri(2), "b": f.skill_uri(3), "t": "OPTIONAL"}]


async def test_a_bad_row_writes_nothing_and_names_file_and_line(
    db: Database, tmp_path: Path
) -> None:
    folder = f.write_esco(tmp_path, skills=[f.skill(1), f.skill(2, skillType="talent")])
    with pytest.raises(ImportValidationError) as info:
        await import_esco(db, folder)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("skills_en.csv", 3)
    assert await admin.counts(db) == {}


async def test_a_link_to_an_unknown_skill_writes_nothing(db: Database, tmp_path: Path) -> None:
    folder = f.write_esco(tmp_path, relations=[f.relation(1, 1), f.relation(1, 99)])
    with pytest.raises(ImportValidationError, match=r"occupationSkillRelations_en\.csv"):
        await import_esco(db, folder)
    assert await admin.counts(db) == {}


async def test_a_link_to_a_skill_already_in_the_graph_is_accepted(
    db: Database, tmp_path: Path
) -> None:
    await import_esco(db, f.write_esco(tmp_path / "first", skills=[f.skill(1), f.skill(2)]))
    second = f.write_esco(
        tmp_path / "second",
        skills=[f.skill(3)],
        occupations=[f.occupation(2)],
        relations=[f.relation(2, 1), f.relation(2, 3)],
    )
    await import_esco(db, second)
    assert await admin.counts(db) == {"Role": 2, "Skill": 3}
    assert (await rel_counts(db))["REQUIRES"] == 4


async def test_an_interrupted_import_completes_when_run_again(db: Database) -> None:
    bundle = parse_esco(bundled_esco_ict_path())
    # As if the process died after the skills and half the roles were written.
    await bulk.write(db, Kind.SKILLS, bundle.rows(EscoTable.SKILLS)[:1000])
    await bulk.write(db, Kind.ROLES, bundle.rows(EscoTable.ROLES)[:40])
    await write_esco(db, bundle)
    assert await admin.counts(db) == {"Role": 91, "Skill": 1089}
    assert await rel_counts(db) == {"REQUIRES": 1772}
