"""Skill embeddings in Neo4j's vector index: computed, found by similarity, recomputed when
labels change, removed with their skill (orphans never found, then pruned)."""

from __future__ import annotations

import pytest

from skillgraph.extraction.embedder import OnnxEmbedder, shared_embedder
from skillgraph.ingest.embeddings import refresh_embeddings
from skillgraph.model.ids import NodeType
from skillgraph.settings import Settings
from skillgraph.store import extraction, nodes
from skillgraph.store.database import Database
from skillgraph.store.specs import SPECS

pytestmark = pytest.mark.integration

SKILLS = {
    "skill_py": ("Python (computer programming)", ["Python"]),
    "skill_db": ("manage databases", ["database administration"]),
    "skill_ux": ("design user interfaces", ["UI design"]),
}


@pytest.fixture(scope="module")
def embedder() -> OnnxEmbedder:
    return shared_embedder(Settings(_env_file=None))


async def create(db: Database, skill_id: str, name: str, alt: list[str]) -> None:
    await nodes.create(
        db, SPECS[NodeType.SKILL], {"name": name, "altLabels": alt}, node_id=skill_id, uri=None
    )


async def nearest(db: Database, embedder: OnnxEmbedder, text: str) -> list[str]:
    found = await extraction.lookup(db, embedder.model_id, embedder.embed([text]), 3)
    return [skill for _, skill, _ in sorted(found.hits, key=lambda h: -h[2])]


async def test_the_vector_index_finds_the_nearest_skill(
    db: Database, embedder: OnnxEmbedder
) -> None:
    for skill_id, (name, alt) in SKILLS.items():
        await create(db, skill_id, name, alt)
    done = await refresh_embeddings(db, embedder)
    assert (done.computed, done.unchanged) == (3, 0)
    assert (await nearest(db, embedder, "we write Python code"))[0] == "skill_py"
    assert (await nearest(db, embedder, "administer SQL databases"))[0] == "skill_db"
    found = await extraction.lookup(db, embedder.model_id, embedder.embed(["Python"]), 3)
    assert found.hits
    assert all(i == 0 and -1.0 <= cosine <= 1.0 for i, _, cosine in found.hits)
    assert found.version[0] == 3
    assert found.embedded


async def test_only_changed_labels_are_recomputed(db: Database, embedder: OnnxEmbedder) -> None:
    for skill_id, (name, alt) in SKILLS.items():
        await create(db, skill_id, name, alt)
    await refresh_embeddings(db, embedder)
    assert (await refresh_embeddings(db, embedder)).computed == 0
    await nodes.update(
        db, SPECS[NodeType.SKILL], "skill_ux", {"name": "bake bread", "altLabels": ["baking"]}
    )
    again = await refresh_embeddings(db, embedder)
    assert (again.computed, again.unchanged) == (1, 2)
    assert (await nearest(db, embedder, "baking sourdough bread"))[0] == "skill_ux"


async def test_a_deleted_skill_takes_its_embedding_along(
    db: Database, embedder: OnnxEmbedder
) -> None:
    for skill_id, (name, alt) in SKILLS.items():
        await create(db, skill_id, name, alt)
    await refresh_embeddings(db, embedder)
    await nodes.delete(db, SPECS[NodeType.SKILL], "skill_py", cascade=True)
    rows = await db.run_raw("MATCH (e:SkillEmbedding) RETURN e.skillId AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["skill_db", "skill_ux"]


async def test_orphan_embeddings_are_never_found_and_are_pruned(
    db: Database, embedder: OnnxEmbedder
) -> None:
    for skill_id, (name, alt) in SKILLS.items():
        await create(db, skill_id, name, alt)
    await refresh_embeddings(db, embedder)
    await db.run_raw("MATCH (s:Skill {id: 'skill_py'}) DETACH DELETE s")  # not through the API
    assert "skill_py" not in await nearest(db, embedder, "Python")
    assert (await refresh_embeddings(db, embedder)).removed == 1


async def test_embeddings_of_another_model_are_ignored(
    db: Database, embedder: OnnxEmbedder
) -> None:
    await create(db, "skill_py", *SKILLS["skill_py"])
    await refresh_embeddings(db, embedder)
    found = await extraction.lookup(db, "another-model", embedder.embed(["Python"]), 3)
    assert found.hits == []
    assert not found.embedded
