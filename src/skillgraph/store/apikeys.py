"""API keys at rest: only a SHA-256 of the secret is stored."""

from __future__ import annotations

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record

__all__ = ["create", "get", "list_keys", "revoke"]

CREATE = query("apikey/create")
BY_ID = query("apikey/by_id")
REVOKE = query("apikey/revoke")
LIST = query("apikey/list")


async def create(
    db: Database, key_id: str, secret_hash: str, role: str, person_id: str | None, name: str
) -> Record:
    rows = await db.write(
        CREATE,
        {"id": key_id, "hash": secret_hash, "role": role, "personId": person_id, "name": name},
    )
    key: Record = rows[0]["key"]
    return key


async def get(db: Database, key_id: str) -> Record | None:
    rows = await db.read(BY_ID, {"id": key_id})
    return rows[0]["key"] if rows else None


async def revoke(db: Database, key_id: str) -> bool:
    return bool(await db.write(REVOKE, {"id": key_id}))


async def list_keys(db: Database) -> list[Record]:
    return [row["key"] for row in await db.read(LIST)]
