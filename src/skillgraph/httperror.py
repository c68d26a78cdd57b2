"""GraphQL-shaped JSON errors for responses sent before the GraphQL layer runs."""

from __future__ import annotations

import json
from collections.abc import Sequence

from starlette.types import Send

from skillgraph.observability.requests import note_outcome_code

__all__ = ["error_response"]


async def error_response(
    send: Send,
    status: int,
    message: str,
    code: str,
    headers: Sequence[tuple[bytes, bytes]] = (),
) -> None:
    """A GraphQL-shaped JSON error sent before the GraphQL layer runs."""
    note_outcome_code(code)
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
