"""Shared bench plumbing: a dedicated Neo4j (port 7690, .data/neo4j-bench) and timing."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

from skillgraph.localdb import LocalNeo4j
from skillgraph.settings import Settings
from skillgraph.store import migrations
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver

T = TypeVar("T")
RESULTS = Path(__file__).parent / "results"


def bench_settings() -> Settings:
    return Settings(
        _env_file=None,
        neo4j_uri=os.environ.get("SKILLGRAPH_BENCH_NEO4J_URI", "bolt://127.0.0.1:7690"),
        neo4j_home=Path(os.environ.get("SKILLGRAPH_BENCH_NEO4J_HOME", ".data/neo4j-bench")),
        neo4j_heap="2g",
        neo4j_pagecache_mb=1024,
        request_timeout_s=120.0,
    )


@asynccontextmanager
async def bench_database() -> AsyncIterator[Database]:
    settings = bench_settings()
    if os.environ.get("SKILLGRAPH_EXTERNAL_NEO4J") != "1":
        print(LocalNeo4j(settings).start())
    driver = open_driver(settings)
    try:
        db = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
        await migrations.apply_pending(db)
        yield db
    finally:
        await driver.close()


async def timed(work: Callable[[], Awaitable[T]]) -> tuple[T, float]:
    started = time.perf_counter()
    result = await work()
    return result, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def write_result(name: str, text: str) -> None:
    (RESULTS / name).parent.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(text)
    print(text)
