"""ASGI middleware in front of /graphql: authenticate, rate-limit, replay idempotent
requests. Puts the Principal in ``request.state.principal`` for the GraphQL context."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from skillgraph.auth.idempotency import Idempotency
from skillgraph.auth.keycache import KeyCache
from skillgraph.auth.principals import authenticate
from skillgraph.auth.ratelimit import MemoryBuckets, RateLimiter
from skillgraph.errors import StoreUnavailable, Unauthenticated
from skillgraph.httperror import error_response
from skillgraph.settings import Settings

__all__ = ["AccessGate"]


class AccessGate:
    def __init__(self, app: ASGIApp, settings: Settings, path: str = "/graphql") -> None:
        self.app = app
        self.settings = settings
        self.path = path
        self.keys = KeyCache(settings.api_key_cache_s)
        self.limiter = RateLimiter(
            MemoryBuckets(), settings.rate_limit_per_minute, settings.rate_limit_burst
        )
        # Failed authentications spend a separate budget per client address, checked before
        # the key lookup, so guessing keys costs Neo4j nothing once the budget is spent.
        self.failures = RateLimiter(
            MemoryBuckets(), settings.auth_failures_per_minute, settings.auth_failure_burst
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        db = scope["app"].state.auth_db
        client = scope.get("client") or ("unknown", 0)
        address = f"ip:{client[0]}"
        wait = await self.failures.blocked_for(address)
        if wait and (headers.get("authorization") or "").strip():
            await _too_many(send, wait, "too many failed authentications from this address")
            return
        try:
            principal = await authenticate(
                headers.get("authorization"), self.settings, db, self.keys
            )
        except Unauthenticated as exc:
            await self.failures.retry_after(address)  # spends one failure
            await error_response(
                send, 401, exc.message, "UNAUTHENTICATED", [(b"www-authenticate", b"Bearer")]
            )
            return
        except StoreUnavailable:
            await error_response(
                send, 503, "the database is unavailable; retry shortly", "SERVICE_UNAVAILABLE"
            )
            return
        bucket = principal.key if principal.key != "anonymous" else address
        wait = await self.limiter.retry_after(bucket)
        if wait:
            await _too_many(send, wait, "too many requests")
            return
        scope.setdefault("state", {})["principal"] = principal
        key = headers.get("idempotency-key")
        if key is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        try:
            await Idempotency(db, self.settings.idempotency_ttl_hours).handle(
                self.app, scope, receive, send, key.strip(), bucket
            )
        except StoreUnavailable:
            await error_response(
                send, 503, "the database is unavailable; retry shortly", "SERVICE_UNAVAILABLE"
            )


async def _too_many(send: Send, wait: int, what: str) -> None:
    await error_response(
        send,
        429,
        f"{what}; retry after {wait}s",
        "RATE_LIMITED",
        [(b"retry-after", str(wait).encode())],
    )
