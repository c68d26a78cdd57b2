"""ASGI middleware that cancels a request's work when its client disconnects.

The request body is read first (BodyLimit, outside, caps it); then the app runs while a
watcher task waits for the connection to close. When the client goes away before the
response is done, the request's task is cancelled: resolvers stop at their next await and
Neo4j transactions in flight are closed, instead of running on to the request timeout. The
app sees the body as usual and, after it, a disconnect only if the client really left.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CancelOnDisconnect"]


class CancelOnDisconnect:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # gone before the request was even read
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        gone = asyncio.Event()
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        # The app runs in this task (no second task, no wait over both); a watcher task
        # cancels it when the client leaves.
        current = asyncio.current_task()
        assert current is not None
        cancelled = False

        async def watch() -> None:
            nonlocal cancelled
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            cancelled = True
            current.cancel()

        watcher = asyncio.get_running_loop().create_task(watch())
        try:
            await self.app(scope, replay, send)
        except asyncio.CancelledError:
            if not cancelled:
                raise  # cancelled from outside (shutdown): not ours to swallow
            current.uncancel()
        finally:
            watcher.cancel()
