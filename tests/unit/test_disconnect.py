"""CancelOnDisconnect on plain ASGI callables: the app runs in the request's task, a client
that leaves cancels it, and a cancellation from outside (shutdown) is not swallowed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from skillgraph.disconnect import CancelOnDisconnect

SCOPE = {"type": "http"}


def _client(leave: asyncio.Event) -> Any:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"{}", "more_body": False}
        await leave.wait()
        return {"type": "http.disconnect"}

    return receive


async def test_the_app_answers_and_sees_the_body() -> None:
    messages: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        body = await receive()
        await send({"type": "http.response.body", "body": body["body"]})

    async def send(message: Any) -> None:
        messages.append(message)

    await CancelOnDisconnect(app)(SCOPE, _client(asyncio.Event()), send)
    assert messages == [{"type": "http.response.body", "body": b"{}"}]
    assert not asyncio.current_task().cancelling()  # type: ignore[union-attr]


async def test_a_client_that_leaves_cancels_the_work() -> None:
    leave = asyncio.Event()
    stopped = asyncio.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        leave.set()
        try:
            await asyncio.sleep(30)
        finally:
            stopped.set()

    async def send(message: Any) -> None:
        raise AssertionError("nothing is sent")

    await asyncio.wait_for(CancelOnDisconnect(app)(SCOPE, _client(leave), send), 5)
    assert stopped.is_set()
    # The request's task goes on (uvicorn finishes the cycle) without a pending cancel.
    assert not asyncio.current_task().cancelling()  # type: ignore[union-attr]
    await asyncio.sleep(0)


async def test_a_cancellation_from_outside_propagates() -> None:
    started = asyncio.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        started.set()
        await asyncio.sleep(30)

    async def send(message: Any) -> None:
        raise AssertionError("nothing is sent")

    task = asyncio.ensure_future(CancelOnDisconnect(app)(SCOPE, _client(asyncio.Event()), send))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
