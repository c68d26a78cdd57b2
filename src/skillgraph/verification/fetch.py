"""Fetching issuer documents (did:web, JWKS, status lists) over HTTPS: off by default, only
allow-listed hosts, a timeout on the whole exchange, a size cap, no redirects, a TTL cache.

The HTTP layer is an httpx transport, so tests swap in ``httpx.MockTransport`` (a real
alternative transport) or point an allow-listed host at a loopback server.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

__all__ = ["FetchPolicy", "FetchProblem", "Fetcher", "host_allowed"]


class FetchProblem(Exception):
    """A document could not be fetched. ``refused`` is True when policy forbade the request
    (nothing was sent), False when the network or the server failed."""

    def __init__(self, message: str, *, refused: bool) -> None:
        self.refused = refused
        super().__init__(message)


@dataclass(frozen=True)
class FetchPolicy:
    """``allowed_hosts``: lower-case host names; ``*.example.org`` allows its subdomains."""

    enabled: bool = False
    allowed_hosts: frozenset[str] = frozenset()
    timeout_s: float = 5.0
    cache_ttl_s: float = 3600.0
    max_bytes: int = 1_048_576


def host_allowed(host: str, allowed: frozenset[str]) -> bool:
    host = host.lower().rstrip(".")
    if host in allowed:
        return True
    return any(
        pattern.startswith("*.") and host.endswith(pattern[1:]) and host != pattern[2:]
        for pattern in allowed
    )


@dataclass
class Fetcher:
    policy: FetchPolicy
    transport: httpx.AsyncBaseTransport | None = None
    clock: Callable[[], float] = time.monotonic
    _cache: dict[str, tuple[float, Any]] = field(default_factory=dict)
    requests: int = 0

    def check(self, url: str) -> None:
        """Raises FetchProblem(refused=True) unless policy allows fetching ``url``."""
        parts = urlsplit(url)
        if not self.policy.enabled:
            raise FetchProblem(
                f"fetching {url} is disabled (set SKILLGRAPH_VERIFY_FETCH=true and allow its "
                "host in SKILLGRAPH_VERIFY_ALLOWED_HOSTS)",
                refused=True,
            )
        if parts.scheme != "https" or not parts.hostname:
            raise FetchProblem(f"{url} is not an https URL; only https is fetched", refused=True)
        if not host_allowed(parts.hostname, self.policy.allowed_hosts):
            raise FetchProblem(
                f"host {parts.hostname} is not in SKILLGRAPH_VERIFY_ALLOWED_HOSTS", refused=True
            )

    async def json(self, url: str) -> Any:
        """The JSON document at ``url`` (cached for ``cache_ttl_s``). Raises FetchProblem."""
        url = url.partition("#")[0]
        self.check(url)
        now = self.clock()
        cached = self._cache.get(url)
        if cached is not None and cached[0] > now:
            return cached[1]
        # httpx's own timeouts (each phase) end a silent server cleanly; the overall deadline
        # also stops a server that trickles bytes.
        try:
            value = await asyncio.wait_for(self._get(url), timeout=3 * self.policy.timeout_s)
        except (TimeoutError, httpx.TimeoutException):
            raise FetchProblem(
                f"{url} did not answer within {self.policy.timeout_s:g} s", refused=False
            ) from None
        self._cache[url] = (now + self.policy.cache_ttl_s, value)
        return value

    async def _get(self, url: str) -> Any:
        timeout = httpx.Timeout(self.policy.timeout_s)
        self.requests += 1
        try:
            async with (
                httpx.AsyncClient(
                    transport=self.transport, timeout=timeout, follow_redirects=False
                ) as client,
                client.stream(
                    "GET", url, headers={"Accept": "application/json, application/did+json"}
                ) as response,
            ):
                if response.status_code != 200:
                    raise FetchProblem(f"{url} answered HTTP {response.status_code}", refused=False)
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > self.policy.max_bytes:
                        raise FetchProblem(
                            f"{url} is larger than {self.policy.max_bytes} bytes", refused=False
                        )
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            raise FetchProblem(
                f"{url} could not be fetched: {type(exc).__name__}", refused=False
            ) from None
        try:
            return json.loads(bytes(body))
        except (ValueError, RecursionError):
            raise FetchProblem(f"{url} did not return JSON", refused=False) from None
