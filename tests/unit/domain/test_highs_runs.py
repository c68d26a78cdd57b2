"""How the planner drives HiGHS: a fresh instance per run, the time left as its limit, and
not a byte written to stdout or stderr."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from tests.unit.domain.test_planner import hard_instance

from skillgraph.domain.milp import HighsPlanSolver, quiet_highs
from skillgraph.domain.plan_model import PlanOptions, PlanProblem


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
        return self.inner.run()

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
