"""How long a skill write takes, with and without a label change (issue 14: the embedding is
computed before the write and committed with it; unchanged labels compute nothing).

Against a running API (`skillgraph serve`, the semantic extra installed) with an ADMIN key:
    SKILLGRAPH_URL=http://127.0.0.1:8000 SKILLGRAPH_ADMIN_KEY=sgk_... \\
    .venv/bin/python bench/skill_writes.py      (writes bench/results/skill_writes.md)

Rounds of upsertSkill over 50 skills of its own (uris under https://bench.example/skill/):
labels unchanged (a description changes), labels changed (the name changes, so the model
embeds it), and both again from 16 concurrent clients. Latency is client wall time per
request, on loopback.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

import httpx

from common import percentile, write_result

URL = os.environ.get("SKILLGRAPH_URL", "http://127.0.0.1:8000") + "/graphql"
KEY = os.environ.get("SKILLGRAPH_ADMIN_KEY", "")
SKILLS = 50
UPSERT = """mutation($u: String!, $n: String!, $d: String!) {
  upsertSkill(uri: $u, input: {name: $n, description: $d}) { id } }"""


async def upsert(client: httpx.AsyncClient, i: int, name: str, description: str) -> float:
    started = time.perf_counter()
    response = await client.post(
        URL,
        json={
            "query": UPSERT,
            "variables": {"u": f"https://bench.example/skill/{i}", "n": name, "d": description},
        },
    )
    took = (time.perf_counter() - started) * 1000
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return took


async def sequential(client: httpx.AsyncClient, rounds: int, rename: bool, tag: str) -> list[float]:
    times = []
    for r in range(rounds):
        for i in range(SKILLS):
            name = f"bench skill {i} {tag}{r}" if rename else f"bench skill {i}"
            times.append(await upsert(client, i, name, f"round {tag}{r}"))
    return times


async def concurrent(client: httpx.AsyncClient, rounds: int, rename: bool, tag: str) -> list[float]:
    times: list[float] = []

    async def user(u: int) -> None:
        for r in range(rounds):
            for i in range(u, SKILLS, 16):
                name = f"bench skill {i} {tag}{r}" if rename else f"bench skill {i}"
                times.append(await upsert(client, i, name, f"round {tag}{r}"))

    await asyncio.gather(*(user(u) for u in range(16)))
    return times


def row(label: str, times: list[float]) -> str:
    return (
        f"| {label} | {len(times)} | {statistics.median(times):.1f} | "
        f"{percentile(times, 95):.1f} | {max(times):.1f} |"
    )


async def main() -> None:
    headers = {"authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(headers=headers, timeout=60) as client:
        await sequential(client, 1, False, "warm")  # creates the skills, warms plans
        rows = [
            row("sequential, labels unchanged", await sequential(client, 4, False, "a")),
            row("sequential, name changed (embedded)", await sequential(client, 4, True, "b")),
            row("16 clients, labels unchanged", await concurrent(client, 4, False, "c")),
            row("16 clients, name changed (embedded)", await concurrent(client, 4, True, "d")),
        ]
        await sequential(client, 1, False, "end")
    load = os.getloadavg()[0]
    write_result(
        "skill_writes.md",
        "\n".join(
            [
                "# Skill writes: upsertSkill latency (ms, client wall time, loopback)",
                "",
                "Command: `SKILLGRAPH_URL=... SKILLGRAPH_ADMIN_KEY=... "
                ".venv/bin/python bench/skill_writes.py` against `skillgraph serve` (one "
                "worker, model loaded at startup), demo data.",
                "",
                "| writes | count | median | p95 | max |",
                "|---|---:|---:|---:|---:|",
                *rows,
                "",
                f"Load average of the shared machine at the end: {load:.1f}.",
                "",
            ]
        ),
    )


if __name__ == "__main__":
    asyncio.run(main())
