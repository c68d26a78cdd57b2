"""What badge verification reads and writes: issuer trust (who offers a credential, which
keys a provider pins), imported status lists, and awards re-judged by a new status list."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from skillgraph.model.nodes import PinnedKeyWrite
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction
from skillgraph.verification import PinnedKey
from skillgraph.verification.status import ListKind, StatusListDocument, decode_bitstring

__all__ = [
    "GraphTrust",
    "apply_rows",
    "awards_naming",
    "graph_trust",
    "save_status_list",
    "status_lists",
]

TRUST = query("openbadges/trust")
LISTS = query("statuslist/by_urls")
SAVE_LIST = query("statuslist/upsert")
AWARDS = query("statuslist/awards")
APPLY = query("statuslist/apply")


@dataclass(frozen=True)
class GraphTrust:
    """``offered``: credential uri -> uri of its provider (None: the provider has no uri) for
    credentials already in the graph; ``pinned``: provider uri -> its pinned keys."""

    offered: Mapping[str, str | None]
    pinned: Mapping[str, tuple[PinnedKey, ...]]


def _pinned(stored: Iterable[str]) -> tuple[PinnedKey, ...]:
    keys = [PinnedKeyWrite.model_validate(json.loads(text)) for text in stored]
    return tuple(PinnedKey(k.key(), k.id) for k in keys)


async def graph_trust(
    db: Database, credential_uris: Sequence[str], issuer_uris: Sequence[str]
) -> GraphTrust:
    rows = await db.read(
        TRUST, {"credentialUris": list(credential_uris), "issuerUris": list(issuer_uris)}
    )
    row = rows[0] if rows else {"offered": [], "pinned": []}
    return GraphTrust(
        offered={o["credentialUri"]: o["providerUri"] for o in row["offered"] if o["provider"]},
        pinned={p["issuerUri"]: _pinned(p["keys"]) for p in row["pinned"]},
    )


def _document(record: Record) -> StatusListDocument:
    kind = ListKind(record["kind"])
    if kind is ListKind.BITSTRING:
        return StatusListDocument(
            kind,
            record["url"],
            record.get("issuer"),
            record["purpose"],
            bits=decode_bitstring(record["encodedList"]),
        )
    return StatusListDocument(
        kind,
        record["url"],
        record.get("issuer"),
        record["purpose"],
        revoked=json.loads(record.get("revoked") or "{}"),
    )


async def status_lists(db: Database, urls: Sequence[str]) -> dict[str, StatusListDocument]:
    """Imported lists by URL (absent ones are left out)."""
    if not urls:
        return {}
    rows = await db.read(LISTS, {"urls": list(dict.fromkeys(urls))})
    return {row["list"]["url"]: _document(row["list"]) for row in rows}


async def save_status_list(tx: Transaction, row: Mapping[str, Any]) -> None:
    await tx.run(SAVE_LIST, {"row": dict(row)})


async def awards_naming(tx: Transaction, url: str) -> list[Record]:
    return await tx.run(AWARDS, {"url": url})


async def apply_rows(tx: Transaction, rows: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    """(awards updated, awards revoked now)."""
    if not rows:
        return 0, 0
    result = await tx.run(APPLY, {"rows": [dict(r) for r in rows]})
    return int(result[0]["updated"]), int(result[0]["revoked"])
