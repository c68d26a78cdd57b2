"""Create, read, update, upsert and delete for every node type, one transaction each.

Per-type differences (relationships carried in the write input, what blocks a delete) live
in a :class:`NodeSpec`; the Cypher is the ``node/*`` templates bound to the type's label.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from skillgraph.errors import BadUserInput, Conflict, NotFound
from skillgraph.model.ids import NodeType, id_for_uri, new_id, valid_id
from skillgraph.model.nodes import NodeWrite
from skillgraph.store import explore, extraction, signals
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = [
    "NodeSpec",
    "create",
    "delete",
    "get_any_by_ids",
    "get_by_ids",
    "get_by_uris",
    "update",
    "upsert",
]

BY_IDS = query("node/by_ids")
ANY_BY_IDS = query("node/any_by_ids")
BY_URIS = query("node/by_uris")
CREATE = query("node/create")
UPDATE = query("node/update")
SET_URI = query("node/set_uri")
UPSERT = query("node/upsert")
DELETE = query("node/delete")

Links = Callable[[Transaction, str], Awaitable[dict[str, Any]]]
AfterWrite = Callable[[Transaction, str, NodeWrite], Awaitable[None]]
Dependents = Callable[[Transaction, str, bool], Awaitable[None]]
Then = Callable[[Transaction, str], Awaitable[None]]


async def _no_links(tx: Transaction, node_id: str) -> dict[str, Any]:
    return {}


async def _nothing_after(tx: Transaction, node_id: str, write: NodeWrite) -> None:
    return None


async def _nothing_depends(tx: Transaction, node_id: str, cascade: bool) -> None:
    return None


@dataclass(frozen=True)
class NodeSpec:
    """How one node type is written.

    ``to_input`` turns a stored record back into write-input keys (for merging updates);
    ``links`` reads relationship-backed input keys; ``after_write`` stores them;
    ``dependents`` raises Conflict (or deletes dependents when cascading) before a delete.
    ``signal_props`` are the stored properties, and ``signal_links`` the relationship-backed
    input keys, that value signals depend on: an update changing one marks them stale
    (creating or deleting a node always does).
    """

    node_type: NodeType
    model: type[NodeWrite]
    to_input: Callable[[Record], dict[str, Any]]
    links: Links = _no_links
    after_write: AfterWrite = _nothing_after
    dependents: Dependents = _nothing_depends
    immutable: frozenset[str] = field(default_factory=frozenset)
    signal_props: frozenset[str] = field(default_factory=frozenset)
    signal_links: frozenset[str] = field(default_factory=frozenset)


def _check_id(node_type: NodeType, node_id: str | None) -> str:
    if node_id is None:
        return new_id(node_type)
    if not valid_id(node_id, node_type):
        raise BadUserInput(
            f"id must look like {node_type.prefix}_<letters, digits, _.:-> (max 100 chars)",
            field="id",
        )
    return node_id


async def get_any_by_ids(db: Database, ids: Iterable[str]) -> dict[str, Record]:
    """The nodes with these ids, of any type, in one round trip (missing ones are absent)."""
    rows = await db.read(ANY_BY_IDS, {"ids": list(ids)})
    return {row["id"]: row["node"] for row in rows}


async def get_by_ids(db: Database, node_type: NodeType, ids: Iterable[str]) -> dict[str, Record]:
    rows = await db.read(BY_IDS.bind(label=node_type), {"ids": list(ids)})
    return {row["id"]: row["node"] for row in rows}


async def get_by_uris(db: Database, node_type: NodeType, uris: Iterable[str]) -> dict[str, Record]:
    rows = await db.read(BY_URIS.bind(label=node_type), {"uris": list(uris)})
    return {row["uri"]: row["node"] for row in rows}


async def _get(tx: Transaction, node_type: NodeType, node_id: str) -> Record:
    rows = await tx.run(BY_IDS.bind(label=node_type), {"ids": [node_id]})
    if not rows:
        raise NotFound(f"no {node_type.value} with id {node_id!r}")
    node: Record = rows[0]["node"]
    return node


async def _same(
    tx: Transaction,
    spec: NodeSpec,
    current: Record,
    props: Mapping[str, Any],
    uri: str | None,
    write: NodeWrite,
) -> bool:
    if current.get("uri") != uri or any(current.get(k) != v for k, v in props.items()):
        return False
    wanted = write.model_dump(by_alias=True, mode="json")
    links = await spec.links(tx, current["id"])
    # Relationship-backed inputs (a credential's provider, a posting's occupation).
    return all(
        wanted[key] == links.get(key) for key in ("providerId", "occupationId") if key in wanted
    )


async def _touch_if_changed(
    tx: Transaction,
    spec: NodeSpec,
    before: Record | None,
    links_before: Mapping[str, Any],
    write: NodeWrite,
    props: Mapping[str, Any],
) -> None:
    """Mark the signals stale when the write creates the node or changes what they use."""
    wanted = write.model_dump(by_alias=True, mode="json")
    if (
        before is None
        or any(before.get(k) != props.get(k) for k in spec.signal_props)
        or any(links_before.get(k) != wanted.get(k) for k in spec.signal_links)
    ):
        await signals.touch(tx)


def _validate(spec: NodeSpec, data: Mapping[str, Any]) -> NodeWrite:
    return spec.model.model_validate(dict(data))


async def create(
    db: Database,
    spec: NodeSpec,
    data: Mapping[str, Any],
    *,
    node_id: str | None,
    uri: str | None,
    extra: Mapping[str, Any] | None = None,
    then: Then | None = None,
) -> Record:
    """Create one node; CONFLICT when the id or uri is taken. ``extra`` properties are set
    as given (e.g. a posting's owner), never from client input; ``then`` runs in the same
    transaction after the write (e.g. extracted requirements)."""
    write = _validate(spec, data)
    new = _check_id(spec.node_type, node_id)
    props = {**write.to_properties(), **(extra or {})}

    async def work(tx: Transaction) -> Record:
        # Idempotent: the driver may re-run this function after a commit whose answer was
        # lost, and a client may repeat a create with its own id. The same values return the
        # node; other values under that id are a CONFLICT.
        rows = await tx.run(BY_IDS.bind(label=spec.node_type), {"ids": [new]})
        if rows:
            current: Record = rows[0]["node"]
            if await _same(tx, spec, current, props, uri, write):
                return current
            raise Conflict(
                f"a {spec.node_type.value} with id {new!r} already exists with other values",
                field="id",
            )
        await tx.run(CREATE.bind(label=spec.node_type), {"id": new, "uri": uri, "props": props})
        await spec.after_write(tx, new, write)
        if then is not None:
            await then(tx, new)
        await signals.touch(tx)
        return await _get(tx, spec.node_type, new)

    return await db.write_tx(work)


async def update(
    db: Database,
    spec: NodeSpec,
    node_id: str,
    patch: Mapping[str, Any],
    *,
    uri: str | None = None,
    set_uri: bool = False,
    then: Then | None = None,
) -> Record:
    """Apply ``patch`` (write-input keys; absent = unchanged, None = clear) to a node.

    The merged result is validated as a whole, so an update can never leave an invalid node.
    """
    frozen = sorted(spec.immutable & patch.keys())
    if frozen:
        raise BadUserInput(f"{frozen[0]} cannot be changed after creation", field=frozen[0])

    async def work(tx: Transaction) -> Record:
        current = await _get(tx, spec.node_type, node_id)
        links_before = await spec.links(tx, node_id)
        merged = {**spec.to_input(current), **links_before, **patch}
        write = _validate(spec, merged)
        props = write.to_properties()
        await tx.run(UPDATE.bind(label=spec.node_type), {"id": node_id, "props": props})
        if set_uri:
            await tx.run(SET_URI.bind(label=spec.node_type), {"id": node_id, "uri": uri})
        await spec.after_write(tx, node_id, write)
        if then is not None:
            await then(tx, node_id)
        await _touch_if_changed(
            tx,
            spec,
            current,
            links_before,
            write,
            {**props, "uri": uri if set_uri else current.get("uri")},
        )
        return await _get(tx, spec.node_type, node_id)

    return await db.write_tx(work)


async def upsert(
    db: Database,
    spec: NodeSpec,
    uri: str,
    data: Mapping[str, Any],
    *,
    node_id: str | None,
    extra: Mapping[str, Any] | None = None,
    then: Then | None = None,
) -> tuple[Record, bool]:
    """Create or replace the node with this uri. Returns (node, created).

    Replacing keeps the node's id and relationships and sets every field from ``data``. A new
    node gets ``node_id`` or, without one, the id derived from its uri (as imports do), so
    the same upsert gives the same id in every database.
    """
    write = _validate(spec, data)
    new = _check_id(spec.node_type, node_id) if node_id else id_for_uri(spec.node_type, uri)

    async def work(tx: Transaction) -> tuple[Record, bool]:
        found = await tx.run(BY_URIS.bind(label=spec.node_type), {"uris": [uri]})
        before: Record | None = found[0]["node"] if found else None
        links_before = await spec.links(tx, before["id"]) if before is not None else {}
        props = {**write.to_properties(), **(extra or {})}
        rows = await tx.run(
            UPSERT.bind(label=spec.node_type), {"uri": uri, "id": new, "props": props}
        )
        node: Record = rows[0]["node"]
        created = bool(rows[0]["created"])
        if node_id is not None and node["id"] != node_id:
            raise Conflict(
                f"uri {uri!r} already belongs to {node['id']!r}, not {node_id!r}", field="id"
            )
        await spec.after_write(tx, node["id"], write)
        if then is not None:
            await then(tx, node["id"])
        await _touch_if_changed(tx, spec, before, links_before, write, {**props, "uri": uri})
        return await _get(tx, spec.node_type, node["id"]), created

    return await db.write_tx(work)


async def delete(db: Database, spec: NodeSpec, node_id: str, *, cascade: bool) -> None:
    """Delete a node; CONFLICT when others depend on it, unless ``cascade``. A skill's
    embedding goes with it, in the same transaction."""

    async def work(tx: Transaction) -> None:
        await _get(tx, spec.node_type, node_id)
        await spec.dependents(tx, node_id, cascade)
        await tx.run(DELETE.bind(label=spec.node_type), {"id": node_id})
        if spec.node_type is NodeType.SKILL:
            await extraction.drop_skill_embedding(tx, node_id)
        if spec.node_type in (NodeType.ROLE, NodeType.SKILL):
            await explore.bump(tx)
        await signals.touch(tx)

    await db.write_tx(work)
