"""Top-level lists: one keyset page and, separately, the total count, per node type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.model.ids import NodeType
from skillgraph.store.cypher import Query, query
from skillgraph.store.database import Database, Record

__all__ = ["ListPage", "ListRequest", "count", "page"]

_QUERIES: dict[NodeType, tuple[Query, Query]] = {
    NodeType.SKILL: (query("skill/list"), query("skill/count")),
    NodeType.CREDENTIAL: (query("credential/list"), query("credential/count")),
    NodeType.PROVIDER: (query("provider/list"), query("provider/count")),
    NodeType.ROLE: (query("role/list"), query("role/count")),
    NodeType.PERSON: (query("person/list"), query("person/count")),
}


@dataclass(frozen=True)
class ListRequest:
    """``filters`` are the list query's named parameters (None = no constraint);
    ``order`` is one of the sort keys its Cypher knows (NAME, CREATED_AT, ...)."""

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
    list_query, _ = _QUERIES[request.node_type]
    rows = await db.read(
        list_query,
        {
            **request.filters,
            "order": request.order,
            "desc": request.descending,
            "limit": request.limit,
            "afterKey": request.after_key,
            "afterId": request.after_id,
        },
    )
    return ListPage(rows=tuple((row["key"], row["node"]) for row in rows))


async def count(db: Database, node_type: NodeType, filters: Mapping[str, Any]) -> int:
    _, count_query = _QUERIES[node_type]
    rows = await db.read(count_query, dict(filters))
    return int(rows[0]["total"]) if rows else 0
