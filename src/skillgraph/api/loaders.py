"""Per-request DataLoaders: every lookup by id and every relationship is batched here."""

from __future__ import annotations

from dataclasses import dataclass

from skillgraph.store.database import Database

__all__ = ["Loaders"]


@dataclass
class Loaders:
    db: Database

    @classmethod
    def create(cls, db: Database) -> Loaders:
        return cls(db=db)
