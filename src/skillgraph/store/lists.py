"""Top-level lists: one keyset page and, separately, the total count, per node type.

Both are compiled by :mod:`store.compiler`, the same code that answers compiled GraphQL
reads, so a list means the same thing on either path; here every node comes back whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.model.ids import NodeType
from skillgraph.store.compiler import Fetch, RootRead, filter_names, run_root
from skillgraph.store.database import Database, Record, native

__all__ = ["ListPage", "ListRequest", "count", "page"]


@dataclass(frozen=True)
class ListRequest:
    """``filters`` are the list's named parameters (None = no constraint); ``order`` is one
    of the compiler's order keys (NAME, TITLE, CREATED_AT, UPDATED_AT, COST, DURATION,
    VALUE)."""

    node_type: NodeType
    filters: Mapping[str, Any]
    order: str
    descending: bool
    limit: int
    after_key: Any = None
    after_id: str | None = None


@dataclass(frozen=True)
class ListPage:
    rows: tuple[tuple[Any, Record], ...]  # (sort key, node)


async def page(db: Database, request: ListRequest) -> ListPage:
    root = RootRead(
        Fetch(request.node_type, whole=True),
        order=request.order,
        descending=request.descending,
        filters=filter_names(request.node_type, request.filters),
        after=request.after_id is not None,
        params={
            **request.filters,
            "limit": request.limit,
            "afterKey": request.after_key,
            "afterId": request.after_id,
        },
    )
    result = await run_root(db, root)
    return ListPage(rows=tuple((key, native(node)) for key, _, node in result.rows))


async def count(db: Database, node_type: NodeType, filters: Mapping[str, Any]) -> int:
    root = RootRead(
        Fetch(node_type),
        filters=filter_names(node_type, filters),
        rows=False,
        count=True,
        params=dict(filters),
    )
    return (await run_root(db, root)).total or 0
