"""Keeping a skill's embedding in step with its labels, inside the skill's own write.

A skill mutation calls :func:`embedding_write` before its transaction with the labels the
skill had (None for a new skill) and the labels it will have. Whether they differ is decided
by the embedding key alone (a hash of the model id, which comes from the settings, and the
label text), so an unchanged write needs no model and computes nothing. When they differ,
the model embeds the new labels now (a few milliseconds: the app loaded the model at
startup, so no write waits for a load), and the returned hook writes the vector in the
mutation's transaction: the skill and its embedding are committed together or not at all.
Without a model, the hook removes the stale embedding instead (``skillgraph embeddings
refresh`` computes it once a model is available).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.extraction.embedder import ModelUnavailable, model_id
from skillgraph.ingest.embeddings import embedding_key, embedding_text
from skillgraph.store import extraction as store
from skillgraph.store.database import Transaction

__all__ = ["SkillLabelsWrite", "embedding_write"]

Then = Callable[[Transaction, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class SkillLabelsWrite:
    """A skill's preferred and alternative labels, as stored."""

    name: str
    alt_labels: tuple[str, ...]

    def text(self) -> str:
        return embedding_text(self.name, self.alt_labels)


def _changed(
    extractor: SkillExtractor, before: SkillLabelsWrite | None, after: SkillLabelsWrite
) -> bool:
    """Whether the embedding key changes; needs no model (a model path configured without
    its sha256 has no id: then the labels themselves are compared)."""
    if before is None:
        return True
    try:
        model = model_id(extractor.settings)
    except ModelUnavailable:
        return before != after
    return embedding_key(model, before.text()) != embedding_key(model, after.text())


async def embedding_write(
    extractor: SkillExtractor,
    before: SkillLabelsWrite | None,
    after: SkillLabelsWrite,
) -> Then | None:
    """The hook that writes the skill's new embedding in its transaction, or None when the
    labels (hence the key) are unchanged. Loads the model only in the first case."""
    if not _changed(extractor, before, after):
        return None
    embedder = await extractor.load_model() if extractor.settings.semantic_stage else None
    if embedder is None:

        async def drop(tx: Transaction, skill_id: str) -> None:
            await store.drop_skill_embedding(tx, skill_id)

        return drop
    text = after.text()
    vectors: Sequence[Sequence[float]] = await asyncio.to_thread(embedder.embed, [text])
    key = embedding_key(embedder.model_id, text)

    async def write(tx: Transaction, skill_id: str) -> None:
        await store.write_skill_embedding(
            tx,
            skill_id,
            model=embedder.model_id,
            key=key,
            vector=vectors[0],
            name=after.name,
            alt_labels=after.alt_labels,
        )

    return write
