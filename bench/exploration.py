"""Exploration latency on the full-scale synthetic graph: `python bench/exploration.py`.

Needs the bench Neo4j (port 7690) already running and seeded with `skillgraph seed synthetic
--scale 1`. It only reads, except for one `refresh_stats` run (skill statistics are written
onto the Skill nodes): no migrations, no API key (the API is called anonymously, which may
read the catalogue and aggregates). For each question: the median through the API (HTTP,
uvicorn) and of the same Cypher through the driver, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx
from starlette.applications import Starlette
from tests.e2e.conftest import serve_in_thread, stop_server

from common import bench_settings, write_result
from skillgraph.analysis.paths import Neighbour, shortest_path
from skillgraph.app import create_app
from skillgraph.store import explore
from skillgraph.store.cypher import Catalogue
from skillgraph.store.database import Database, open_driver
from skillgraph.store.explore import CooccurrenceCache, MarketOrder, SearchType

Work = Callable[[], Awaitable[Any]]
FIRST = 10  # relatedSkills' default `first`

RELATED = (
    "query($s: ID!) { relatedSkills(skillId: $s) { score skill { id name } reasons { score } } }"
)
PATH = (
    "query($a: ID!, $b: ID!) { skillPath(fromSkillId: $a, toSkillId: $b, maxHops: 6) {"
    " found hops { link source { id } target { id } via { id } } } }"
)
MARKET = (
    "query($f: SkillMarketFilter) { skillMarket(filter: $f, first: 20) {"
    " edges { value node { id name } } } }"
)
MARKET_STATS = (
    "{ skillMarket(orderBy: SCARCITY, first: 20) { edges { node { id"
    " stats { demand { total essential } supply { total verified } credentials scarcity } } } } }"
)
SEARCH = '{ search(text: "data") { type score label node { id } } }'


async def median_ms(work: Work, runs: int) -> float:
    await work()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def pick(db: Database) -> tuple[str, int, str]:
    """The most required skill (and how many roles require it) and a skill two hops away."""
    popular = await db.run_raw(
        "MATCH (s:Skill) WITH s, COUNT { (s)<-[:REQUIRES]-(:Role) } AS n "
        "RETURN s.id AS id, n ORDER BY n DESC, id LIMIT 1"
    )
    far = await db.run_raw(
        "MATCH (s:Skill) WHERE NOT EXISTS { (s)<-[:REQUIRES]-(:Role) } "
        "AND EXISTS { (s)-[:BROADER]->(:Skill)<-[:REQUIRES]-(:Role) } "
        "RETURN s.id AS id ORDER BY id LIMIT 1"
    )
    return popular[0]["id"], int(popular[0]["n"]), far[0]["id"]


async def path(db: Database, start: str, goal: str) -> Any:
    async def fetch(ids: Sequence[str]) -> list[Neighbour]:
        rows = await explore.neighbours(db, ids)
        return [Neighbour(r["from"], r["next"], r["kind"], r["via"]) for r in rows]

    return await shortest_path(start, goal, 6, fetch)


async def main(runs: int) -> None:
    settings = bench_settings().model_copy(
        update={"rate_limit_burst": 10**9, "rate_limit_per_minute": 10**9}
    )
    driver = open_driver(settings)
    db = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
    try:
        popular, demand, far = await pick(db)
        started = time.perf_counter()
        await explore.refresh_stats(db)
        refresh_s = time.perf_counter() - started

        async def bare_related_cold() -> Any:
            await explore.linked(db, popular)
            return await db.read(explore.COOCCURRENCE, {"id": popular, "limit": FIRST})

        async def bare_related_warm() -> Any:
            await db.read(explore.VERSION)
            return await explore.linked(db, popular)

        async def bare_market(text: str | None, order: MarketOrder = MarketOrder.DEMAND) -> Any:
            # Stored statistics ride on the Skill records, so this is Skill.stats' Cypher too.
            return await explore.market_page(
                db, order=order, text=text, skill_type=None, after=None, limit=21
            )

        async def bare_search() -> Any:
            return await explore.search(db, "(data OR data*)", list(SearchType), 10)

        app = create_app(settings)
        server, thread, url = serve_in_thread(app)
        try:
            async with httpx.AsyncClient(base_url=url, timeout=120) as client:
                table = await measure(
                    client,
                    app,
                    runs,
                    [
                        (
                            f"relatedSkills, cache miss ({demand} roles require the skill)",
                            bare_related_cold,
                            RELATED,
                            {"s": popular},
                            True,
                        ),
                        (
                            "relatedSkills, cache hit",
                            bare_related_warm,
                            RELATED,
                            {"s": popular},
                            False,
                        ),
                        (
                            "skillPath (that skill to one 2+ hops away)",
                            lambda: path(db, popular, far),
                            PATH,
                            {"a": popular, "b": far},
                            False,
                        ),
                        (
                            "skillMarket (first 20, DEMAND)",
                            lambda: bare_market(None),
                            MARKET,
                            {"f": None},
                            False,
                        ),
                        (
                            'skillMarket (first 20, text "data")',
                            lambda: bare_market("(data OR data*)"),
                            MARKET,
                            {"f": {"text": "data"}},
                            False,
                        ),
                        (
                            "skillMarket + Skill.stats (first 20, SCARCITY)",
                            lambda: bare_market(None, MarketOrder.SCARCITY),
                            MARKET_STATS,
                            {},
                            False,
                        ),
                        ('search ("data", all types)', bare_search, SEARCH, {}, False),
                    ],
                )
        finally:
            stop_server(server, thread)
    finally:
        await driver.close()
    lines = [
        "# Exploration latency",
        "",
        f"`python bench/exploration.py --runs {runs}` on the synthetic graph "
        f"({await _counts(settings)}).",
        "",
        f"`refresh_stats` (every skill) took {refresh_s:.1f} s. A cache miss is what the first "
        "relatedSkills call for a skill costs after role requirements change; the bare Cypher "
        "column of a cache hit is the version read and the explicit/hierarchy query.",
        "",
        "| query | API median | bare Cypher median | ratio |",
        "|---|---|---|---|",
        *table,
    ]
    write_result("exploration.md", "\n".join(lines) + "\n")


async def measure(
    client: httpx.AsyncClient,
    app: Starlette,
    runs: int,
    cases: list[tuple[str, Work, str, dict[str, Any], bool]],
) -> list[str]:
    table = []
    for name, bare, query, variables, cold in cases:

        async def api(q: str = query, v: dict[str, Any] = variables, c: bool = cold) -> None:
            if c:
                app.state.cooccurrence = CooccurrenceCache()
            body = (await client.post("/graphql", json={"query": q, "variables": v})).json()
            assert "errors" not in body, body["errors"]

        cypher = await median_ms(bare, runs)
        through = await median_ms(api, runs)
        table.append(f"| {name} | {through:,.0f} ms | {cypher:,.0f} ms | {through / cypher:.2f} |")
    return table


async def _counts(settings: Any) -> str:
    driver = open_driver(settings)
    try:
        db = Database(driver, settings.neo4j_database, Catalogue.load(settings.cypher_dir))
        rows = await db.run_raw(
            "MATCH (n) WHERE n:Person OR n:Skill OR n:Role OR n:Credential "
            "RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l"
        )
    finally:
        await driver.close()
    return ", ".join(f"{r['c']:,} {r['l']}" for r in rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    asyncio.run(main(parser.parse_args().runs))
