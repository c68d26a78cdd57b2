"""Inputs and outputs of credential planning.

Numbers: costs are exact decimals in one currency chosen by the caller; hours and weights are
floats compared at a resolution of 1e-6 (``UNITS`` per unit), so the optimiser works on
integers and its objective comparisons are exact. A cost or duration of None is unknown: it
counts as more than any known amount (see ``Objective``), never fits a limit, and adds 0 to
the totals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from itertools import pairwise
from types import MappingProxyType

from skillgraph.domain.errors import PlanInputError
from skillgraph.domain.levels import check_level

__all__ = [
    "MAX_ALTERNATIVES",
    "UNITS",
    "Candidate",
    "Exclusion",
    "Objective",
    "PlanOptions",
    "PlanProblem",
    "PlanResult",
    "Step",
    "Target",
    "ValuePreference",
    "to_units",
]

UNITS = 1_000_000
MAX_ALTERNATIVES = 3


def to_units(value: float) -> int:
    """``value`` in millionths, rounded half-even (via its shortest decimal repr)."""
    return int((Decimal(repr(float(value))) * UNITS).to_integral_value())


def _finite_non_negative(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanInputError(f"{what} must be a number, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise PlanInputError(f"{what} must be a finite number >= 0, got {value}")
    return float(value)


def _money(value: Decimal, what: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise PlanInputError(f"{what} must be a finite Decimal >= 0, got {value!r}")
    return value


class Objective(StrEnum):
    """What a plan minimises once covered weight is maximal; ties are broken in order:
    COST -> hours, then count; HOURS -> cost, then count; COUNT -> cost, then hours.

    An unknown cost (or duration) counts as more than any known one: "cost" compares first
    the number of steps of unknown cost, then the sum of the known costs (likewise hours).
    So the full keys, smallest best, are
    COST:  (-weight, #unpriced, cost, #untimed, hours, count)
    HOURS: (-weight, #untimed, hours, #unpriced, cost, count)
    COUNT: (-weight, count, #unpriced, cost, #untimed, hours)."""

    COST = "COST"
    HOURS = "HOURS"
    COUNT = "COUNT"


class Exclusion(StrEnum):
    """Why the planner leaves out a credential it was given.

    UNREACHABLE: some prerequisite is neither held nor taught by any credential that can
    itself be taken (a missing teacher, or a prerequisite cycle).
    OVER_LIMIT: on its own it exceeds maxCost or maxHours, or its cost (hours) is unknown
    while maxCost (maxHours) is set."""

    UNREACHABLE = "UNREACHABLE"
    OVER_LIMIT = "OVER_LIMIT"


@dataclass(frozen=True)
class Target:
    """A missing requirement: reach ``skill_id`` at ``level``; ``weight`` > 0 (>= 1e-6).
    A skill may be targeted at several levels (plans toward several roles), each a target."""

    skill_id: str
    level: int
    weight: float
    _weight_units: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        check_level(self.level, f"target level of {self.skill_id}", PlanInputError)
        _finite_non_negative(self.weight, f"weight of target {self.skill_id}")
        units = to_units(self.weight)
        if units <= 0:
            raise PlanInputError(f"weight of target {self.skill_id} must be at least 1e-6")
        object.__setattr__(self, "_weight_units", units)

    @property
    def key(self) -> tuple[str, int]:
        return (self.skill_id, self.level)

    @property
    def weight_units(self) -> int:
        return self._weight_units


def _levels(levels: Mapping[str, int], what: str) -> Mapping[str, int]:
    checked = {s: check_level(v, f"{what} {s}", PlanInputError) for s, v in levels.items()}
    return MappingProxyType(dict(sorted(checked.items())))


@dataclass(frozen=True, eq=False)
class Candidate:
    """A credential one may take. ``cost`` (>= 0, 0 is free) and ``hours`` (>= 0) are None
    when unknown. ``teaches``/``requires`` map skill id -> level 1..5; ``requires`` are entry
    prerequisites."""

    credential_id: str
    cost: Decimal | None = Decimal(0)
    hours: float | None = 0.0
    teaches: Mapping[str, int] = field(default_factory=dict)
    requires: Mapping[str, int] = field(default_factory=dict)
    _hours_units: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        name = self.credential_id
        if self.cost is not None:
            _money(self.cost, f"cost of {name}")
        if self.hours is not None:
            _finite_non_negative(self.hours, f"hours of {name}")
        object.__setattr__(self, "teaches", _levels(self.teaches, f"level {name} teaches"))
        object.__setattr__(self, "requires", _levels(self.requires, f"level {name} requires"))
        units = 0 if self.hours is None else to_units(self.hours)
        object.__setattr__(self, "_hours_units", units)

    @property
    def price(self) -> Decimal:
        """The known cost; 0 when unknown (see ``unpriced``)."""
        return self.cost if self.cost is not None else Decimal(0)

    @property
    def unpriced(self) -> bool:
        return self.cost is None

    @property
    def untimed(self) -> bool:
        return self.hours is None

    @property
    def hours_units(self) -> int:
        """The known hours in millionths; 0 when unknown (see ``untimed``)."""
        return self._hours_units

    def teaches_at_least(self, skill_id: str, level: int) -> bool:
        return self.teaches.get(skill_id, 0) >= level


@dataclass(frozen=True)
class ValuePreference:
    """Prefer plans of higher-value credentials (``credentialPlan(preferValue: true)``).

    Among the plans covering the most weight within the limits, those whose objective is at
    most the optimum x (1 + ``tolerance``), compared exactly, are kept; of those, the plans
    with the least value deficit (the sum over their credentials of 1 - score, scores in
    0..1 taken at a resolution of 1e-6; a credential without a score counts 0) win; then
    the objective and its tie-breakers decide as usual. ``tolerance`` 0 (the default) lets
    value only break ties of the objective. Raises PlanInputError for a tolerance outside
    0..1 or a score outside 0..1. Only the exact solver honours it; the greedy fallback
    ignores it."""

    scores: Mapping[str, float] = field(default_factory=dict)
    tolerance: Fraction = Fraction(0)

    def __post_init__(self) -> None:
        tolerance = Fraction(self.tolerance)
        if not 0 <= tolerance <= 1:
            raise PlanInputError(f"valueTolerance must be between 0 and 1, got {self.tolerance}")
        for cid, score in self.scores.items():
            _finite_non_negative(score, f"value score of {cid}")
            if score > 1:
                raise PlanInputError(f"value score of {cid} must be at most 1, got {score}")
        object.__setattr__(self, "tolerance", tolerance)
        object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))

    def deficit_units(self, credential_id: str) -> int:
        """(1 - score) in millionths."""
        return UNITS - to_units(self.scores.get(credential_id, 0.0))


@dataclass(frozen=True)
class PlanOptions:
    """``max_cost`` (in the candidates' currency) and ``max_hours``, when set, are >= 0 and
    bound the whole plan, prerequisite-only credentials included.

    ``alternatives`` (0..3): how many next-best plans to add; alternative k is the best plan
    under the same lexicographic objective that covers some target and contains none of the
    earlier plans (so it is never an earlier plan padded with extra credentials).
    ``time_limit_ms`` (> 0) bounds the optimisation of the plan and its alternatives together.
    Raises PlanInputError for values out of range."""

    objective: Objective = Objective.COST
    max_cost: Decimal | None = None
    max_hours: float | None = None
    alternatives: int = 0
    time_limit_ms: int = 5_000
    value: ValuePreference | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "objective", Objective(self.objective))
        except ValueError:
            raise PlanInputError(
                f"objective must be COST, HOURS or COUNT, got {self.objective!r}"
            ) from None
        if self.max_cost is not None:
            _money(self.max_cost, "maxCost")
        if self.max_hours is not None:
            _finite_non_negative(self.max_hours, "maxHours")
        if isinstance(self.alternatives, bool) or self.alternatives not in range(
            MAX_ALTERNATIVES + 1
        ):
            raise PlanInputError(f"alternatives must be 0 to 3, got {self.alternatives!r}")
        if (
            isinstance(self.time_limit_ms, bool)
            or not isinstance(self.time_limit_ms, int)
            or self.time_limit_ms <= 0
        ):
            raise PlanInputError(
                f"timeLimitMs must be a positive integer, got {self.time_limit_ms!r}"
            )

    @property
    def max_hours_units(self) -> int | None:
        return None if self.max_hours is None else to_units(self.max_hours)

    def fits(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` alone fits the limits (unknown amounts never fit one)."""
        if self.max_cost is not None and (candidate.unpriced or candidate.price > self.max_cost):
            return False
        limit = self.max_hours_units
        return limit is None or not (candidate.untimed or candidate.hours_units > limit)


@dataclass(frozen=True, eq=False)
class PlanProblem:
    """Targets must be distinct (skill, level) pairs not already met by ``held`` (skill id ->
    level); candidate ids must be distinct. Raises PlanInputError otherwise."""

    targets: tuple[Target, ...]
    held: Mapping[str, int]
    candidates: tuple[Candidate, ...]
    options: PlanOptions = field(default_factory=PlanOptions)

    def __post_init__(self) -> None:
        targets = tuple(sorted(self.targets, key=lambda t: t.key))
        candidates = tuple(sorted(self.candidates, key=lambda c: c.credential_id))
        held = _levels(self.held, "held level of")
        for before_t, after_t in pairwise(targets):
            if before_t.key == after_t.key:
                raise PlanInputError(
                    f"skill {after_t.skill_id} is targeted more than once at level {after_t.level}"
                )
        for target in targets:
            if held.get(target.skill_id, 0) >= target.level:
                raise PlanInputError(
                    f"target {target.skill_id} at level {target.level} is already held; "
                    "pass only missing requirements"
                )
        for before_c, after_c in pairwise(candidates):
            if before_c.credential_id == after_c.credential_id:
                raise PlanInputError(f"credential {after_c.credential_id} is a candidate twice")
        object.__setattr__(self, "targets", targets)
        object.__setattr__(self, "candidates", candidates)
        object.__setattr__(self, "held", held)

    @cached_property
    def by_id(self) -> Mapping[str, Candidate]:
        return MappingProxyType({c.credential_id: c for c in self.candidates})

    @cached_property
    def needs(self) -> Mapping[str, tuple[tuple[str, int], ...]]:
        """Credential id -> its prerequisites ``held`` does not meet, as (skill id, level)."""
        return MappingProxyType(
            {
                c.credential_id: tuple(
                    (s, level) for s, level in c.requires.items() if self.held.get(s, 0) < level
                )
                for c in self.candidates
            }
        )


@dataclass(frozen=True)
class Step:
    """One credential of a plan at ``position`` (1-based).

    ``covers``: skills of the targets this step is the first in the plan to teach at the
    target level (by skill id, each once).
    ``enables``: later steps (by position) needing a prerequisite this step teaches at the
    required level that ``held`` does not already meet.
    """

    position: int
    credential_id: str
    covers: tuple[str, ...]
    enables: tuple[str, ...]


@dataclass(frozen=True)
class PlanResult:
    """A plan: ``steps`` in an order where every prerequisite is held or taught earlier.

    ``covered_weight``/``total_weight`` are sums of target weights (total includes
    uncoverable targets). ``uncoverable``: skills of the targets no orderable set of
    candidates can reach, ignoring limits (sorted, each once); ``uncoverable_targets`` the
    (skill, level) keys of those targets. ``complete``: every coverable
    target is covered. ``optimal``: proven lexicographically optimal. ``solver``: "highs" or
    "greedy". ``total_cost``/``total_hours`` add the known amounts; ``unpriced``/``untimed``
    are the steps' credential ids whose cost/hours is unknown (in step order).
    ``excluded``: candidates the planner could never use, with the reason (by id).
    ``alternatives``: next-best plans, each without alternatives of its own.
    """

    steps: tuple[Step, ...]
    total_cost: Decimal
    total_hours: float
    covered_weight: float
    total_weight: float
    uncoverable: tuple[str, ...]
    complete: bool
    optimal: bool
    solver: str
    alternatives: tuple[PlanResult, ...] = ()
    unpriced: tuple[str, ...] = ()
    untimed: tuple[str, ...] = ()
    excluded: Mapping[str, Exclusion] = field(default_factory=dict)
    uncoverable_targets: tuple[tuple[str, int], ...] = ()

    @property
    def credential_ids(self) -> tuple[str, ...]:
        return tuple(step.credential_id for step in self.steps)
