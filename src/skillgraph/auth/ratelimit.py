"""Per-principal token buckets behind a small storage interface.

``MemoryBuckets`` serves one API process. Several replicas share limits by plugging in a
store whose ``take`` is atomic across them, e.g. Redis running the same refill arithmetic in
a Lua script (one key per principal with tokens and timestamp, and a TTL).
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from typing import Protocol

__all__ = ["BucketStore", "MemoryBuckets", "RateLimiter"]


class BucketStore(Protocol):
    async def take(self, key: str, capacity: int, per_second: float, now: float) -> float:
        """Take one token from ``key``'s bucket; 0.0 when taken, else seconds until one is."""
        ...

    async def peek(self, key: str, capacity: int, per_second: float, now: float) -> float:
        """Like ``take`` without taking: 0.0 when a token is there, else seconds until one is."""
        ...


class MemoryBuckets:
    def __init__(self, max_keys: int = 100_000) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = asyncio.Lock()
        self._max_keys = max_keys

    async def take(self, key: str, capacity: int, per_second: float, now: float) -> float:
        async with self._lock:
            tokens, updated = self._buckets.get(key, (float(capacity), now))
            tokens = min(float(capacity), tokens + (now - updated) * per_second)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                self._prune(now, capacity, per_second)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / per_second

    async def peek(self, key: str, capacity: int, per_second: float, now: float) -> float:
        async with self._lock:
            tokens, updated = self._buckets.get(key, (float(capacity), now))
            tokens = min(float(capacity), tokens + (now - updated) * per_second)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) / per_second

    def _prune(self, now: float, capacity: int, per_second: float) -> None:
        if len(self._buckets) <= self._max_keys:
            return
        full = capacity / per_second
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full}


@dataclass
class RateLimiter:
    store: BucketStore
    per_minute: int
    burst: int

    async def retry_after(self, key: str) -> int:
        """0 when the request may go ahead, else whole seconds to wait (at least 1)."""
        wait = await self.store.take(key, self.burst, self.per_minute / 60.0, time.monotonic())
        return _seconds(wait)

    async def blocked_for(self, key: str) -> int:
        """Like ``retry_after`` without spending a token: for budgets spent only on failure
        (failed authentications), checked before the work they protect."""
        wait = await self.store.peek(key, self.burst, self.per_minute / 60.0, time.monotonic())
        return _seconds(wait)


def _seconds(wait: float) -> int:
    return 0 if wait <= 0 else max(1, math.ceil(wait))
