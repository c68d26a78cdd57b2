"""The planner's pool: a flood queues or is refused, waiting counts against the request, and a
cancelled plan is told to stop and keeps its worker until it has."""

from __future__ import annotations

import asyncio
import threading
from time import monotonic

import pytest

from skillgraph.analysis.solving import Deadline, PlannerBusy, SolverPool


async def test_a_plan_gets_the_smaller_of_its_limit_and_what_is_left() -> None:
    pool = SolverPool(workers=1, queue=4)
    try:
        generous = await pool.run(lambda limit, _: limit, Deadline(monotonic(), 60), 5_000)
        tight = await pool.run(lambda limit, _: limit, Deadline(monotonic(), 2), 30_000)
    finally:
        pool.close()

    assert generous == 5_000
    assert 0 < tight <= 2_000


async def test_plans_beyond_the_queue_are_refused_at_once() -> None:
    pool = SolverPool(workers=1, queue=1)
    release = threading.Event()
    try:
        running = asyncio.ensure_future(
            pool.run(lambda *_: release.wait(30), Deadline(monotonic(), 60), 1_000)
        )
        await asyncio.sleep(0)
        waiting = asyncio.ensure_future(
            pool.run(lambda limit, _: limit, Deadline(monotonic(), 60), 7)
        )
        await asyncio.sleep(0)
        assert pool.waiting == 1

        with pytest.raises(PlannerBusy, match="busy"):
            await pool.run(lambda limit, _: limit, Deadline(monotonic(), 60), 1_000)

        release.set()
        assert await running is True
        assert await waiting == 7
    finally:
        release.set()
        pool.close()


async def test_waiting_in_the_queue_counts_against_the_request() -> None:
    pool = SolverPool(workers=1, queue=4)
    release = threading.Event()
    try:
        running = asyncio.ensure_future(
            pool.run(lambda *_: release.wait(30), Deadline(monotonic(), 60), 1_000)
        )
        await asyncio.sleep(0)
        # A request whose whole time is gone by the time a worker frees up.
        expired = asyncio.ensure_future(
            pool.run(lambda limit, _: limit, Deadline(monotonic() - 60, 10), 1_000)
        )
        await asyncio.sleep(0)
        release.set()
        await running

        with pytest.raises(PlannerBusy, match="ran out while waiting"):
            await expired
    finally:
        release.set()
        pool.close()


async def test_a_cancelled_plan_is_told_to_stop_and_keeps_its_worker_until_it_has() -> None:
    pool = SolverPool(workers=1, queue=4)
    started, finish = threading.Event(), threading.Event()
    told: list[bool] = []

    def work(limit: int, stop: object) -> None:
        assert callable(stop)
        started.set()
        finish.wait(30)
        told.append(stop())

    try:
        running = asyncio.ensure_future(pool.run(work, Deadline(monotonic(), 60), 1_000))
        assert await asyncio.to_thread(started.wait, 10)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        # The abandoned thread still runs: the next plan waits for the worker.
        following = asyncio.ensure_future(
            pool.run(lambda limit, _: limit, Deadline(monotonic(), 60), 9)
        )
        await asyncio.sleep(0)
        assert pool.waiting == 1

        finish.set()
        assert await following == 9
        assert told == [True]
    finally:
        finish.set()
        pool.close()


async def test_a_plan_that_was_not_cancelled_is_never_told_to_stop() -> None:
    pool = SolverPool(workers=1, queue=4)
    try:
        assert await pool.run(lambda _, stop: stop(), Deadline(monotonic(), 60), 1_000) is False
    finally:
        pool.close()
