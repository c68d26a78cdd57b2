"""Relay connections with keyset cursors.

A cursor is opaque to clients: base64url of ``[order, key, id]``, the sort key and id of the
row it points at, so the next page starts strictly after that row even when rows are
inserted in between.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry

from skillgraph.errors import BadUserInput
from skillgraph.settings import Settings

__all__ = [
    "Connection",
    "Cursor",
    "Edge",
    "PageInfo",
    "decode_cursor",
    "encode_cursor",
    "page_size",
]

T = TypeVar("T")


@strawberry.type(description="Where a page sits in its connection (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool = strawberry.field(
        description="True when this page was asked for with `after` (there are earlier rows)."
    )
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to continue after this edge.")
    node: T


E = TypeVar("E")


@strawberry.type
class Connection(Generic[E]):
    edges: list[E]
    page_info: PageInfo
    _total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match in all, across every page.")
    async def total_count(self) -> int:
        return await self._total()


@dataclass(frozen=True)
class Cursor:
    order: str
    key: Any
    id: str


def encode_cursor(order: str, key: Any, node_id: str) -> str:
    raw = json.dumps([order, key, node_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, order: str) -> Cursor | None:
    """The position ``value`` points at; BAD_USER_INPUT when it is not one of our cursors
    or was made for another ordering."""
    if value is None:
        return None
    try:
        padded = value + "=" * (-len(value) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        decoded = None
    if (
        not isinstance(decoded, list)
        or len(decoded) != 3
        or not isinstance(decoded[0], str)
        or not isinstance(decoded[2], str)
        or not isinstance(decoded[1], str | int | float)
    ):
        raise BadUserInput("after is not a cursor returned by this connection", field="after")
    if decoded[0] != order:
        raise BadUserInput(
            f"after is a cursor for ordering {decoded[0]}, but this page is ordered by {order}",
            field="after",
        )
    return Cursor(order=decoded[0], key=decoded[1], id=decoded[2])


def page_size(first: int | None, settings: Settings) -> int:
    """``first`` or the default; BAD_USER_INPUT outside 0..max_page_size."""
    size = settings.default_page_size if first is None else first
    if size < 0 or size > settings.max_page_size:
        raise BadUserInput(
            f"first must be between 0 and {settings.max_page_size}, got {size}", field="first"
        )
    return size


def page_info(cursors: list[str], *, has_next: bool, after: str | None) -> PageInfo:
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=after is not None,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
