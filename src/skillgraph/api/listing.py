"""Builds connection pages for root lists and nested relationship lists."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from skillgraph.api.context import Context
from skillgraph.api.pagination import PageInfo, decode_cursor, encode_cursor, page_info, page_size
from skillgraph.model.ids import NodeType
from skillgraph.store import lists
from skillgraph.store.links import Link, LinkRow, PageKey

__all__ = ["Slice", "connection", "nested_slice", "root_slice"]

R = TypeVar("R")
C = TypeVar("C")
NESTED_ORDER = "NAME"


@dataclass(frozen=True)
class Slice(Generic[R]):
    """One page: (cursor, row) pairs, its PageInfo and a lazy total count."""

    items: list[tuple[str, R]]
    page_info: PageInfo
    total: Callable[[], Awaitable[int]]


async def root_slice(
    ctx: Context,
    node_type: NodeType,
    filters: Mapping[str, Any],
    *,
    order: str,
    descending: bool,
    first: int | None,
    after: str | None,
) -> Slice[dict[str, Any]]:
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, order)
    result = await lists.page(
        ctx.db,
        lists.ListRequest(
            node_type=node_type,
            filters=filters,
            order=order,
            descending=descending,
            limit=size + 1,
            after_key=cursor.key if cursor else None,
            after_id=cursor.id if cursor else None,
        ),
    )
    rows = result.rows[:size]
    loader = ctx.loaders.node(node_type)
    items = []
    for key, node in rows:
        loader.prime(node["id"], node)
        items.append((encode_cursor(order, key, node["id"]), node))

    async def total() -> int:
        return await lists.count(ctx.db, node_type, filters)

    info = page_info([c for c, _ in items], has_next=len(result.rows) > size, after=after)
    return Slice(items=items, page_info=info, total=total)


async def nested_slice(
    ctx: Context, link: Link, parent_id: str, *, first: int | None, after: str | None
) -> Slice[LinkRow]:
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, NESTED_ORDER)
    key = PageKey(
        parent_id=parent_id,
        limit=size + 1,
        after_key=str(cursor.key) if cursor else None,
        after_id=cursor.id if cursor else None,
    )
    page = await ctx.loaders.page(link).load(key)
    rows = page.rows[:size]
    items = [(encode_cursor(NESTED_ORDER, k, row.node["id"]), row) for k, row in rows]

    async def total() -> int:
        return await ctx.loaders.count(link).load(parent_id)

    info = page_info([c for c, _ in items], has_next=len(page.rows) > size, after=after)
    return Slice(items=items, page_info=info, total=total)


def connection(
    cls: type[C], edge: Callable[..., Any], build: Callable[[R], Any], page: Slice[R]
) -> C:
    """``cls`` (a Connection) of ``edge(cursor=, node=build(row))`` for each row of ``page``."""
    edges = [edge(cursor=cursor, node=build(row)) for cursor, row in page.items]
    return cls(edges=edges, page_info=page.page_info, _total=page.total)  # type: ignore[call-arg]
