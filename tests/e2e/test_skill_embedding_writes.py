"""A skill mutation keeps the skill's embedding in step with its labels, in its own
transaction; it computes nothing (and never loads a model) when the labels do not change,
and never waits for a model to load (the app loads it before serving)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Iterator, Sequence

import httpx
import pytest

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.extraction.embedder import DIMENSIONS, Embedder, model_id, shared_embedder
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
    """An app of its own, whose extractor a test may replace."""
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


class Counting:
    """The real model, counting the texts it embeds."""

    def __init__(self, settings: Settings) -> None:
        self.model = shared_embedder(settings)
        self.model_id = self.model.model_id
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return self.model.embed(texts)


def test_the_app_loads_the_model_before_it_serves(fresh: RunningServer) -> None:
    service: SkillExtractor = fresh.app.state.extractor
    assert service.model_loads == 1
    assert service.embedder() is not None


async def test_only_a_label_change_computes_an_embedding(
    fresh_api: Api, fresh: RunningServer, db: Database, settings: Settings
) -> None:
    model = Counting(settings)
    fresh.app.state.extractor = SkillExtractor(settings, model)
    await fresh_api.data(UPSERT, {"input": KAFKA})
    assert model.texts == ["Apache Kafka, Kafka"]
    key = await stored_key(db, "skill_kafka")
    assert key == expected_key(settings, "Apache Kafka", ["Kafka"])

    same = {**KAFKA, "description": "A distributed event log."}
    await fresh_api.data(UPSERT, {"input": same})
    await fresh_api.data(
        'mutation { updateSkill(id: "skill_kafka", input: {description: "Event streaming."}) '
        "{ id } }"
    )
    assert model.texts == ["Apache Kafka, Kafka"]
    assert await stored_key(db, "skill_kafka") == key

    renamed = {**KAFKA, "altLabels": ["Kafka", "Kafka Streams"]}
    await fresh_api.data(UPSERT, {"input": renamed})
    assert model.texts[1:] == ["Apache Kafka, Kafka, Kafka Streams"]
    assert await stored_key(db, "skill_kafka") == expected_key(
        settings, "Apache Kafka", ["Kafka", "Kafka Streams"]
    )


async def test_an_unchanged_write_never_loads_a_model(
    api: Api, fresh_api: Api, fresh: RunningServer, db: Database, settings: Settings
) -> None:
    await api.data(UPSERT, {"input": KAFKA})  # another app writes the skill and its embedding
    loads: list[Settings] = []

    def loader(settings: Settings) -> Embedder:
        loads.append(settings)
        return shared_embedder(settings)

    service = SkillExtractor(settings, loader=loader)  # lazy, as in a CLI run
    fresh.app.state.extractor = service
    await fresh_api.data(UPSERT, {"input": {**KAFKA, "description": "A distributed event log."}})
    assert service.model_loads == 0
    assert loads == []
    await fresh_api.data(UPSERT, {"input": {**KAFKA, "name": "Kafka"}})
    assert service.model_loads == 1
    assert await stored_key(db, "skill_kafka") == expected_key(settings, "Kafka", ["Kafka"])


async def test_concurrent_creates_each_commit_their_embedding(
    fresh_api: Api, db: Database, settings: Settings
) -> None:
    create = "mutation($i: ID!, $n: String!) { createSkill(input: {id: $i, name: $n}) { id } }"
    names = {f"skill_c{i:02d}": f"concurrent skill {i}" for i in range(24)}
    bodies = await asyncio.gather(
        *(fresh_api.post(create, {"i": i, "n": n}) for i, n in names.items())
    )
    assert all("errors" not in b for b in bodies), [b["errors"] for b in bodies if "errors" in b]
    state = {s.skill_id: s.key for s in await extraction.embedding_state(db, list(names))}
    assert state == {i: expected_key(settings, n, []) for i, n in names.items()}


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
