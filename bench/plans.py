"""Planner speed and greedy's optimality gap: `python bench/plans.py` (make bench runs it).

1. Plan time with 40 missing skills at 50, 500 and 5,000 candidate credentials (random
   catalogues with prerequisite chains): median and 95th percentile over several instances.
2. Greedy versus exact on a few hundred random instances: how often greedy is worse, by how
   much (objective COST, complete plans only).
Pure domain code: no database.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from common import percentile, write_result
from skillgraph.domain.greedy import GreedyPlanSolver
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.plan_model import Candidate, PlanOptions, PlanProblem, Target


def instance(rng: random.Random, candidates: int, targets: int, extra_skills: int) -> PlanProblem:
    """``targets`` missing skills; each candidate teaches 1-4 skills (targets or extra),
    and one in three requires an extra skill taught by an earlier candidate (chains)."""
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
    return PlanProblem(
        targets=tuple(Target(s, rng.randint(1, 4), 1.0) for s in target_skills),
        held={},
        candidates=tuple(built),
        options=PlanOptions(time_limit_ms=30_000),
    )


def speed(sizes: list[int], runs: int) -> list[str]:
    lines = [
        "## Plan time, 40 missing skills",
        "",
        "| candidates | median | p95 | optimal |",
        "|---|---|---|---|",
    ]
    for size in sizes:
        rng = random.Random(size)
        times: list[float] = []
        optimal = 0
        for _ in range(runs):
            problem = instance(rng, size, 40, max(10, size // 10))
            started = time.perf_counter()
            result = HighsPlanSolver().solve(problem)
            times.append(time.perf_counter() - started)
            optimal += result.optimal
        lines.append(
            f"| {size:,} | {statistics.median(times) * 1000:,.0f} ms | "
            f"{percentile(times, 95) * 1000:,.0f} ms | {optimal}/{runs} |"
        )
    return lines


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--instances", type=int, default=300)
    args = parser.parse_args()
    lines = [
        "# Credential planner",
        "",
        f"`python bench/plans.py --runs {args.runs} --instances {args.instances}`",
        "",
    ]
    lines += speed([50, 500, 5000], args.runs)
    lines += ["", *greedy_gap(args.instances)]
    write_result("plans.md", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
