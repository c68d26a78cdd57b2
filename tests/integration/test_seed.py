from __future__ import annotations

from skillgraph.ingest.seed import is_empty, seed_demo, seed_synthetic
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.seed import DEMO_PERSON_URI, DEMO_POSTING_URI
from skillgraph.store import admin
from skillgraph.store.bulk import Kind
from skillgraph.store.database import Database


async def test_the_demo_is_esco_ict_plus_its_catalogue(db: Database) -> None:
    assert await is_empty(db)
    await seed_demo(db)
    counts = await admin.counts(db)
    assert counts["Skill"] == 1089
    assert counts["Role"] == 91 + 50
    assert counts["Credential"] == 400
    assert counts["Person"] == 500
    assert 20 <= counts["Provider"] <= 30
    assert not await is_empty(db)


async def test_seeding_the_demo_twice_finds_every_row_unchanged(db: Database) -> None:
    await seed_demo(db)
    before = await admin.counts(db)
    stamp = "MATCH (n) RETURN max(n.updatedAt) AS latest"
    latest = await db.run_raw(stamp)
    again = await seed_demo(db)
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0
    assert again.unchanged[Kind.PEOPLE] == 500
    assert again.unchanged[Kind.CREDENTIALS] == 400
    assert await admin.counts(db) == before
    assert await db.run_raw(stamp) == latest


async def test_imported_ids_follow_from_uris(db: Database) -> None:
    await seed_demo(db)
    rows = await db.run_raw(
        "MATCH (p:Person {uri: $p}), (r:Role {uri: $r}) RETURN p.id AS p, r.id AS r",
        {"p": DEMO_PERSON_URI, "r": DEMO_POSTING_URI},
    )
    assert rows == [
        {
            "p": id_for_uri(NodeType.PERSON, DEMO_PERSON_URI),
            "r": id_for_uri(NodeType.ROLE, DEMO_POSTING_URI),
        }
    ]


async def test_a_small_synthetic_graph_has_the_scaled_counts(db: Database) -> None:
    await seed_synthetic(db, 0.002)
    counts = await admin.counts(db)
    assert counts == {
        "Credential": 20,
        "Person": 200,
        "Provider": 1,
        "Role": 6 + 10,
        "Skill": 28,
    }
