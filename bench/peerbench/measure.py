"""Timing: sequential latency and throughput at a fixed concurrency, in interleaved rounds,
with the CPU time every process involved spent on each system's requests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from peerbench.cpu import ProcessTree, own_seconds
from peerbench.shapes import Shape
from peerbench.system import System

__all__ = ["Plan", "Tally", "run_rounds", "warm_up"]


@dataclass(frozen=True)
class Plan:
    rounds: int = 3
    # Sequential phase: this many requests one after the other, or fewer once cap_s passed.
    sequential: int = 50
    sequential_cap_s: float = 8.0
    # Throughput phase: `concurrency` callers loop until `seconds` passed, then finish.
    concurrency: int = 8
    seconds: float = 5.0
    warmup: int = 3
    timeout_s: float = 30.0


@dataclass
class Tally:
    """One system on one shape, summed over the rounds. CPU seconds cover the throughput
    phases: ``server`` is the system's own process tree (for the floor: this process, whose
    driver does the server's work), ``neo4j`` the database, ``client`` this process."""

    latencies: list[float] = field(default_factory=list)
    sequential_errors: int = 0
    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0
    round_rates: list[float] = field(default_factory=list)
    first_error: str | None = None
    server: float = 0.0
    neo4j: float = 0.0
    client: float = 0.0


async def _timed_call(system: System, shape: Shape, timeout_s: float) -> tuple[str | None, float]:
    """(None, seconds) for an answer without errors, else (what went wrong, seconds)."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            error = await system.call(shape)
    except TimeoutError:
        error = f"no answer within {timeout_s:g} s"
    except Exception as failure:
        # A refused or reset connection, a driver or server error: a failed request.
        error = f"{type(failure).__name__}: {str(failure)[:300]}"
    return error, time.perf_counter() - started


async def _sequential(system: System, shape: Shape, plan: Plan, tally: Tally) -> None:
    began = time.perf_counter()
    for _ in range(plan.sequential):
        error, took = await _timed_call(system, shape, plan.timeout_s)
        tally.latencies.append(took)
        if error is not None:
            tally.sequential_errors += 1
            tally.first_error = tally.first_error or error
        if time.perf_counter() - began > plan.sequential_cap_s:
            break


async def _throughput(
    system: System,
    shape: Shape,
    plan: Plan,
    tally: Tally,
    server: Callable[[], float],
    neo4j: ProcessTree,
) -> None:
    counts = [0, 0]  # successes, failures

    async def caller(deadline: float) -> None:
        while time.perf_counter() < deadline:
            error, _ = await _timed_call(system, shape, plan.timeout_s)
            counts[0 if error is None else 1] += 1
            if error is not None:
                tally.first_error = tally.first_error or error

    server_before, neo4j_before, client_before = server(), neo4j.seconds(), own_seconds()
    started = time.perf_counter()
    deadline = started + plan.seconds
    await asyncio.gather(*(caller(deadline) for _ in range(plan.concurrency)))
    elapsed = time.perf_counter() - started
    tally.server += server() - server_before
    tally.neo4j += neo4j.seconds() - neo4j_before
    tally.client += own_seconds() - client_before
    tally.requests += counts[0]
    tally.errors += counts[1]
    tally.elapsed += elapsed
    tally.round_rates.append(counts[0] / elapsed)


async def warm_up(shapes: Sequence[Shape], systems: Sequence[System], plan: Plan) -> None:
    """``plan.warmup`` untimed requests per shape and system: a cold Neo4j's first plans and
    caches, and a server's first parses, are not what is compared."""
    for shape in shapes:
        for system in systems:
            for _ in range(plan.warmup):
                await _timed_call(system, shape, plan.timeout_s)


async def run_rounds(
    shapes: Sequence[Shape],
    systems: Sequence[System],
    servers: Sequence[Callable[[], float]],
    neo4j: ProcessTree,
    plan: Plan,
    progress: Callable[[str], None] = print,
) -> dict[tuple[str, str], Tally]:
    """Tallies by (shape name, system name). Every round runs every shape on every system in
    turn; the systems' order rotates by one each round, so none always follows another.
    ``servers[i]`` reads the CPU seconds of ``systems[i]``'s server so far."""
    tallies = {(s.name, system.name): Tally() for s in shapes for system in systems}
    order = list(zip(systems, servers, strict=True))
    for number in range(plan.rounds):
        turn = order[number % len(order) :] + order[: number % len(order)]
        for shape in shapes:
            for system, server in turn:
                tally = tallies[(shape.name, system.name)]
                await _sequential(system, shape, plan, tally)
                await _throughput(system, shape, plan, tally, server, neo4j)
                progress(
                    f"round {number + 1}/{plan.rounds} {shape.name:<17} {system.name:<10}"
                    f" {tally.round_rates[-1]:8.1f} req/s"
                )
    return tallies
