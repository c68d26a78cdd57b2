"""``Idempotency-Key``: the first response to a key is stored (in Neo4j, so every replica
sees it) and replayed to later requests with the same key and payload; the same key with
another payload is a CONFLICT. Keys are scoped to the principal and kept ``ttl_hours``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skillgraph.errors import Conflict
from skillgraph.httperror import error_response
from skillgraph.store.cypher import query
from skillgraph.store.database import Database

__all__ = ["MAX_KEY_LENGTH", "Idempotency"]

CLAIM = query("idempotency/claim")
GET = query("idempotency/get")
COMPLETE = query("idempotency/complete")
RELEASE = query("idempotency/release")
EXPIRE = query("idempotency/expire")
MAX_KEY_LENGTH = 200


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


@dataclass
class Idempotency:
    db: Database
    ttl_hours: int

    async def handle(
        self, app: ASGIApp, scope: Scope, receive: Receive, send: Send, key: str, scope_key: str
    ) -> None:
        if not key or len(key) > MAX_KEY_LENGTH:
            await error_response(
                send,
                400,
                f"Idempotency-Key must be 1..{MAX_KEY_LENGTH} characters",
                "BAD_USER_INPUT",
            )
            return
        body = await _read_body(receive)
        digest = hashlib.sha256(body).hexdigest()
        record_key = f"{scope_key}|{key}"
        params = {"key": record_key, "ttlHours": self.ttl_hours}
        await self.db.write(EXPIRE, params)
        rows = await self.db.read(GET, params)
        if rows:
            await self._replay(send, rows[0]["record"], digest)
            return
        try:
            await self.db.write(CLAIM, {"key": record_key, "hash": digest})
        except Conflict:
            await error_response(
                send, 409, "a request with this Idempotency-Key is in progress; retry", "CONFLICT"
            )
            return
        await self._run(app, scope, body, receive, send, record_key)

    async def _replay(self, send: Send, record: dict[str, object], digest: str) -> None:
        if record.get("hash") != digest:
            await error_response(
                send,
                409,
                "this Idempotency-Key was already used with a different request; use a new key",
                "CONFLICT",
            )
            return
        if record.get("status") != "DONE":
            await error_response(
                send, 409, "a request with this Idempotency-Key is in progress; retry", "CONFLICT"
            )
            return
        body = str(record.get("response") or "").encode()
        status = record.get("statusCode")
        await send(
            {
                "type": "http.response.start",
                "status": status if isinstance(status, int) else 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"idempotent-replayed", b"true"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _run(
        self,
        app: ASGIApp,
        scope: Scope,
        body: bytes,
        receive: Receive,
        send: Send,
        record_key: str,
    ) -> None:
        """Run the request with the response held back until it is stored, so a retry that
        arrives right after this response always finds it."""
        sent = False
        messages: list[Message] = []

        async def replay_receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # the body is read: only the client's disconnect is left

        async def hold(message: Message) -> None:
            messages.append(message)

        try:
            await app(scope, replay_receive, hold)
        except BaseException:
            await self.db.write(RELEASE, {"key": record_key})
            raise
        status = next(
            (int(m["status"]) for m in messages if m["type"] == "http.response.start"), 500
        )
        chunks = [m.get("body", b"") for m in messages if m["type"] == "http.response.body"]
        response = b"".join(chunks).decode("utf-8", errors="replace")
        if status >= 500 or _transient(response):
            # Nothing worth replaying: the client should retry for real.
            await self.db.write(RELEASE, {"key": record_key})
        else:
            await self.db.write(
                COMPLETE, {"key": record_key, "response": response, "statusCode": status}
            )
        for message in messages:
            await send(message)


_RETRYABLE = {"SERVICE_UNAVAILABLE", "REQUEST_TIMEOUT", "INTERNAL"}


def _transient(response: str) -> bool:
    try:
        errors = json.loads(response).get("errors") or []
    except (ValueError, AttributeError):
        return False
    return any(
        isinstance(e, dict) and (e.get("extensions") or {}).get("code") in _RETRYABLE
        for e in errors
    )
