"""auth.keycache: an entry lives ttl_s from the start of its lookup; unknown keys are not
cached; ttl 0 looks up every time."""

from __future__ import annotations

from typing import Any

from skillgraph.auth.keycache import KeyCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Store:
    def __init__(self, records: dict[str, Any]) -> None:
        self.records = records
        self.lookups = 0

    async def get(self, key_id: str) -> Any:
        self.lookups += 1
        return self.records.get(key_id)


async def test_a_key_is_looked_up_once_within_its_time_to_live() -> None:
    clock, store = Clock(), Store({"k": {"role": "ADMIN"}})
    cache = KeyCache(1.0, clock)
    assert await cache.get("k", store.get) == {"role": "ADMIN"}
    clock.now += 0.99
    assert await cache.get("k", store.get) == {"role": "ADMIN"}
    assert store.lookups == 1


async def test_an_entry_expires_and_a_revocation_is_then_seen() -> None:
    clock, store = Clock(), Store({"k": {"role": "ADMIN"}})
    cache = KeyCache(1.0, clock)
    await cache.get("k", store.get)
    store.records["k"] = {"role": "ADMIN", "revokedAt": "now"}
    clock.now += 1.0
    assert await cache.get("k", store.get) == {"role": "ADMIN", "revokedAt": "now"}
    assert store.lookups == 2


async def test_unknown_keys_are_never_cached() -> None:
    clock, store = Clock(), Store({})
    cache = KeyCache(5.0, clock)
    assert await cache.get("k", store.get) is None
    store.records["k"] = {"role": "EDITOR"}
    assert await cache.get("k", store.get) == {"role": "EDITOR"}


async def test_a_zero_time_to_live_looks_up_every_time() -> None:
    clock, store = Clock(), Store({"k": {"role": "ADMIN"}})
    cache = KeyCache(0, clock)
    for _ in range(3):
        await cache.get("k", store.get)
    assert store.lookups == 3
