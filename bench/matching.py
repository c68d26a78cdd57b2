"""Matching latency on the full-scale synthetic graph: `python bench/matching.py`.

Needs the bench Neo4j (port 7690) seeded with `skillgraph seed synthetic --scale 1`
(bench/imports.py leaves it so). For candidatesForRole (a role with about 30 requirements)
and rolesForPerson: the median through the API (HTTP, uvicorn, ADMIN key) and of the bare
Cypher through the driver, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
from tests.e2e.conftest import serve_in_thread, stop_server

from common import bench_database, bench_settings, write_result
from skillgraph.analysis.gap import held_from, requirements_from
from skillgraph.analysis.matching import match_requirements
from skillgraph.app import create_app
from skillgraph.auth.apikey import hash_secret, new_token
from skillgraph.domain.gap import GapOptions
from skillgraph.domain.plan_model import to_units
from skillgraph.domain.skills import held_levels
from skillgraph.store import apikeys, explore, gaps, links, matching
from skillgraph.store.database import Database
from skillgraph.store.explore import MarketOrder, SearchType


async def median_ms(work: Callable[[], Awaitable[Any]], runs: int) -> float:
    await work()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def pick(db: Database) -> tuple[str, int, str]:
    rows = await db.run_raw(
        "MATCH (r:Role) WITH r, COUNT { (r)-[:REQUIRES]->() } AS n "
        "RETURN r.id AS id, n ORDER BY abs(n - 30), id LIMIT 1"
    )
    person = await db.run_raw(
        "MATCH (p:Person) WHERE COUNT { (p)-[:HAS_SKILL]->() } >= 15 "
        "RETURN p.id AS id ORDER BY id LIMIT 1"
    )
    return rows[0]["id"], int(rows[0]["n"]), person[0]["id"]


async def main(runs: int) -> None:
    async with bench_database() as db:
        role_id, count, person_id = await pick(db)
        token = new_token()
        await apikeys.create(db, token.key_id, hash_secret(token.secret), "ADMIN", None, "bench")
        now = datetime.now(UTC)
        options = GapOptions()
        rows = (await links.requirements(db, [role_id]))[role_id]
        reqs, _, _ = match_requirements(requirements_from(rows), {}, options)

        async def bare_candidates() -> Any:
            return await matching.candidate_page(
                db,
                reqs,
                as_of=now,
                verified_only=False,
                min_covered=1,
                visibilities=["MATCHABLE", "PUBLIC"],
                after=None,
                limit=21,
            )

        async def bare_roles() -> Any:
            evidence = await gaps.person_evidence(db, [person_id])
            held = held_levels(held_from(evidence.get(person_id), now))
            request = matching.RoleQuery(held, to_units(1.0), to_units(0.25))
            return await matching.role_page(db, request, after=None, limit=21)

        settings = bench_settings().model_copy(
            update={"rate_limit_burst": 10**9, "rate_limit_per_minute": 10**9}
        )
        server, thread, url = serve_in_thread(create_app(settings))
        headers = {"authorization": f"Bearer {token}"}
        try:
            async with httpx.AsyncClient(base_url=url, timeout=120, headers=headers) as client:

                async def api(query: str, variables: dict[str, Any]) -> None:
                    body = (
                        await client.post("/graphql", json={"query": query, "variables": variables})
                    ).json()
                    assert "errors" not in body, body["errors"]

                candidates_query = (
                    "query($r: ID!) { candidatesForRole(roleId: $r, first: 20) { edges { score "
                    "node { id } met { skill { id } } missing { skill { id } } } } }"
                )
                roles_query = (
                    "query($p: ID!) { rolesForPerson(personId: $p, first: 20) { edges { "
                    "coverage missingCount node { id title } } } }"
                )
                popular = (
                    await db.run_raw(
                        "MATCH (s:Skill) RETURN s.id AS id "
                        "ORDER BY COUNT { (s)<-[:REQUIRES]-() } DESC, id LIMIT 1"
                    )
                )[0]["id"]
                started = time.perf_counter()
                await explore.refresh_stats(db)
                refresh_s = time.perf_counter() - started

                async def bare_related() -> Any:
                    await explore.linked(db, popular)
                    return await db.read(explore.COOCCURRENCE, {"id": popular, "limit": 10})

                async def bare_market() -> Any:
                    return await explore.market_page(
                        db,
                        order=MarketOrder.DEMAND,
                        text=None,
                        skill_type=None,
                        after=None,
                        limit=21,
                    )

                async def bare_search() -> Any:
                    return await explore.search(db, "(data OR data*)", list(SearchType), 10)

                related_query = (
                    "query($s: ID!) { relatedSkills(skillId: $s) { score skill { id name } } }"
                )
                market_query = "{ skillMarket(first: 20) { edges { value node { id name } } } }"
                search_query = '{ search(text: "data") { type score label node { id } } }'
                table = []
                for name, bare, query, variables in [
                    (
                        "relatedSkills (most required skill)",
                        bare_related,
                        related_query,
                        {"s": popular},
                    ),
                    ("skillMarket (first page, DEMAND)", bare_market, market_query, {}),
                    ('search ("data")', bare_search, search_query, {}),
                    (
                        f"candidatesForRole ({count} requirements)",
                        bare_candidates,
                        candidates_query,
                        {"r": role_id},
                    ),
                    ("rolesForPerson", bare_roles, roles_query, {"p": person_id}),
                ]:
                    cypher = await median_ms(bare, runs)
                    through = await median_ms(lambda q=query, v=variables: api(q, v), runs)
                    ratio = through / cypher
                    table.append(f"| {name} | {through:,.0f} ms | {cypher:,.0f} ms | {ratio:.2f} |")
        finally:
            stop_server(server, thread)
    counts = await _counts()
    lines = [
        "# Matching latency",
        "",
        f"`python bench/matching.py --runs {runs}` on the synthetic graph ({counts}).",
        "",
        "relatedSkills through the API is served from the co-occurrence cache after the first "
        "call; the bare Cypher column recomputes it every time.",
        f"`skillgraph stats refresh` (all skills) took {refresh_s:.0f} s on this graph.",
        "",
        "| query | API median | bare Cypher median | ratio |",
        "|---|---|---|---|",
        *table,
    ]
    write_result("matching.md", "\n".join(lines) + "\n")


async def _counts() -> str:
    async with bench_database() as db:
        rows = await db.run_raw(
            "MATCH (n) WHERE n:Person OR n:Skill OR n:Role OR n:Credential "
            "RETURN labels(n)[0] AS l, count(*) AS c ORDER BY l"
        )
    return ", ".join(f"{r['c']:,} {r['l']}" for r in rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    asyncio.run(main(parser.parse_args().runs))
