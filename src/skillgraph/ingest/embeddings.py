"""Skill embeddings for the semantic stage: computed for skills that have none, or whose
labels (or the model) changed since; removed for skills that are gone.

What is embedded is a skill's labels: the preferred label, then up to ``ALT_LABELS_EMBEDDED``
alternative labels, comma-separated. A skill's stored ``key`` is a hash of the model id and
that text, so any label change makes it stale; the model id comes from the settings
(``embedder.model_id``), so the key is known without loading the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from skillgraph.extraction.embedder import Embedder
from skillgraph.store import extraction as store
from skillgraph.store.database import Database

__all__ = [
    "ALT_LABELS_EMBEDDED",
    "EmbeddingRefresh",
    "embedding_key",
    "embedding_text",
    "refresh_embeddings",
]

ALT_LABELS_EMBEDDED = 6
_BATCH = 256


@dataclass(frozen=True)
class EmbeddingRefresh:
    computed: int
    unchanged: int
    removed: int


def embedding_text(name: str, alt_labels: Sequence[str]) -> str:
    return ", ".join([name, *alt_labels[:ALT_LABELS_EMBEDDED]])


def embedding_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()[:32]


async def refresh_embeddings(
    db: Database,
    embedder: Embedder,
    progress: Callable[[int, int], None] | None = None,
    *,
    skill_ids: Sequence[str] | None = None,
) -> EmbeddingRefresh:
    """Bring stored embeddings up to date (all skills, or only ``skill_ids``).

    ``progress(done, total)`` is called after each batch of stale skills.
    """
    state = await store.embedding_state(db, skill_ids)
    stale = []
    for s in state:
        text = embedding_text(s.name, s.alt_labels)
        key = embedding_key(embedder.model_id, text)
        if s.key != key:
            stale.append((s.skill_id, text, key))
    if progress is not None:
        progress(0, len(stale))
    for first in range(0, len(stale), _BATCH):
        batch = stale[first : first + _BATCH]
        vectors = embedder.embed([text for _, text, _ in batch])
        rows = [
            {"id": skill_id, "key": key, "vector": vector}
            for (skill_id, _, key), vector in zip(batch, vectors, strict=True)
        ]
        await store.write_embeddings(db, embedder.model_id, rows)
        if progress is not None:
            progress(min(first + _BATCH, len(stale)), len(stale))
    removed = 0 if skill_ids is not None else await store.prune_embeddings(db, embedder.model_id)
    return EmbeddingRefresh(len(stale), len(state) - len(stale), removed)
