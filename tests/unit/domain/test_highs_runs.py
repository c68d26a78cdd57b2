"""How the planner drives HiGHS: a fresh instance per run, the time left as its limit, a
stop signal heeded before and during every run, and not a byte written to stdout or
stderr."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from time import monotonic
from typing import Any

import highspy

from skillgraph.domain.milp import HighsPlanSolver, quiet_highs
from skillgraph.domain.plan_model import Candidate, PlanOptions, PlanProblem, Target
from tests.unit.domain.test_planner import hard_instance


class CountingHighs:
    """A real HiGHS instance that records how it is driven."""

    made: list[CountingHighs] = []

    def __init__(self) -> None:
        self.inner = quiet_highs()
        self.runs = 0
        self.limits: list[float] = []
        CountingHighs.made.append(self)

    def setOptionValue(self, name: str, value: Any) -> Any:
        if name == "time_limit":
            self.limits.append(value)
        return self.inner.setOptionValue(name, value)

    def run(self) -> Any:
        self.runs += 1
        status = self.inner.run()
        self.status = self.inner.getModelStatus()
        return status

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_every_run_has_a_new_highs_whose_clock_starts_at_zero() -> None:
    # HiGHS compares its time limit with the time of all runs on one instance.
    targets, candidates = hard_instance()
    options = PlanOptions(time_limit_ms=2_000, alternatives=2)
    problem = PlanProblem(tuple(targets), {}, tuple(candidates), options)
    CountingHighs.made.clear()

    HighsPlanSolver(CountingHighs).solve(problem)

    assert len(CountingHighs.made) >= 3
    assert all(h.runs == 1 for h in CountingHighs.made)
    assert all(len(h.limits) == 1 and 0 < h.limits[0] <= 2.0 for h in CountingHighs.made)
    # Each run gets what is left of the plan's budget, no more.
    assert sorted((h.limits[0] for h in CountingHighs.made), reverse=True) == [
        h.limits[0] for h in CountingHighs.made
    ]


def test_a_plan_writes_nothing_to_stdout_or_stderr() -> None:
    # A fresh process: highspy's wrapper prints its banner once per process.
    code = (
        "from decimal import Decimal\n"
        "from skillgraph.domain.milp import HighsPlanSolver\n"
        "from skillgraph.domain.plan_model import Candidate, PlanProblem, Target\n"
        "p = PlanProblem((Target('a', 1, 1.0), Target('b', 1, 1.0)), {}, (\n"
        "    Candidate('x', Decimal(5), 1.0, {'a': 1}),\n"
        "    Candidate('y', Decimal(5), 1.0, {'b': 1}),\n"
        "    Candidate('z', Decimal(8), 1.0, {'a': 1, 'b': 1}, {'c': 1}),\n"
        "    Candidate('w', Decimal(1), 1.0, {'c': 1})))\n"
        "r = HighsPlanSolver().solve(p)\n"
        "assert r.optimal and r.credential_ids == ('w', 'z')\n"
    )

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")


def set_cover(seed: int = 11) -> PlanProblem:
    """120 required skills, 400 credentials each teaching 12 of them at 50-100: a MILP
    HiGHS takes many seconds to prove."""
    rng = random.Random(seed)
    skills = [f"s{i:03}" for i in range(120)]
    candidates = tuple(
        Candidate(
            f"c{i:03}",
            Decimal(rng.randint(50, 100)),
            10.0,
            dict.fromkeys(rng.sample(skills, 12), 1),
        )
        for i in range(400)
    )
    targets = tuple(Target(s, 1, 1.0) for s in skills)
    return PlanProblem(targets, {}, candidates, PlanOptions(time_limit_ms=60_000))


def test_a_plan_told_to_stop_before_it_starts_runs_no_highs() -> None:
    CountingHighs.made.clear()

    result = HighsPlanSolver(CountingHighs, stop=lambda: True).solve(set_cover())

    assert CountingHighs.made == []
    assert (result.solver, result.optimal, result.complete) == ("greedy", False, True)


def test_a_plan_told_to_stop_interrupts_the_run_in_progress() -> None:
    problem = set_cover()
    CountingHighs.made.clear()
    started = monotonic()

    result = HighsPlanSolver(CountingHighs, stop=lambda: monotonic() - started > 0.5).solve(problem)

    # Interrupted, not run to its 60 s limit: the best plan so far or the greedy one.
    assert CountingHighs.made[-1].status == highspy.HighsModelStatus.kInterrupt
    assert (result.optimal, result.complete) == (False, True)
    assert monotonic() - started < 30
