"""Relationships: batched reads (lists and keyset pages per parent) and single writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import explore, signals
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = [
    "ChildPage",
    "Direction",
    "Link",
    "LinkRow",
    "PageKey",
    "RelType",
    "child_counts",
    "child_pages",
    "children",
    "related",
    "remove",
    "requirements",
    "revoke_award",
    "set_link",
]

PAGE_IN = query("rel/page_in")
PAGE_OUT = query("rel/page_out")
COUNT_IN = query("rel/count_in")
COUNT_OUT = query("rel/count_out")
LIST_IN = query("rel/list_in")
LIST_OUT = query("rel/list_out")
ENDS = query("rel/ends")
SET = query("rel/set")
REMOVE = query("rel/remove")
RELATED = query("skill/related")
BROADER_PATH = query("skill/broader_path")
REQUIREMENTS = query("role/requirements")
REVOKE = query("award/revoke")


class RelType(StrEnum):
    REQUIRES = "REQUIRES"
    TEACHES = "TEACHES"
    HAS_SKILL = "HAS_SKILL"
    EARNED = "EARNED"
    TARGETS = "TARGETS"
    HOLDS = "HOLDS"
    ENDORSES = "ENDORSES"
    OFFERS = "OFFERS"
    BROADER = "BROADER"
    RELATED = "RELATED"
    SPECIALIZES = "SPECIALIZES"


class Direction(Enum):
    OUT = "out"
    IN = "in"


@dataclass(frozen=True)
class Link:
    """A relationship seen from ``parent``: (parent)-[type]->(child) or (parent)<-[type]-(child)."""

    parent: NodeType
    type: RelType
    child: NodeType
    direction: Direction = Direction.OUT


@dataclass(frozen=True)
class LinkRow:
    node: Record
    rel: Record


@dataclass(frozen=True)
class PageKey:
    """One parent's page request; hashable so DataLoaders can batch and cache it."""

    parent_id: str
    limit: int
    after_key: str | None = None
    after_id: str | None = None


@dataclass(frozen=True)
class ChildPage:
    rows: tuple[tuple[str, LinkRow], ...]  # (sort key, row)


async def children(db: Database, link: Link, ids: Sequence[str]) -> dict[str, list[LinkRow]]:
    """Every child of each parent, ordered by name (or title) then id. One round trip."""
    q = LIST_OUT if link.direction is Direction.OUT else LIST_IN
    rows = await db.read(
        q.bind(parent=link.parent, type=link.type, child=link.child), {"ids": list(ids)}
    )
    found: dict[str, list[LinkRow]] = defaultdict(list)
    for row in rows:
        found[row["parentId"]].append(LinkRow(node=row["node"], rel=row["rel"]))
    return found


async def child_pages(
    db: Database, link: Link, keys: Sequence[PageKey]
) -> dict[PageKey, ChildPage]:
    """A keyset page (``limit`` rows after the cursor) per key: one round trip per distinct
    ``limit`` among the keys (one, when they come from one field)."""
    q = PAGE_OUT if link.direction is Direction.OUT else PAGE_IN
    bound = q.bind(parent=link.parent, type=link.type, child=link.child)
    by_limit: dict[int, list[PageKey]] = defaultdict(list)
    for key in keys:
        by_limit[key.limit].append(key)
    found: dict[PageKey, ChildPage] = {}
    for limit, group in by_limit.items():
        parents = [
            {"id": k.parent_id, "afterKey": k.after_key, "afterId": k.after_id} for k in group
        ]
        rows = await db.read(bound, {"parents": parents, "limit": limit})
        for key, row in zip(group, _align(group, rows), strict=True):
            found[key] = ChildPage(
                rows=()
                if row is None
                else tuple((r["key"], LinkRow(node=r["node"], rel=r["rel"])) for r in row["rows"])
            )
    return found


def _align(keys: Sequence[PageKey], rows: list[Record]) -> list[Record | None]:
    # UNWIND keeps input order and yields one row per existing parent.
    out: list[Record | None] = []
    it = iter(rows)
    pending = next(it, None)
    for key in keys:
        if pending is not None and pending["parentId"] == key.parent_id:
            out.append(pending)
            pending = next(it, None)
        else:
            out.append(None)
    return out


async def child_counts(db: Database, link: Link, ids: Sequence[str]) -> dict[str, int]:
    """How many children each parent has over ``link``. One round trip."""
    q = COUNT_OUT if link.direction is Direction.OUT else COUNT_IN
    rows = await db.read(
        q.bind(parent=link.parent, type=link.type, child=link.child), {"ids": list(ids)}
    )
    return {row["parentId"]: int(row["total"]) for row in rows}


async def related(db: Database, ids: Sequence[str]) -> dict[str, list[tuple[LinkRow, bool]]]:
    rows = await db.read(RELATED, {"ids": list(ids)})
    found: dict[str, list[tuple[LinkRow, bool]]] = defaultdict(list)
    for row in rows:
        found[row["parentId"]].append(
            (LinkRow(node=row["node"], rel=row["rel"]), bool(row["outgoing"]))
        )
    return found


async def requirements(
    db: Database, role_ids: Sequence[str]
) -> dict[str, tuple[Record, list[Record]]]:
    """Each role found, as (its record, its own and inherited requirement rows
    {skill, importance, level, inherited, extracted, confidence} by skill sortKey). One round
    trip."""
    rows = await db.read(REQUIREMENTS, {"ids": list(role_ids)})
    return {row["roleId"]: (row["role"], list(row["requirements"])) for row in rows}


def _changes_requirements(link: Link) -> bool:
    return link.type is RelType.REQUIRES and link.parent is NodeType.ROLE


# Relationships no stored signal reads (the skill hierarchy, skill relations, a credential's
# prerequisites); every other write marks the signals stale.
_UNSIGNALLED = {RelType.BROADER, RelType.RELATED}


def _changes_signals(link: Link) -> bool:
    prerequisite = link.type is RelType.REQUIRES and link.parent is NodeType.CREDENTIAL
    return link.type not in _UNSIGNALLED and not prerequisite


async def _check_ends(tx: Transaction, link: Link, from_id: str, to_id: str) -> None:
    rows = await tx.run(
        ENDS.bind(**{"from": link.parent, "to": link.child}), {"fromId": from_id, "toId": to_id}
    )
    if not rows[0]["fromExists"]:
        raise NotFound(f"no {link.parent.value} with id {from_id!r}")
    if not rows[0]["toExists"]:
        raise NotFound(f"no {link.child.value} with id {to_id!r}")


async def set_link(
    db: Database, link: Link, from_id: str, to_id: str, props: Mapping[str, Any]
) -> None:
    """Create or update (from)-[type]->(to) with ``props``; NOT_FOUND for a missing end."""

    async def work(tx: Transaction) -> None:
        await _check_ends(tx, link, from_id, to_id)
        if link.type is RelType.BROADER:
            rows = await tx.run(BROADER_PATH, {"broaderId": to_id, "narrowerId": from_id})
            if rows and rows[0]["cycle"]:
                raise BadUserInput(
                    "that BROADER link would make the skill hierarchy a cycle", field="broaderId"
                )
        await tx.run(
            SET.bind(**{"from": link.parent, "type": link.type, "to": link.child}),
            {"fromId": from_id, "toId": to_id, "props": dict(props)},
        )
        if _changes_requirements(link):
            await explore.bump(tx)
        if _changes_signals(link):
            await signals.touch(tx)

    await db.write_tx(work)


async def remove(db: Database, link: Link, from_id: str, to_id: str) -> bool:
    """Remove (from)-[type]->(to); idempotent. Returns whether a relationship was removed."""

    async def work(tx: Transaction) -> bool:
        await _check_ends(tx, link, from_id, to_id)
        rows = await tx.run(
            REMOVE.bind(**{"from": link.parent, "type": link.type, "to": link.child}),
            {"fromId": from_id, "toId": to_id},
        )
        if _changes_requirements(link):
            await explore.bump(tx)
        if _changes_signals(link) and rows and rows[0]["removed"]:
            await signals.touch(tx)
        return bool(rows and rows[0]["removed"])

    return await db.write_tx(work)


async def revoke_award(db: Database, person_id: str, credential_id: str) -> None:
    """Mark the person's award of the credential REVOKED (kept for the record)."""
    link = Link(NodeType.PERSON, RelType.EARNED, NodeType.CREDENTIAL)

    async def work(tx: Transaction) -> None:
        await _check_ends(tx, link, person_id, credential_id)
        rows = await tx.run(REVOKE, {"personId": person_id, "credentialId": credential_id})
        if not rows or not rows[0]["revoked"]:
            raise NotFound(f"person {person_id!r} holds no award of credential {credential_id!r}")
        await signals.touch(tx)

    await db.write_tx(work)
