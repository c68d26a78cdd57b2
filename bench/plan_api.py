"""End-to-end `credentialPlan` latency through the API on the demo data:
`python bench/plan_api.py` (from bench/, with SKILLGRAPH_NEO4J_URI pointing at a Neo4j seeded by
`skillgraph seed demo`, e.g. the dev instance of `make run`).

The app runs under uvicorn in a thread on loopback, with an ADMIN key made for the run. The
(person, target role) pairs are a seeded sample of the demo's TARGETS links plus the demo
person and posting that `make load` uses. Each pair is asked once to warm up, then `--runs`
times in round-robin; the report gives p50/p95 per query shape, the CPU time per request of
this process (the API and its client) and, when Neo4j is the local instance of
SKILLGRAPH_NEO4J_HOME (its pid file is read), of Neo4j, and the Cypher round trips per
request. Sequential requests: this measures latency, not throughput (`make load` does).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.conftest import make_key, serve_in_thread, stop_server

from common import percentile, write_result
from skillgraph.app import create_app
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.seed import DEMO_PERSON_URI, DEMO_POSTING_URI
from skillgraph.settings import Settings
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver

# What `make load` asks (load/locustfile.py), and what a learner's plan screen shows.
QUERIES = {
    "load": "query($p: ID!, $r: ID!) { credentialPlan(personId: $p, roleId: $r) {"
    " steps { position credential { name } } totalCost { amount currency } optimal } }",
    "screen": "query($p: ID!, $r: ID!) { credentialPlan(personId: $p, roleId: $r,"
    " options: {include: ALL}) { steps { position credential { id name cost { amount currency }"
    " durationHours } covers { id name } enables { id } } totalCost { amount currency }"
    " totalHours coverageBefore coverageAfter complete optimal uncoverable { id name } } }",
}


async def pairs(db: Database, sample: int, seed: int) -> list[tuple[str, str]]:
    rows = await db.run_raw(
        "MATCH (p:Person)-[:TARGETS]->(r:Role) RETURN p.id AS p, r.id AS r ORDER BY p, r"
    )
    found = [(row["p"], row["r"]) for row in rows]
    chosen = random.Random(seed).sample(found, min(sample, len(found)))
    demo = (
        id_for_uri(NodeType.PERSON, DEMO_PERSON_URI),
        id_for_uri(NodeType.ROLE, DEMO_POSTING_URI),
    )
    return [demo, *chosen]


def neo4j_cpu_s() -> float | None:
    """CPU seconds used so far by the local Neo4j of SKILLGRAPH_NEO4J_HOME, if it runs here."""
    home = Path(os.environ.get("SKILLGRAPH_NEO4J_HOME", "../.data/neo4j"))
    try:
        pid = int((home / "neo4j-local.pid").read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(
    client: httpx.AsyncClient, db: Database, query: str, work: list[tuple[str, str]], runs: int
) -> tuple[list[float], list[float], list[int], int, float | None]:
    for person, role in work:  # warm up: JIT of Cypher plans, HiGHS import, caches
        await client.post("/graphql", json={"query": query, "variables": {"p": person, "r": role}})
    times: list[float] = []
    cpus: list[float] = []
    trips: list[int] = []
    errors = 0
    neo4j_before = neo4j_cpu_s()
    for _ in range(runs):
        for person, role in work:
            before = db.round_trips
            started, cpu = time.perf_counter(), time.process_time()
            response = await client.post(
                "/graphql", json={"query": query, "variables": {"p": person, "r": role}}
            )
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            trips.append(db.round_trips - before)
            body: dict[str, Any] = response.json()
            errors += bool(body.get("errors"))
    neo4j_after = neo4j_cpu_s()
    neo4j = None
    if neo4j_before is not None and neo4j_after is not None:
        neo4j = (neo4j_after - neo4j_before) / len(times)
    return times, cpus, trips, errors, neo4j


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--label", default="")
    parser.add_argument("--output", default="plans/api-latest.md")
    args = parser.parse_args()
    settings = Settings()
    app = create_app(
        settings.model_copy(update={"rate_limit_burst": 1_000_000, "rate_limit_per_minute": 10**9})
    )
    server, thread, url = serve_in_thread(app)
    driver = open_driver(settings)
    try:
        # The app's Database lives on the server thread's loop; this one is for set-up.
        own = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
        key = await make_key(own, "ADMIN")
        work = await pairs(own, args.pairs, args.seed)
        served: Database = app.state.db
        lines = [
            "# credentialPlan end to end (demo data)",
            "",
            f"`python bench/plan_api.py --pairs {args.pairs} --runs {args.runs} "
            f"--seed {args.seed}` {args.label}",
            "",
            f"{len(work)} (person, target role) pairs, {args.runs} sequential runs each, "
            "after one warm-up pass; loopback HTTP, ADMIN key. API CPU: CPU time of the "
            "benchmark process (the API and its client) per request; Neo4j CPU: the local "
            "Neo4j's CPU time over the timed requests, per request (n/a: not a local one). "
            f"Load average at the start: {os.getloadavg()[0]:.1f} (2 cores).",
            "",
            "| query | p50 | p95 | max | API CPU p50 | Neo4j CPU | round trips (median) | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        headers = {"authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
            for name, query in QUERIES.items():
                times, cpus, trips, errors, neo4j = await measure(
                    client, served, query, work, args.runs
                )
                neo4j_text = "n/a" if neo4j is None else f"{neo4j * 1000:.1f} ms"
                lines.append(
                    f"| {name} | {statistics.median(times) * 1000:.1f} ms | "
                    f"{percentile(times, 95) * 1000:.1f} ms | {max(times) * 1000:.1f} ms | "
                    f"{statistics.median(cpus) * 1000:.1f} ms | {neo4j_text} | "
                    f"{statistics.median(trips):.0f} | {errors} |"
                )
        write_result(args.output, "\n".join(lines) + "\n")
    finally:
        await driver.close()
        stop_server(server, thread)


if __name__ == "__main__":
    asyncio.run(main())
