"""The MILP of a plan: its columns, rows and objective levels (see ``domain.milp``)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from skillgraph.domain.ordering import order_steps
from skillgraph.domain.plan_model import Candidate, Objective, PlanProblem
from skillgraph.domain.prerequisites import PlanScope
from skillgraph.domain.selection import score_selection

__all__ = ["MERGE_LIMIT", "MilpModel", "Row", "build_model", "model_point"]

Row = tuple[float, float, dict[int, int]]


@dataclass
class MilpModel:
    x: dict[str, int] = field(default_factory=dict)
    y: dict[tuple[str, int], int] = field(default_factory=dict)
    p: dict[str, int] = field(default_factory=dict)
    u: dict[tuple[str, str], int] = field(default_factory=dict)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    levels: list[dict[int, int]] = field(default_factory=list)
    # Per level: how far above its optimum the levels after may let it go (0: fixed at it).
    tolerances: list[Fraction] = field(default_factory=list)
    component: dict[str, int] = field(default_factory=dict)

    def var(self, lower: float, upper: float, integer: bool) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1


def _reduced(values: Mapping[str, int]) -> tuple[dict[str, int], int]:
    """``values`` divided by their gcd, and that gcd (1 when all are 0)."""
    divisor = math.gcd(*values.values()) or 1
    return {key: value // divisor for key, value in values.items()}, divisor


def _components(nodes: Sequence[str], arcs: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Strongly connected components (iterative Tarjan): node -> component number."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    found = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(arcs.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(arcs.get(succ, ()))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = found
                    if member == node:
                        break
                found += 1
    return component


def _amounts(problem: PlanProblem, chosen: Sequence[Candidate]) -> dict[str, dict[str, int]]:
    """Integer coefficients per measure: known cost (scaled to integers), known hours, and
    the 0/1 unknown flags, each divided by its gcd."""
    options = problem.options
    limits = [options.max_cost] if options.max_cost is not None else []
    prices = [c.price for c in chosen]
    digits = max([0] + [-int(d.as_tuple().exponent) for d in [*prices, *limits] if d != 0])
    return {
        "cost": {c.credential_id: int(c.price.scaleb(digits)) for c in chosen},
        "hours": {c.credential_id: c.hours_units for c in chosen},
        "unpriced": {c.credential_id: int(c.unpriced) for c in chosen},
        "untimed": {c.credential_id: int(c.untimed) for c in chosen},
        "digits": {"": digits},
    }


def build_model(
    problem: PlanProblem, scope: PlanScope, ids: Sequence[str], forced: bool
) -> MilpModel:
    """The model over credentials ``ids``; ``forced``: every coverable target must be covered
    (only valid without limits), so there is no weight level."""
    by_id = problem.by_id
    chosen = [by_id[cid] for cid in ids]
    teachers = scope.teachers if len(ids) == len(scope.relevant) else scope.teachers.among(ids)
    teachers_of = teachers.of

    model = MilpModel()
    for c in chosen:
        model.x[c.credential_id] = model.var(0, 1, True)
    for t in scope.coverable:
        covering = {model.x[c.credential_id]: 1 for c in teachers_of(t.skill_id, t.level)}
        if forced:
            model.rows.append((1, math.inf, covering))
        else:
            y = model.y[t.key] = model.var(0, 1, True)
            model.rows.append((0, math.inf, {y: -1} | covering))
    needs: dict[str, list[tuple[str, list[str]]]] = {}
    arcs: dict[str, set[str]] = {}
    for c in chosen:
        cid = c.credential_id
        for skill_id, level in problem.needs[cid]:
            providers = [d.credential_id for d in teachers_of(skill_id, level) if d is not c]
            needs.setdefault(cid, []).append((skill_id, providers))
            for did in providers:
                arcs.setdefault(did, set()).add(cid)
    component = model.component = _components(list(ids), {k: sorted(v) for k, v in arcs.items()})
    sizes: dict[int, int] = {}
    for number in component.values():
        sizes[number] = sizes.get(number, 0) + 1
    for cid in ids:
        size = sizes[component[cid]]
        if size > 1:
            model.p[cid] = model.var(0, size - 1, False)
    for cid, prerequisites in needs.items():
        mine = component[cid]
        size = sizes[mine]
        for _, providers in prerequisites:
            row = {model.x[cid]: -1}
            for did in providers:
                if component[did] != mine:
                    row[model.x[did]] = 1
                    continue
                if (did, cid) not in model.u:
                    u = model.u[did, cid] = model.var(0, 1, True)
                    model.rows.append((-math.inf, 0, {u: 1, model.x[did]: -1}))
                    model.rows.append(
                        (-math.inf, size - 1, {model.p[did]: 1, model.p[cid]: -1, u: size})
                    )
                row[model.u[did, cid]] = 1
            model.rows.append((0, math.inf, row))
    amounts = _amounts(problem, chosen)
    cost, cost_divisor = _reduced(amounts["cost"])
    hours, hours_divisor = _reduced(amounts["hours"])
    options = problem.options
    # Both sides are integers, so flooring the scaled limit keeps it exact.
    if options.max_cost is not None and any(cost.values()):
        limit = int(options.max_cost.scaleb(amounts["digits"][""])) // cost_divisor
        model.rows.append((-math.inf, limit, {model.x[k]: v for k, v in cost.items() if v}))
    max_hours = options.max_hours_units
    if max_hours is not None and any(hours.values()):
        limit = max_hours // hours_divisor
        model.rows.append((-math.inf, limit, {model.x[k]: v for k, v in hours.items() if v}))

    def over_x(values: Mapping[str, int]) -> dict[int, int]:
        return {model.x[k]: v for k, v in values.items() if v}

    measures = {
        "cost": [over_x(amounts["unpriced"]), over_x(cost)],
        "hours": [over_x(amounts["untimed"]), over_x(hours)],
        "count": [{index: 1 for index in model.x.values()}],
    }
    chain = {
        Objective.COST: ("cost", "hours", "count"),
        Objective.HOURS: ("hours", "cost", "count"),
        Objective.COUNT: ("count", "cost", "hours"),
    }[options.objective]
    levels: list[tuple[dict[int, int], Fraction]] = [
        (level, Fraction(0)) for name in chain for level in measures[name]
    ]
    preference = options.value
    if preference is not None:
        # The objective's known sum (or the count) within its tolerance, its unknown ones
        # exactly; then the least value deficit; then the objective exactly and the rest.
        deficit, _ = _reduced(
            {c.credential_id: preference.deficit_units(c.credential_id) for c in chosen}
        )
        first = measures[chain[0]]
        levels[len(first) - 1] = (first[-1], preference.tolerance)
        levels.insert(len(first), (over_x(deficit), Fraction(0)))
        levels.insert(len(first) + 1, (first[-1], Fraction(0)))
    if not forced:
        weights, _ = _reduced({f"{t.key}": t.weight_units for t in scope.coverable})
        levels.insert(
            0,
            (
                {model.y[t.key]: -weights[f"{t.key}"] for t in scope.coverable if t.key in model.y},
                Fraction(0),
            ),
        )
    model.levels, model.tolerances = _merged([level for level in levels if level[0]])
    return model


MERGE_LIMIT = 1 << 17


def _merged(
    levels: list[tuple[dict[int, int], Fraction]],
) -> tuple[list[dict[int, int]], list[Fraction]]:
    """Consecutive exact levels a, b (tolerance 0) with non-negative coefficients as one,
    a * (B + 1) + b, where B is the sum of b's coefficients: any solution worse in a is worse
    by at least B + 1 in the merged objective, more than b can make up, so its optimum is the
    lexicographic optimum of (a, b). Only while every merged coefficient stays at most
    ``MERGE_LIMIT``, far inside the range HiGHS compares exactly. A level with a tolerance
    stays alone. Returns the levels and their tolerances."""
    merged: list[dict[int, int]] = []
    tolerances: list[Fraction] = []
    for level, tolerance in levels:
        if (
            merged
            and not tolerance
            and not tolerances[-1]
            and min(merged[-1].values()) >= 0
            and min(level.values()) >= 0
        ):
            factor = sum(level.values()) + 1
            combined = {i: c * factor for i, c in merged[-1].items()}
            for i, c in level.items():
                combined[i] = combined.get(i, 0) + c
            if max(combined.values()) <= MERGE_LIMIT:
                merged[-1] = combined
                continue
        merged.append(level)
        tolerances.append(tolerance)
    return merged, tolerances


def model_point(problem: PlanProblem, model: MilpModel, selected: Sequence[str]) -> list[float]:
    """The model's point for an orderable, within-limits selection (y at its maximum)."""
    order = order_steps(selected, problem.held, problem.by_id)
    position = {cid: index for index, cid in enumerate(order)}
    covered = score_selection(problem, order).covered
    values = [0.0] * len(model.lower)
    for cid in position:
        values[model.x[cid]] = 1.0
    # Within a component, a taken member's position is its rank among the taken members.
    members: dict[int, list[str]] = {}
    for cid in order:
        if cid in model.p:
            members.setdefault(model.component[cid], []).append(cid)
    for ranked in members.values():
        for rank, cid in enumerate(ranked):
            values[model.p[cid]] = float(rank)
    for (did, cid), u in model.u.items():
        if did in position and cid in position and position[did] < position[cid]:
            values[u] = 1.0
    for key, y in model.y.items():
        values[y] = 1.0 if key in covered else 0.0
    return values
