"""A skill mutation keeps the skill's embedding in step with its labels, in its own
transaction, and never loads the model when the labels do not change."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterator, Sequence

import httpx
import pytest

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.extraction.embedder import DIMENSIONS, model_id
from skillgraph.ingest.embeddings import embedding_key, embedding_text
from skillgraph.settings import Settings
from skillgraph.store import extraction
from skillgraph.store.database import Database
from tests.e2e.conftest import Api, RunningServer, _running

pytestmark = pytest.mark.e2e

UPSERT = """mutation($input: CreateSkillInput!) {
  upsertSkill(uri: "https://skills.example.org/kafka", input: $input) { id name altLabels } }"""
KAFKA = {"id": "skill_kafka", "name": "Apache Kafka", "altLabels": ["Kafka"], "type": "KNOWLEDGE"}


@pytest.fixture
def fresh(settings: Settings) -> Iterator[RunningServer]:
    """An app of its own, whose extractor has loaded nothing yet."""
    yield from _running(settings)


@pytest.fixture
async def fresh_api(fresh: RunningServer, admin_key: str) -> AsyncIterator[Api]:
    headers = {"authorization": f"Bearer {admin_key}"}
    async with httpx.AsyncClient(base_url=fresh.url, timeout=60, headers=headers) as client:
        yield Api(client=client, server=fresh)


async def stored_key(db: Database, skill_id: str) -> str | None:
    state = await extraction.embedding_state(db, [skill_id])
    return state[0].key if state else None


def expected_key(settings: Settings, name: str, alt: Sequence[str]) -> str:
    return embedding_key(model_id(settings), embedding_text(name, alt))


async def test_an_unchanged_upsert_never_loads_the_model(
    api: Api, fresh_api: Api, fresh: RunningServer, db: Database, settings: Settings
) -> None:
    await api.data(UPSERT, {"input": KAFKA})  # another app writes the skill and its embedding
    key = await stored_key(db, "skill_kafka")
    assert key == expected_key(settings, "Apache Kafka", ["Kafka"])
    service: SkillExtractor = fresh.app.state.extractor

    same = {**KAFKA, "description": "A distributed event log."}
    await fresh_api.data(UPSERT, {"input": same})
    await fresh_api.data(
        'mutation { updateSkill(id: "skill_kafka", input: {description: "Event streaming."}) '
        "{ id } }"
    )
    assert service.model_loads == 0
    assert await stored_key(db, "skill_kafka") == key

    renamed = {**KAFKA, "altLabels": ["Kafka", "Kafka Streams"]}
    await fresh_api.data(UPSERT, {"input": renamed})
    assert service.model_loads == 1
    assert await stored_key(db, "skill_kafka") == expected_key(
        settings, "Apache Kafka", ["Kafka", "Kafka Streams"]
    )


class BrokenModel:
    """A model that answers with NaN: Neo4j refuses to store such a vector."""

    model_id = "broken"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[math.nan] * DIMENSIONS for _ in texts]


async def test_a_failed_write_leaves_neither_node_nor_embedding(
    fresh_api: Api, fresh: RunningServer, db: Database, settings: Settings
) -> None:
    fresh.app.state.extractor = SkillExtractor(settings, BrokenModel())
    body = await fresh_api.post(UPSERT, {"input": KAFKA})
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL"
    missing = await fresh_api.error('{ skill(id: "skill_kafka") { id } }')
    assert missing["extensions"]["code"] == "NOT_FOUND"
    assert await extraction.embedding_state(db, ["skill_kafka"]) == []
    assert (await extraction.lookup(db, "broken", [[1.0] * DIMENSIONS], 5)).embedded is False


async def test_a_failed_label_change_keeps_the_old_labels_and_embedding(
    api: Api, fresh_api: Api, fresh: RunningServer, db: Database, settings: Settings
) -> None:
    await api.data(UPSERT, {"input": KAFKA})
    key = await stored_key(db, "skill_kafka")
    fresh.app.state.extractor = SkillExtractor(settings, BrokenModel())
    body = await fresh_api.post(UPSERT, {"input": {**KAFKA, "name": "Kafka streaming"}})
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL"
    skill = await api.data('{ skill(id: "skill_kafka") { name } }')
    assert skill["skill"]["name"] == "Apache Kafka"
    assert await stored_key(db, "skill_kafka") == key


async def test_without_a_model_a_label_change_drops_the_stale_embedding(
    api: Api, settings: Settings, db: Database, admin_key: str
) -> None:
    await api.data(UPSERT, {"input": KAFKA})
    assert await stored_key(db, "skill_kafka") is not None
    off = settings.model_copy(update={"semantic_stage": False})
    for server in _running(off):
        headers = {"authorization": f"Bearer {admin_key}"}
        async with httpx.AsyncClient(base_url=server.url, timeout=60, headers=headers) as client:
            await Api(client=client, server=server).data(
                UPSERT, {"input": {**KAFKA, "name": "Kafka streaming"}}
            )
        assert server.app.state.extractor.model_loads == 0
    assert await extraction.embedding_state(db, ["skill_kafka"]) == [
        extraction.EmbeddingState("skill_kafka", "Kafka streaming", ("Kafka",), None, None)
    ]
