"""Relay connections with keyset cursors.

A cursor is opaque to clients: base64url of ``[order, key, id]`` (the sort key and id of the
row it points at, so the next page starts strictly after that row even when rows are
inserted in between), then ``.`` and an HMAC-SHA256 tag over it, keyed from the settings
(``cursor_secret``, else the Neo4j connection settings), so every API process of one
deployment accepts the others' cursors and no one else's. Anything else given as ``after``
(edited, truncated, made for another ordering or another deployment) is BAD_USER_INPUT.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

import strawberry

from skillgraph.errors import BadUserInput
from skillgraph.settings import Settings, get_settings

__all__ = [
    "Connection",
    "Cursor",
    "Edge",
    "PageInfo",
    "cursor_key",
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


_TAG_BYTES = 16
_INT64 = 2**63
_NOT_OURS = "after is not a cursor returned by this connection"


@lru_cache(maxsize=1)
def _key() -> bytes:
    return cursor_key(get_settings())


def cursor_key(settings: Settings) -> bytes:
    """The HMAC key of cursors: from ``cursor_secret``, else from the Neo4j settings that
    every API process of one deployment shares."""
    secret = settings.cursor_secret
    if secret is None:
        secret = "\x00".join(
            (
                settings.neo4j_uri,
                settings.neo4j_user,
                settings.neo4j_password,
                settings.neo4j_database,
            )
        )
    return hashlib.sha256(b"skillgraph-cursor\x00" + secret.encode()).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _tag(payload: str) -> str:
    return _b64(hmac.new(_key(), payload.encode(), hashlib.sha256).digest()[:_TAG_BYTES])


def encode_cursor(order: str, key: Any, node_id: str) -> str:
    payload = _b64(json.dumps([order, key, node_id], separators=(",", ":")).encode())
    return f"{payload}.{_tag(payload)}"


def decode_cursor(value: str | None, order: str) -> Cursor | None:
    """The position ``value`` points at; BAD_USER_INPUT when it is not one of our cursors
    or was made for another ordering."""
    if value is None:
        return None
    payload, _, tag = value.partition(".")
    if not tag or not hmac.compare_digest(tag.encode(), _tag(payload).encode()):
        raise BadUserInput(_NOT_OURS, field="after")
    try:
        decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        decoded = None
    if (
        not isinstance(decoded, list)
        or len(decoded) != 3
        or not isinstance(decoded[0], str)
        or not isinstance(decoded[2], str)
        or not _is_key(decoded[1])
    ):
        raise BadUserInput(_NOT_OURS, field="after")
    if decoded[0] != order:
        raise BadUserInput(
            f"after is a cursor for ordering {decoded[0]}, but this page is ordered by {order}",
            field="after",
        )
    return Cursor(order=decoded[0], key=decoded[1], id=decoded[2])


def _is_key(value: object) -> bool:
    if value is None or isinstance(value, str | float):
        return True
    return isinstance(value, int) and not isinstance(value, bool) and -_INT64 <= value < _INT64


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
