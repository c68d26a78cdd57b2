"""Value signals on the full-scale synthetic graph: `cd bench && PYTHONPATH=.. python
value.py` (make bench runs it after bench/imports.py).

Uses the bench Neo4j (SKILLGRAPH_BENCH_NEO4J_URI, default port 7690; started unless
SKILLGRAPH_EXTERNAL_NEO4J=1) holding `skillgraph seed synthetic --scale 1` (10k credentials,
100k people, 5k postings), as bench/imports.py leaves it; seeds it first otherwise.
Measures `skillgraph stats refresh` (every stored signal: skill statistics, trends, market
balance, credential value) and reading `credentials(orderBy: {field: VALUE}, first: 20)`
through the API (HTTP, uvicorn): the compiled read (id, name) and the same page with each
credential's value score (answered by the resolvers), plus the page's bare Cypher.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
from tests.e2e.conftest import serve_in_thread, stop_server

from common import bench_database, bench_settings, percentile, write_result
from skillgraph.analysis.value import refresh_signals
from skillgraph.app import create_app
from skillgraph.ingest.seed import seed_synthetic
from skillgraph.localdb import LocalNeo4j
from skillgraph.model.ids import NodeType
from skillgraph.seed import Sizes
from skillgraph.store import admin
from skillgraph.store.compiler import Fetch, RootRead, compile_root, run_root
from skillgraph.store.database import Database

PAGE = (
    "{ credentials(orderBy: {field: VALUE, direction: DESC}, first: 20) "
    "{ edges { node { id name } } } }"
)
PAGE_VALUE = (
    "{ credentials(orderBy: {field: VALUE, direction: DESC}, first: 20) "
    "{ edges { node { id name value { score } } } } }"
)
ROOT = RootRead(
    Fetch(NodeType.CREDENTIAL, ("id", "name")),
    order="VALUE",
    descending=True,
    params={"limit": 21, "afterKey": None, "afterId": None},
)


async def plan_operators(db: Database) -> list[str]:
    _, summary, _ = await db.driver.execute_query(
        "EXPLAIN " + compile_root(ROOT), dict(ROOT.params), database_=db.database
    )
    found: list[str] = []

    def walk(plan: dict[str, Any]) -> None:
        found.append(plan["operatorType"].split("@")[0])
        for child in plan.get("children", []):
            walk(child)

    assert summary.plan is not None
    walk(summary.plan)
    return found


def neo4j_cpu_s(pid: int | None) -> float | None:
    """CPU seconds the Neo4j JVM has used (user + system), when it runs here."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stats(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{statistics.median(ms):.1f} ms | {percentile(ms, 95):.1f} ms"


async def seeded(db: Database) -> dict[str, int]:
    """The graph's counts, after seeding synthetic scale 1 unless it holds it already."""
    counts = await admin.counts(db)
    sizes = Sizes.at(1.0)
    if counts.get("Credential") != sizes.credentials or counts.get("Person") != sizes.people:
        print("seeding synthetic --scale 1 (a few minutes)")
        await admin.wipe(db)
        await seed_synthetic(db, 1.0)
        counts = await admin.counts(db)
    return counts


async def main(runs: int, refreshes: int) -> None:
    settings = bench_settings().model_copy(
        update={"rate_limit_burst": 10**9, "rate_limit_per_minute": 10**9}
    )
    async with bench_database() as plain:
        # A batch job over the whole graph: reads may outlast a request's timeout.
        db = Database(plain.driver, plain.database, plain.catalogue, timeout_s=3600)
        counts = await seeded(db)
        refresh_rows = []
        pid = LocalNeo4j(settings).pid()
        for n in range(1, refreshes + 1):
            started, cpu, db_cpu = time.perf_counter(), time.process_time(), neo4j_cpu_s(pid)
            done = await refresh_signals(db)
            took = time.perf_counter() - started
            own = time.process_time() - cpu
            after = neo4j_cpu_s(pid)
            theirs = "n/a" if after is None or db_cpu is None else f"{after - db_cpu:.1f} s"
            steps = ", ".join(f"{k} {v:.1f} s" for k, v in done.seconds.items())
            refresh_rows.append(f"| {n} | {took:.1f} s | {own:.1f} s | {theirs} | {steps} |")
        operators = await plan_operators(db)

        async def bare() -> Any:
            return await run_root(db, ROOT)

        bare_times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            await bare()
            bare_times.append(time.perf_counter() - started)
        app = create_app(settings)
        server, thread, url = serve_in_thread(app)
        try:
            async with httpx.AsyncClient(base_url=url, timeout=120) as client:

                async def api(query: str) -> list[float]:
                    times = []
                    for _ in range(runs + 1):
                        started = time.perf_counter()
                        body = (await client.post("/graphql", json={"query": query})).json()
                        times.append(time.perf_counter() - started)
                        assert "errors" not in body, body
                    return times[1:]  # the first warms caches

                page = await api(PAGE)
                page_value = await api(PAGE_VALUE)
        finally:
            stop_server(server, thread)
    load = os.getloadavg()
    sorted_ = {"Sort", "Top", "PartialSort", "PartialTop"} & set(operators)
    ordering = "sorted" if sorted_ else "no sort: the (valueScore, id) index gives the order"
    sizes = ", ".join(f"{v:,} {k}" for k, v in sorted(counts.items()))
    lines = [
        "# Value signals",
        "",
        f"`cd bench && PYTHONPATH=.. python value.py --runs {runs} --refreshes {refreshes}` "
        "on the synthetic "
        f"graph at scale 1 ({sizes}). The machine is shared (2 cores, several developers' "
        f"Neo4j instances and test runs): load average {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (1/5/15 min) when it finished, so these are upper bounds.",
        "",
        "## `skillgraph stats refresh` (every signal)",
        "",
        "CPU is what the refresh itself used (this process, and the Neo4j JVM when it runs "
        "on this machine): what the refresh costs whatever the machine's load; on an idle "
        "machine the wall time is at most their sum (the two overlap while Neo4j computes "
        "the skill statistics and this process decodes the market).",
        "",
        "| run | wall | CPU here | CPU Neo4j | steps (wall) |",
        "|---|---|---|---|---|",
        *refresh_rows,
        "",
        "## `credentials(orderBy: {field: VALUE, direction: DESC}, first: 20)`",
        "",
        "| read | median | p95 |",
        "|---|---|---|",
        f"| API, id and name (compiled read) | {stats(page)} |",
        f"| API, id, name and value.score (resolvers) | {stats(page_value)} |",
        f"| the page's Cypher through the driver | {stats(bare_times[1:])} |",
        "",
        f"Plan operators: {', '.join(dict.fromkeys(operators))} ({ordering}).",
    ]
    write_result("value.md", "\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--refreshes", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.refreshes))
