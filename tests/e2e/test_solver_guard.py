"""The solver is a guarded resource: it never outlives its request (nor its client), a flood
of plans queues (or costs too much) without starving other requests."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from typing import Any

import httpx

from skillgraph.app import create_app
from skillgraph.settings import Settings
from skillgraph.store.database import Database
from tests.e2e.conftest import serve_in_thread, stop_server

PLAN = """query($o: PlanOptionsInput) {
  credentialPlan(personId: "person_me", roleId: "role_hard", options: $o) {
    steps { position } complete optimal solver
  } }"""

CHEAP = "{ skills(first: 1) { edges { node { id } } } }"


async def hard_catalogue(db: Database) -> None:
    """A set-cover instance HiGHS cannot prove in a fraction of a second: 120 required
    skills, 400 credentials each teaching 12 of them at prices 50-100."""
    rng = random.Random(11)
    skills = [f"skill_h{i:03}" for i in range(120)]
    credentials = [
        {
            "id": f"cred_h{i:03}",
            "cost": f"{rng.randint(50, 100)}.00",
            "teaches": rng.sample(skills, 12),
        }
        for i in range(400)
    ]
    await db.run_raw(
        "UNWIND $skills AS id "
        "CREATE (:Skill {id: id, name: id, sortKey: id, createdAt: datetime(), "
        "updatedAt: datetime()})",
        {"skills": skills},
    )
    await db.run_raw(
        "CREATE (:Person {id: 'person_me', name: 'Me', sortKey: 'me', visibility: 'PRIVATE', "
        "createdAt: datetime(), updatedAt: datetime()}) "
        "CREATE (r:Role {id: 'role_hard', title: 'Hard', sortKey: 'hard', kind: 'OCCUPATION', "
        "createdAt: datetime(), updatedAt: datetime()}) "
        "WITH r UNWIND $skills AS id MATCH (s:Skill {id: id}) "
        "CREATE (r)-[:REQUIRES {importance: 'ESSENTIAL', level: 1}]->(s)",
        {"skills": skills},
    )
    await db.run_raw(
        "UNWIND $rows AS row "
        "CREATE (c:Credential {id: row.id, name: row.id, sortKey: row.id, status: 'ACTIVE', "
        "format: 'ONLINE', "
        "costAmount: row.cost, costCurrency: 'EUR', costValue: toFloat(row.cost), valueScore: 0.0, "
        "durationHours: 10.0, createdAt: datetime(), updatedAt: datetime()}) "
        "WITH c, row UNWIND row.teaches AS id MATCH (s:Skill {id: id}) "
        "CREATE (c)-[:TEACHES {level: 1}]->(s)",
        {"rows": credentials},
    )


@contextmanager
def running(settings: Settings, **changes: Any) -> Iterator[str]:
    app = create_app(
        settings.model_copy(
            update={"rate_limit_burst": 10**6, "rate_limit_per_minute": 10**9, **changes}
        )
    )
    server, thread, url = serve_in_thread(app)
    try:
        yield url
    finally:
        stop_server(server, thread)


@asynccontextmanager
async def client(url: str, key: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as http:
        yield http


async def post(http: httpx.AsyncClient, query: str, variables: Any = None) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


async def test_the_solver_gets_no_more_than_the_request_has_left(
    db: Database, settings: Settings, admin_key: str
) -> None:
    await hard_catalogue(db)
    with running(settings, request_timeout_s=4.0) as url:
        async with client(url, admin_key) as http:
            # Asking for 30 s of solver in a 4 s request: the plan comes back in time,
            # cut short, never as REQUEST_TIMEOUT.
            body = await post(http, PLAN, {"o": {"timeLimitMs": 30_000}})

    assert "errors" not in body, body["errors"]
    plan = body["data"]["credentialPlan"]
    assert plan["optimal"] is False
    assert plan["complete"] is True
    assert plan["steps"]


async def test_time_spent_waiting_for_a_solver_counts_against_the_request(
    db: Database, settings: Settings, admin_key: str
) -> None:
    await hard_catalogue(db)
    with running(settings, request_timeout_s=5.0, solver_workers=1) as url:
        async with client(url, admin_key) as http:
            bodies = await asyncio.gather(
                *[post(http, PLAN, {"o": {"timeLimitMs": 30_000}}) for _ in range(2)]
            )

    # The second waited for the first's worker and still answered within its own time.
    for body in bodies:
        assert "errors" not in body, body["errors"]
        assert body["data"]["credentialPlan"]["complete"] is True


def aliased_plans(count: int, limit_ms: int) -> str:
    fields = " ".join(
        f'p{i}: credentialPlan(personId: "person_me", roleId: "role_hard", '
        f"options: {{timeLimitMs: {limit_ms}}}) {{ optimal }}"
        for i in range(count)
    )
    return "{ " + fields + " }"


async def test_fifteen_aliased_plans_queue_without_starving_a_cheap_request(
    db: Database, settings: Settings, admin_key: str
) -> None:
    await hard_catalogue(db)
    with running(settings, solver_workers=1) as url:
        async with client(url, admin_key) as http:
            flood = asyncio.ensure_future(post(http, aliased_plans(15, 300)))
            await asyncio.sleep(0.2)
            cheap = await post(http, CHEAP)
            flooded = flood.done()
            body = await flood

    assert "errors" not in cheap
    assert not flooded  # the cheap request was answered while the plans still queued
    # Plans still queued when the request's time runs out say so; nothing times out.
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert codes <= {"SERVICE_UNAVAILABLE"}
    if not codes:
        assert len(body["data"]) == 15
    assert body["extensions"]["cost"]["requested"] >= 15 * settings.plan_cost


async def test_plans_count_in_the_query_cost(
    db: Database, settings: Settings, admin_key: str
) -> None:
    await hard_catalogue(db)
    with running(settings, plan_cost=5_000) as url:
        async with client(url, admin_key) as http:
            many = await post(http, aliased_plans(15, 100))
            alternatives = await post(
                http,
                '{ credentialPlan(personId: "person_me", roleId: "role_hard", '
                "options: {alternatives: 3, timeLimitMs: 100}) { optimal } }",
            )

    assert many["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "data" not in many or many["data"] is None
    # One plan with three alternatives is four plans.
    assert alternatives["extensions"]["cost"]["requested"] >= 4 * 5_000


async def test_a_plan_whose_client_disconnects_stops_solving(
    db: Database, settings: Settings, admin_key: str
) -> None:
    await hard_catalogue(db)
    with running(settings, request_timeout_s=60.0, solver_workers=1) as url:
        async with client(url, admin_key) as http:
            # Twenty seconds of solver asked for, and the client gives up after one.
            with suppress(httpx.TimeoutException):
                await http.post(
                    "/graphql",
                    json={"query": PLAN, "variables": {"o": {"timeLimitMs": 20_000}}},
                    timeout=1.0,
                )
            started = time.monotonic()
            # The only worker is free again once the abandoned plan has stopped.
            body = await post(http, PLAN, {"o": {"timeLimitMs": 200}})
            waited = time.monotonic() - started

    assert "errors" not in body, body["errors"]
    assert body["data"]["credentialPlan"]["complete"] is True
    assert waited < 10, waited
