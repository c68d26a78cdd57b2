"""Plans run on a bounded pool of worker threads, each within what is left of its request.

A flood of plan requests queues here instead of taking every thread the server has, and the
time a plan waits in the queue counts against its request's timeout: the solver only gets
the rest (see ``SolverPool.run``). A request cancelled while its plan runs (its client went
away) tells the solver to stop, and the worker counts as busy until it has.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from time import monotonic
from typing import Any, TypeVar

from skillgraph.errors import ServiceUnavailable

__all__ = ["Deadline", "PlannerBusy", "SolverPool"]

T = TypeVar("T")

# Kept back from the solver for turning its answer into a response.
RESPONSE_MARGIN_S = 0.25


class PlannerBusy(ServiceUnavailable):
    """Too many plans are waiting, or the request's time ran out while waiting."""


class Deadline:
    """The moment (``time.monotonic``) by which a request must have its answer."""

    def __init__(self, started: float, timeout_s: float) -> None:
        self.at = started + timeout_s - RESPONSE_MARGIN_S

    def remaining_ms(self) -> int:
        return int((self.at - monotonic()) * 1000)


class SolverPool:
    """At most ``workers`` plans run at once; at most ``queue`` more wait for a worker,
    further ones are refused at once (PlannerBusy, SERVICE_UNAVAILABLE) rather than left to
    time out."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self.queue = queue
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="planner")
        self._slots = asyncio.Semaphore(workers)
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    async def run(
        self, work: Callable[[int, Callable[[], bool]], T], deadline: Deadline, limit_ms: int
    ) -> T:
        """``work(time_limit_ms, stop)`` on a worker thread, with the smaller of ``limit_ms``
        and what is left of ``deadline`` once a worker is free; ``stop()`` turns true when
        this coroutine is cancelled, and ``work`` should then end soon. Raises PlannerBusy
        when the queue is full or no time is left."""
        if self._waiting >= self.queue:
            raise PlannerBusy(
                f"the planner is busy ({self._waiting} plans are waiting); retry shortly"
            )
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        held = True
        try:
            remaining = deadline.remaining_ms()
            if remaining < 1:
                raise PlannerBusy(
                    "the request's time ran out while waiting for the planner; retry shortly"
                )
            stopped = threading.Event()
            loop = asyncio.get_running_loop()
            running = loop.run_in_executor(
                self._executor, work, min(limit_ms, remaining), stopped.is_set
            )
            try:
                return await asyncio.shield(running)
            except asyncio.CancelledError:
                # The thread cannot be killed: it is told to stop, and keeps its worker (the
                # slot) until it has.
                stopped.set()
                held = False
                running.add_done_callback(self._finished)
                raise
        finally:
            if held:
                self._slots.release()

    def _finished(self, running: asyncio.Future[Any]) -> None:
        self._slots.release()
        if not running.cancelled():
            running.exception()  # retrieved: an abandoned plan's failure has no one to tell

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
