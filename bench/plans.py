"""Planner speed and greedy's optimality gap: `python bench/plans.py` (make bench runs it).

1. Plan time with 40 missing skills at 50, 500 and 5,000 candidate credentials (random
   catalogues with prerequisite chains): median and 95th percentile over several instances,
   wall-clock and CPU time of the process (the machine may be shared: CPU time is what the
   planner itself spent). The instances are seeded (``random.Random(size)``), so every run,
   of any version of the planner, solves the same ones.
2. Greedy versus exact on a few hundred random instances: how often greedy is worse, by how
   much (objective COST, complete plans only).
3. Pathways (plans toward 3 roles at once; only in versions that have them).
Pure domain code: no database. ``--sections`` picks parts, ``--output`` the results file,
so older versions of the planner can be measured by the same script (PYTHONPATH=<their src>).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from common import percentile, write_result
from skillgraph.domain.greedy import GreedyPlanSolver
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import Candidate, PlanOptions, PlanProblem, Target


def catalogue(rng: random.Random, candidates: int, targets: int, extra_skills: int) -> list[Any]:
    """Each candidate teaches 1-4 skills (targets or extra), and one in three requires an
    extra skill taught by an earlier candidate (chains)."""
    target_skills = [f"t{i}" for i in range(targets)]
    extras = [f"x{i}" for i in range(extra_skills)]
    built: list[Candidate] = []
    taught_extra: list[tuple[str, int]] = []
    for n in range(candidates):
        teaches = {rng.choice(target_skills): rng.randint(1, 5) for _ in range(rng.randint(1, 3))}
        if rng.random() < 0.5:
            skill = rng.choice(extras)
            teaches[skill] = rng.randint(1, 5)
        requires = {}
        if taught_extra and rng.random() < 0.33:
            skill, level = rng.choice(taught_extra)
            requires[skill] = rng.randint(1, level)
        built.append(
            Candidate(
                credential_id=f"c{n:05d}",
                cost=Decimal(rng.randint(0, 500)),
                hours=float(rng.randint(1, 120)),
                teaches=teaches,
                requires=requires,
            )
        )
        taught_extra += [(s, lv) for s, lv in teaches.items() if s.startswith("x")]
    return built


def instance(rng: random.Random, candidates: int, targets: int, extra_skills: int) -> PlanProblem:
    """``targets`` missing skills over ``catalogue``; the draws are those of every earlier
    version of this benchmark, so the instances are the same."""
    built = catalogue(rng, candidates, targets, extra_skills)
    return PlanProblem(
        targets=tuple(Target(f"t{i}", rng.randint(1, 4), 1.0) for i in range(targets)),
        held={},
        candidates=tuple(built),
        options=PlanOptions(time_limit_ms=30_000),
    )


def timed(work: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def row(label: str, walls: list[float], cpus: list[float], optimal: str) -> str:
    return (
        f"| {label} | {statistics.median(walls) * 1000:,.0f} ms | "
        f"{percentile(walls, 95) * 1000:,.0f} ms | {statistics.median(cpus) * 1000:,.0f} ms | "
        f"{percentile(cpus, 95) * 1000:,.0f} ms | {optimal} |"
    )


HEADER = [
    "| candidates | median | p95 | median CPU | p95 CPU | optimal |",
    "|---|---|---|---|---|---|",
]


def table(
    title: str,
    sizes: list[int],
    runs: int,
    prepare: Callable[[random.Random, int], Callable[[], bool]],
) -> list[str]:
    """Per size, ``runs`` instances drawn by ``prepare(rng, size)`` from
    ``random.Random(size)``; only the solving it returns (which says whether the plan is
    proven optimal) is timed."""
    lines = [title, "", *HEADER]
    for size in sizes:
        rng = random.Random(size)
        walls: list[float] = []
        cpus: list[float] = []
        optimal = 0
        for _ in range(runs):
            proven, wall, cpu = timed(prepare(rng, size))
            walls.append(wall)
            cpus.append(cpu)
            optimal += proven
        lines.append(row(f"{size:,}", walls, cpus, f"{optimal}/{runs}"))
    return lines


def speed(sizes: list[int], runs: int) -> list[str]:
    def prepare(rng: random.Random, size: int) -> Callable[[], bool]:
        problem = instance(rng, size, 40, max(10, size // 10))
        return lambda: bool(HighsPlanSolver().solve(problem).optimal)

    return table("## Plan time, 40 missing skills", sizes, runs, prepare)


def greedy_gap(instances: int) -> list[str]:
    rng = random.Random(2026)
    worse: list[float] = []
    compared = 0
    for _ in range(instances):
        problem = instance(rng, rng.randint(10, 40), rng.randint(3, 10), 6)
        exact = HighsPlanSolver().solve(problem)
        greedy = GreedyPlanSolver().solve(problem)
        if not exact.optimal or exact.covered_weight != greedy.covered_weight:
            continue
        compared += 1
        if greedy.total_cost > exact.total_cost:
            worse.append(
                float(greedy.total_cost / exact.total_cost - 1) if exact.total_cost else 1.0
            )
    lines = [
        "## Greedy versus exact (objective COST)",
        "",
        f"- {instances} random instances (10-40 candidates, 3-10 targets, prerequisite chains); "
        f"{compared} where both cover the same weight are compared.",
        f"- Greedy costs more in {len(worse)} of {compared} ({len(worse) / max(compared, 1):.0%}).",
    ]
    if worse:
        lines.append(
            f"- When worse: median +{statistics.median(worse):.0%}, "
            f"p95 +{percentile(worse, 95):.0%}, max +{max(worse):.0%}."
        )
    return lines


def pathways(sizes: list[int], runs: int) -> list[str]:
    """Three roles of 20 missing skills each over 40 skills (overlapping, at their own
    levels), on catalogues drawn like the plan-time table's."""
    from skillgraph.domain.pathway import RoleTargets, plan_pathway, union_targets

    skills = [f"t{i}" for i in range(40)]

    def prepare(rng: random.Random, size: int) -> Callable[[], bool]:
        built = catalogue(rng, size, 40, max(10, size // 10))
        roles = [
            RoleTargets(
                f"r{r}",
                tuple(Target(s, rng.randint(1, 4), 1.0) for s in sorted(rng.sample(skills, 20))),
            )
            for r in range(3)
        ]
        options = PlanOptions(time_limit_ms=30_000)
        problem = PlanProblem(union_targets(roles), {}, tuple(built), options)
        return lambda: bool(plan_pathway(problem, roles).plan.optimal)

    title = "## Pathways: 3 roles of 20 missing skills each over 40"
    return table(title, sizes, runs, prepare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--instances", type=int, default=300)
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--sections", default="speed,greedy,pathways")
    parser.add_argument("--output", default="plans/latest.md")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sections = args.sections.split(",")
    load = os.getloadavg()[0]
    lines = [
        f"# Credential planner {args.label}".rstrip(),
        "",
        f"`python bench/plans.py --runs {args.runs} --instances {args.instances} "
        f"--sizes {args.sizes} --sections {args.sections}`",
        "",
        f"Load average at the start: {load:.1f} (2 cores).",
        "",
    ]
    if "speed" in sections:
        lines += speed(sizes, args.runs)
    if "greedy" in sections:
        lines += ["", *greedy_gap(args.instances)]
    if "pathways" in sections:
        lines += ["", *pathways(sizes, args.runs)]
    lines += ["", f"Load average at the end: {os.getloadavg()[0]:.1f}."]
    write_result(args.output, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
