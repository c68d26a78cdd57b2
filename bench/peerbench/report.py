"""bench/results/peer.md from the tallies: tables per shape and the targets of issue 10."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peerbench.check import Checked
from peerbench.measure import Plan, Tally
from peerbench.shapes import Shape

__all__ = ["Figures", "Run", "figures", "render_report", "verdicts"]

SKILLGRAPH, PEER, FLOOR = "SkillGraph", "peer", "Cypher"
THROUGHPUT_RATIO = 1.5  # SkillGraph req/s at least this times the peer's
FLOOR_RATIO = 2.0  # nested-list shapes: SkillGraph p50 at most this times the floor's


@dataclass(frozen=True)
class Figures:
    rate: float  # successful requests per second at the plan's concurrency
    rate_low: float
    rate_high: float
    p50_ms: float
    p95_ms: float
    server_ms: float  # CPU per request, the system's own process tree
    neo4j_ms: float
    client_ms: float
    errors: int  # failed requests, sequential and concurrent


def _percentile(values: Sequence[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[q - 1]


def figures(tally: Tally) -> Figures:
    done = max(tally.requests + tally.errors, 1)
    return Figures(
        rate=tally.requests / tally.elapsed if tally.elapsed else 0.0,
        rate_low=min(tally.round_rates, default=0.0),
        rate_high=max(tally.round_rates, default=0.0),
        p50_ms=_percentile(tally.latencies, 50) * 1000,
        p95_ms=_percentile(tally.latencies, 95) * 1000,
        server_ms=tally.server / done * 1000,
        neo4j_ms=tally.neo4j / done * 1000,
        client_ms=tally.client / done * 1000,
        errors=tally.errors + tally.sequential_errors,
    )


@dataclass(frozen=True)
class Verdict:
    throughput: bool
    latency: bool
    floor: bool | None  # None: not a nested-list shape
    no_errors: bool

    @property
    def passed(self) -> bool:
        return self.throughput and self.latency and self.floor is not False and self.no_errors


def verdicts(shape: Shape, by_system: Mapping[str, Figures]) -> Verdict:
    sg, peer, floor = by_system[SKILLGRAPH], by_system[PEER], by_system[FLOOR]
    return Verdict(
        throughput=sg.rate >= THROUGHPUT_RATIO * peer.rate,
        latency=sg.p50_ms <= peer.p50_ms,
        floor=sg.p50_ms <= FLOOR_RATIO * floor.p50_ms if shape.nested else None,
        no_errors=sg.errors == 0,
    )


@dataclass(frozen=True)
class Run:
    """What the report says besides the figures."""

    command: str
    dataset: str
    counts: str
    machine: Sequence[str]
    versions: Sequence[str]
    plan: Plan
    workers: int
    took_s: float
    checked: Sequence[Checked]


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "FAIL")


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def render_report(
    run: Run, shapes: Sequence[Shape], tallies: Mapping[tuple[str, str], Tally]
) -> str:
    table = {
        s.name: {name: figures(tallies[(s.name, name)]) for name in (SKILLGRAPH, PEER, FLOOR)}
        for s in shapes
    }
    p = run.plan
    lines = [
        "# SkillGraph side by side with @neo4j/graphql (`make bench-peer`)",
        "",
        f"Command: {run.command}",
        "",
        f"Data: **{run.dataset}** ({run.counts}). Run took {run.took_s / 60:.1f} min.",
        "",
        "Three systems answer each read on the same Neo4j: SkillGraph (`skillgraph serve`,"
        f" {run.workers} worker{'s' if run.workers > 1 else ''}), the peer (@neo4j/graphql with"
        " Apollo Server, one Node process, bench/peer/) and one hand-written Cypher query per"
        " read through the Python driver in the bench process (the floor). Before anything was"
        " timed, all three gave every read the same answer (normalised, in order; see below).",
        "",
        f"Each of {p.rounds} rounds runs every read on every system in turn (the order of the"
        " systems rotates each round): first up to"
        f" {p.sequential} sequential requests (at most {p.sequential_cap_s:g} s) for latency,"
        f" then {p.concurrency} concurrent callers for {p.seconds:g} s for throughput."
        f" {p.warmup} untimed requests per read and system before the check. Throughput counts"
        " answers without errors; CPU per request is measured over the throughput phases.",
        "",
        "## Machine and versions",
        "",
        *[f"- {line}" for line in run.machine],
        *[f"- {line}" for line in run.versions],
        "",
        "## Throughput and latency",
        "",
        "| read | SkillGraph req/s | peer req/s | Cypher req/s | SkillGraph / peer"
        " | SkillGraph p50 / p95 ms | peer p50 / p95 ms | Cypher p50 / p95 ms | errors SG / peer |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in shapes:
        f = table[s.name]
        sg, peer, floor = f[SKILLGRAPH], f[PEER], f[FLOOR]
        lines.append(
            f"| {s.name} | {sg.rate:.1f} ({sg.rate_low:.1f}-{sg.rate_high:.1f})"
            f" | {peer.rate:.1f} ({peer.rate_low:.1f}-{peer.rate_high:.1f})"
            f" | {floor.rate:.1f} ({floor.rate_low:.1f}-{floor.rate_high:.1f})"
            f" | {_ratio(sg.rate, peer.rate)}"
            f" | {sg.p50_ms:.1f} / {sg.p95_ms:.1f} | {peer.p50_ms:.1f} / {peer.p95_ms:.1f}"
            f" | {floor.p50_ms:.1f} / {floor.p95_ms:.1f} | {sg.errors} / {peer.errors} |"
        )
    lines += [
        "",
        "req/s: over all rounds (slowest-fastest round in brackets).",
        "",
        "## CPU per request (ms)",
        "",
        "| read | SkillGraph | peer | floor (bench process) | Neo4j for SkillGraph"
        " | Neo4j for peer | Neo4j for Cypher | client for SkillGraph / peer |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in shapes:
        f = table[s.name]
        sg, peer, floor = f[SKILLGRAPH], f[PEER], f[FLOOR]
        lines.append(
            f"| {s.name} | {sg.server_ms:.2f} | {peer.server_ms:.2f} | {floor.server_ms:.2f}"
            f" | {sg.neo4j_ms:.2f} | {peer.neo4j_ms:.2f} | {floor.neo4j_ms:.2f}"
            f" | {sg.client_ms:.2f} / {peer.client_ms:.2f} |"
        )
    lines += [
        "",
        "SkillGraph: the `skillgraph serve` process and its workers; peer: the Node process;"
        " floor: the bench process, whose Python driver does the work a server would (so its"
        " figure includes the load generator's own overhead). Neo4j: the JVM. Client: the bench"
        " process while it drove the HTTP systems (aiohttp).",
        "",
        "## Targets of issue 10",
        "",
        f"| read | throughput >= {THROUGHPUT_RATIO:g}x peer | p50 <= peer p50"
        f" | p50 <= {FLOOR_RATIO:g}x Cypher (nested lists) | no errors | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for s in shapes:
        v = verdicts(s, table[s.name])
        lines.append(
            f"| {s.name} | {_mark(v.throughput)} | {_mark(v.latency)} | {_mark(v.floor)}"
            f" | {_mark(v.no_errors)} | **{_mark(v.passed)}** |"
        )
    lines += [
        "",
        "Nested-list reads (a list inside each item of a list): "
        + ", ".join(s.name for s in shapes if s.nested)
        + ".",
        "",
        "## The reads",
        "",
        "Queries: bench/peerbench/shapes/<read>/skillgraph.graphql, peer.graphql, floor.cypher."
        " Every list is ordered as SkillGraph orders it (sortKey, the stored lower-cased name or"
        " title, then id; a role's requirements by skill sortKey, ties ESSENTIAL first, then"
        " skill id).",
        "",
    ]
    checked = {c.shape: c for c in run.checked}
    for s in shapes:
        lines.append(
            f"- **{s.name}**: {s.title}. Check: {checked[s.name].line().split(': ', 1)[1]}."
        )
    failures = [
        f"- {s.name} on {name}: {tallies[(s.name, name)].first_error}"
        for s in shapes
        for name in (SKILLGRAPH, PEER, FLOOR)
        if tallies[(s.name, name)].first_error
    ]
    if failures:
        lines += ["", "## Failed requests (the first of each read and system)", "", *failures]
    return "\n".join(lines) + "\n"
