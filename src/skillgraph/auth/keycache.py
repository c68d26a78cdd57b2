"""A short-lived, per-process cache of API-key records, so a busy key is not looked up in
Neo4j on every request.

Revocation stays immediate for whoever revokes: an entry lives at most ``ttl_s`` from the
moment its lookup *started*, and ``skillgraph keys revoke`` waits ``ttl_s`` after its write
commits before it reports the key revoked. By then every API process has either looked the
key up after the commit (and seen it revoked) or let its older entry expire.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from skillgraph.store import apikeys
from skillgraph.store.database import Database, Record

__all__ = ["KeyCache", "revoke_everywhere"]

_MAX_ENTRIES = 10_000


class KeyCache:
    """``ttl_s`` 0 turns caching off. Only keys that exist are cached; unknown ids are
    looked up every time (failed attempts are limited elsewhere)."""

    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, Record]] = OrderedDict()

    async def get(
        self, key_id: str, lookup: Callable[[str], Awaitable[Record | None]]
    ) -> Record | None:
        """The key's stored record (cached up to ``ttl_s``), or None if there is none."""
        now = self.clock()
        entry = self._entries.get(key_id)
        if entry is not None and now < entry[0]:
            return entry[1]
        record = await lookup(key_id)
        if record is None or self.ttl_s <= 0:
            self._entries.pop(key_id, None)
            return record
        self._entries[key_id] = (now + self.ttl_s, record)
        self._entries.move_to_end(key_id)
        if len(self._entries) > _MAX_ENTRIES:
            self._entries.popitem(last=False)
        return record


async def revoke_everywhere(db: Database, key_id: str, cache_s: float) -> bool:
    """Revoke the key, then wait until no API process can still hold it in its cache
    (``cache_s``, the ``api_key_cache_s`` setting). False when there is no such key."""
    if not await apikeys.revoke(db, key_id):
        return False
    await asyncio.sleep(cache_s)
    return True
