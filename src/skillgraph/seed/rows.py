"""Rows as the bulk writer takes them, and their batching."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from skillgraph.importers.values import batched
from skillgraph.store.bulk import Kind

__all__ = ["BATCH_ROWS", "Batch", "Row", "batches"]

BATCH_ROWS = 5000

Row = dict[str, Any]
Batch = tuple[Kind, list[Row]]


def batches(kind: Kind, rows: Iterable[Row], size: int = BATCH_ROWS) -> Iterator[Batch]:
    """``(kind, rows)`` with at most ``size`` rows each; nothing for no rows."""
    for chunk in batched(rows, size):
        yield kind, chunk
