"""SkillGraph side by side with @neo4j/graphql on the same Neo4j: `make bench-peer`.

Starts its own Neo4j through the repo's launcher (demo data, or `--synthetic` for `seed
synthetic --scale 1`; a seeded home is reused), SkillGraph (`skillgraph serve`) and the peer
(bench/peer: @neo4j/graphql + Apollo Server, `npm ci` once). Checks that SkillGraph, the peer
and one hand-written Cypher query per read (the floor) give every read the same answer, then
times them in interleaved rounds and writes bench/results/peer.md (peer-synthetic.md).
Stops everything it started, also on failure. Exits 1 when the answers differ.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import aiohttp
import neo4j
from neo4j import AsyncGraphDatabase

from peerbench.check import Checked, CheckFailed, check_shape
from peerbench.clients import CypherSystem, GraphQLSystem
from peerbench.cpu import ProcessTree, machine_busy_seconds, own_seconds
from peerbench.measure import Plan, Tally, run_rounds, warm_up
from peerbench.processes import PEER_DIR, REPO, Processes, RunError
from peerbench.report import FLOOR, PEER, SKILLGRAPH, Run, render_report
from peerbench.shapes import MAX_COST, PICK, SHAPES, Params, params_from
from peerbench.system import System


@dataclass(frozen=True)
class Dataset:
    seed: tuple[str, ...]  # `skillgraph seed` arguments
    port: int  # default Bolt port of its Neo4j
    heap: str
    pagecache_mb: int


DATASETS = {
    "demo": Dataset(("demo",), 7694, "1g", 512),
    "synthetic": Dataset(("synthetic", "--scale", "1"), 7695, "2g", 1024),
}
COUNTS = (
    "MATCH (n) WHERE n:Skill OR n:Credential OR n:Provider OR n:Role OR n:Person "
    "RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", action="store_true", help="seed synthetic --scale 1")
    parser.add_argument("--workers", type=int, default=1, help="SkillGraph workers (1)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="throughput phase per round")
    parser.add_argument("--sequential", type=int, default=50, help="latency samples per round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--shapes", nargs="*", help="only these reads (default: all)")
    parser.add_argument("--neo4j-port", type=int, help="default 7694 (demo), 7695 (synthetic)")
    parser.add_argument("--api-port", type=int, default=8766)
    parser.add_argument("--peer-port", type=int, default=8767)
    parser.add_argument("--output", type=Path, help="default bench/results/peer[-synthetic].md")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.rounds < 1 or args.concurrency < 1 or args.sequential < 1:
        parser.error("--workers, --rounds, --concurrency and --sequential must be at least 1")
    known = {s.name for s in SHAPES}
    unknown = set(args.shapes or ()) - known
    if unknown:
        parser.error(f"unknown reads {sorted(unknown)}; known: {sorted(known)}")
    return args


def environment(args: argparse.Namespace, dataset: str) -> dict[str, str]:
    spec = DATASETS[dataset]
    port = args.neo4j_port or spec.port
    suffix = "" if dataset == "demo" else "-synthetic"
    return {
        **os.environ,
        "SKILLGRAPH_NEO4J_URI": f"bolt://127.0.0.1:{port}",
        "SKILLGRAPH_NEO4J_HOME": f".data/neo4j-peer{suffix}",
        "SKILLGRAPH_NEO4J_HEAP": os.environ.get("SKILLGRAPH_NEO4J_HEAP", spec.heap),
        "SKILLGRAPH_NEO4J_PAGECACHE_MB": os.environ.get(
            "SKILLGRAPH_NEO4J_PAGECACHE_MB", str(spec.pagecache_mb)
        ),
        "SKILLGRAPH_ENVIRONMENT": "prod",
        # Rate limiting is not what is measured: one anonymous client sends everything.
        "SKILLGRAPH_RATE_LIMIT_BURST": "1000000",
        "SKILLGRAPH_RATE_LIMIT_PER_MINUTE": "100000000",
        "NO_PROXY": "127.0.0.1",
        "no_proxy": "127.0.0.1",
    }


def _output(*argv: str, cwd: Path = REPO) -> str:
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return "?"
    return done.stdout.strip() or "?"


def _npm_version(package: str) -> str:
    manifest = PEER_DIR / "node_modules" / package / "package.json"
    return str(json.loads(manifest.read_text())["version"])


def versions(neo4j_version: str, env: dict[str, str], workers: int) -> list[str]:
    commit = _output("git", "rev-parse", "--short", "HEAD")
    changed = _output(
        "git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"
    )
    dirty = changed != "?"
    return [
        f"SkillGraph {commit}{' with uncommitted changes' if dirty else ''}"
        f" (Python {platform.python_version()}, neo4j driver {neo4j.__version__},"
        f" {workers} uvicorn worker{'s' if workers > 1 else ''}, SKILLGRAPH_ENVIRONMENT=prod)",
        f"peer: @neo4j/graphql {_npm_version('@neo4j/graphql')}, @apollo/server"
        f" {_npm_version('@apollo/server')}, graphql {_npm_version('graphql')}, neo4j-driver"
        f" {_npm_version('neo4j-driver')}, Node {_output('node', '--version')}"
        " (NODE_ENV=production)",
        f"Neo4j {neo4j_version} (heap {env['SKILLGRAPH_NEO4J_HEAP']}, page cache"
        f" {env['SKILLGRAPH_NEO4J_PAGECACHE_MB']} MiB), load generator aiohttp"
        f" {aiohttp.__version__}",
    ]


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


@dataclass
class Outcome:
    tallies: dict[tuple[str, str], Tally]
    checked: list[Checked]
    counts: str
    neo4j_version: str
    machine: list[str]


async def bench(args: argparse.Namespace, env: dict[str, str], pids: dict[str, int]) -> Outcome:
    shapes = [s for s in SHAPES if not args.shapes or s.name in args.shapes]
    driver = AsyncGraphDatabase.driver(
        env["SKILLGRAPH_NEO4J_URI"],
        # The launcher's Neo4j runs without authentication: any credentials are accepted.
        auth=("neo4j", "unused"),
        # As SkillGraph's driver: e.g. "no BROADER relationship yet" on demo data is no news.
        notifications_min_severity="OFF",
        warn_notification_severity="OFF",
    )
    timeout = aiohttp.ClientTimeout(total=None)
    connector = aiohttp.TCPConnector(limit=args.concurrency * 2, force_close=False)
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            async with driver.session(database="neo4j") as s:
                row = await (await s.run(PICK, {"maxCost": float(MAX_COST)})).single()
                params: Params = params_from(row or {})
                counts = await (await s.run(COUNTS)).data()
                component = await (
                    await s.run("CALL dbms.components() YIELD versions, edition RETURN *")
                ).single()
            neo4j_version = (
                f"{component['versions'][0]} {component['edition']}" if component else "?"
            )
            systems: list[System] = [
                GraphQLSystem(
                    SKILLGRAPH, f"http://127.0.0.1:{args.api_port}/graphql", 0, params, session
                ),
                GraphQLSystem(PEER, f"http://127.0.0.1:{args.peer_port}/", 1, params, session),
                CypherSystem(FLOOR, driver, "neo4j", params),
            ]
            print(f"parameters: {params}")
            plan = Plan(
                rounds=args.rounds,
                sequential=args.sequential,
                concurrency=args.concurrency,
                seconds=args.seconds,
            )
            await warm_up(shapes, systems, plan)
            checked = []
            for shape in shapes:
                checked.append(await check_shape(shape, systems))
                print(checked[-1].line())
            skillgraph = ProcessTree(SKILLGRAPH, pids[SKILLGRAPH])
            peer = ProcessTree(PEER, pids[PEER])
            neo4j_tree = ProcessTree("neo4j", pids["neo4j"])
            ours = [skillgraph, peer, neo4j_tree]
            load_before = os.getloadavg()
            machine_before = machine_busy_seconds()
            ours_before = sum(t.seconds() for t in ours) + own_seconds()
            tallies = await run_rounds(
                shapes,
                systems,
                [skillgraph.seconds, peer.seconds, own_seconds],
                neo4j_tree,
                plan,
            )
            machine_after = machine_busy_seconds()
            ours_spent = sum(t.seconds() for t in ours) + own_seconds() - ours_before
            wall = (machine_after.total - machine_before.total) / (os.cpu_count() or 1)
            others = machine_after.busy - machine_before.busy - ours_spent
    finally:
        await driver.close()
    load_after = os.getloadavg()
    cores = os.cpu_count() or 1
    machine = [
        f"{cores} cores ({_cpu_model()}), {platform.system()} {platform.release()}",
        f"load average {load_before[0]:.1f} when the timing began, {load_after[0]:.1f} at its"
        f" end; during the timed rounds ({wall:.0f} s) processes other than these four used"
        f" {max(others, 0):.0f} CPU-seconds, {max(others, 0) / max(wall * cores, 1e-9):.0%} of"
        " the machine (a shared machine: figures are noisy)",
    ]
    return Outcome(
        tallies,
        checked,
        ", ".join(f"{r['n']} {r['label']}" for r in counts),
        neo4j_version,
        machine,
    )


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    dataset = "synthetic" if args.synthetic else "demo"
    output = args.output or REPO / "bench" / "results" / (
        "peer.md" if dataset == "demo" else "peer-synthetic.md"
    )
    command = "make bench-peer" + ("-synthetic" if args.synthetic else "")
    shown = shlex.join(argv if argv is not None else sys.argv[1:])
    env = environment(args, dataset)
    signal.signal(signal.SIGTERM, _terminate)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-peer-") as logs:
        processes = Processes(env, Path(logs))
        try:
            processes.start_neo4j()
            processes.seed(dataset, list(DATASETS[dataset].seed))
            processes.npm_ci()
            skillgraph = processes.start_skillgraph(args.api_port, args.workers)
            peer = processes.start_peer(args.peer_port)
            pids = {SKILLGRAPH: skillgraph.pid, PEER: peer.pid, "neo4j": processes.neo4j_pid()}
            outcome = asyncio.run(bench(args, env, pids))
        except CheckFailed as failure:
            print(f"\nFAILED before timing: {failure}", file=sys.stderr)
            return 1
        except RunError as failure:
            print(f"\nFAILED: {failure}", file=sys.stderr)
            return 1
        finally:
            processes.close()
    took = time.monotonic() - started
    shapes = [s for s in SHAPES if not args.shapes or s.name in args.shapes]
    run = Run(
        command=f"`{command}` (`{' '.join(['python bench/peer.py', shown]).strip()}`)",
        dataset=dataset,
        counts=outcome.counts,
        machine=outcome.machine,
        versions=versions(outcome.neo4j_version, env, args.workers),
        plan=Plan(args.rounds, args.sequential, concurrency=args.concurrency, seconds=args.seconds),
        workers=args.workers,
        took_s=took,
        checked=outcome.checked,
    )
    text = render_report(run, shapes, outcome.tallies)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print(text)
    print(f"wrote {output.relative_to(REPO) if output.is_relative_to(REPO) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
