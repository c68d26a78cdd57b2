"""A fast, feasible, not necessarily optimal plan: the baseline and the optimiser's fallback."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from decimal import Decimal

from skillgraph.domain.ordering import is_orderable
from skillgraph.domain.plan_model import Candidate, Objective, PlanProblem, PlanResult, Target
from skillgraph.domain.prerequisites import PlanScope, plan_scope, unmet_prerequisites
from skillgraph.domain.selection import build_result

__all__ = ["GreedyPlanSolver", "greedy_selection"]


class _Catalogue:
    """Obtainable candidates with their objective measures and a teacher index. An unknown
    cost (hours) is measured as one more than the dearest (longest) known one."""

    def __init__(self, problem: PlanProblem, ranks: Mapping[str, int]) -> None:
        self.ranks = ranks
        self.objective = problem.options.objective
        self.by_id = {cid: problem.by_id[cid] for cid in sorted(ranks)}
        # Integer measures (costs scaled to whole minor units) keep the sorts fast.
        known = self.by_id.values()
        digits = max([0] + [-int(c.price.as_tuple().exponent) for c in known if c.price != 0])
        prices = {cid: int(c.price.scaleb(digits)) for cid, c in self.by_id.items()}
        dearest = max((prices[c.credential_id] for c in known if not c.unpriced), default=0)
        longest = max((c.hours_units for c in known if not c.untimed), default=0)
        self.key: dict[str, tuple[int, int]] = {}
        self.hours: dict[str, int] = {}
        for cid, candidate in self.by_id.items():
            cost = dearest + 1 if candidate.unpriced else prices[cid]
            hours = longest + 1 if candidate.untimed else candidate.hours_units
            self.hours[cid] = hours
            self.key[cid] = {
                Objective.COST: (cost, hours),
                Objective.HOURS: (hours, cost),
                Objective.COUNT: (1, cost),
            }[self.objective]
        # Teachers of each skill, cheapest (by the objective) first.
        self.teachers: dict[str, list[Candidate]] = {}
        for candidate in self.by_id.values():
            for skill_id in candidate.teaches:
                self.teachers.setdefault(skill_id, []).append(candidate)
        for skill_id, teachers in self.teachers.items():
            ordered = sorted((self.key[c.credential_id], c.credential_id, c) for c in teachers)
            self.teachers[skill_id] = [c for _, _, c in ordered]

    def bundle(
        self, root: Candidate, levels: Mapping[str, int], taken: set[str]
    ) -> list[Candidate]:
        """``root`` plus the prerequisite providers it still needs, in rank order.

        A prerequisite is met by ``levels`` (held or already taken) or by a bundle member of a
        lower availability rank; otherwise the cheapest credential of a lower rank than the
        one needing it is added. Ranks strictly fall along every chain, so no cycle arises,
        and by the definition of ranks such a provider always exists.
        """
        ranks = self.ranks
        bundle = {root.credential_id: root}
        pending = [root]
        while pending:
            needer = pending.pop()
            rank = ranks[needer.credential_id]
            for skill_id, level in unmet_prerequisites(needer, levels):
                if any(
                    ranks[m.credential_id] < rank and m.teaches_at_least(skill_id, level)
                    for m in bundle.values()
                ):
                    continue
                provider = next(
                    c
                    for c in self.teachers[skill_id]
                    if ranks[c.credential_id] < rank
                    and c.credential_id not in taken
                    and c.teaches_at_least(skill_id, level)
                )
                bundle[provider.credential_id] = provider
                pending.append(provider)
        return sorted(bundle.values(), key=lambda c: (ranks[c.credential_id], c.credential_id))

    def measure(self, candidates: list[Candidate]) -> int:
        if self.objective is Objective.COST:
            return sum(self.key[c.credential_id][0] for c in candidates)
        if self.objective is Objective.HOURS:
            return sum(self.hours[c.credential_id] for c in candidates)
        return len(candidates)

    def secondary(self, candidates: list[Candidate]) -> int:
        return sum(self.key[c.credential_id][1] for c in candidates)


def greedy_selection(problem: PlanProblem, scope: PlanScope) -> tuple[str, ...]:
    """Repeatedly add the credential (with the prerequisite providers it needs) of least
    objective per newly covered weight that keeps within the limits; then drop any credential
    whose removal keeps the covered weight and the order valid. Ids in the order taken.

    Lazy evaluation keeps it fast on large catalogues: a credential's ratio only worsens as
    targets get covered, so a stale ratio is a lower bound and is recomputed only when it
    reaches the top of the queue; a credential whose prerequisites a taken one teaches gets a
    fresh entry (its bundle may have shrunk). Ties: more weight, then the secondary measure,
    then the smaller bundle, then the id.
    """
    catalogue = _Catalogue(problem, scope.ranks)
    options = problem.options
    max_hours = options.max_hours_units
    levels = dict(problem.held)
    taken: list[str] = []
    taken_ids: set[str] = set()
    cost, hours = Decimal(0), 0
    uncovered = {t.key: t for t in scope.coverable}
    by_skill: dict[str, list[Target]] = {}
    for t in scope.coverable:
        by_skill.setdefault(t.skill_id, []).append(t)
    needers: dict[str, set[str]] = {}
    for cid in catalogue.by_id:
        for skill_id, _ in problem.needs[cid]:
            needers.setdefault(skill_id, set()).add(cid)

    def gain(candidate: Candidate) -> int:
        return sum(
            t.weight_units
            for skill_id, level in candidate.teaches.items()
            for t in by_skill.get(skill_id, ())
            if t.key in uncovered and level >= t.level
        )

    # The ratio as a float: IEEE division is correctly rounded, so equal ratios of these
    # integers compare equal, and the rest of the key breaks ties.
    Key = tuple[float, int, int, int, str]

    def evaluate(cid: str) -> tuple[Key, list[Candidate]] | None:
        bundle = catalogue.bundle(catalogue.by_id[cid], levels, taken_ids)
        if (
            options.max_cost is not None
            and cost + sum((c.price for c in bundle), Decimal(0)) > options.max_cost
        ):
            return None
        if max_hours is not None and hours + sum(c.hours_units for c in bundle) > max_hours:
            return None
        covered = {
            t.key
            for c in bundle
            for skill_id, level in c.teaches.items()
            for t in by_skill.get(skill_id, ())
            if t.key in uncovered and level >= t.level
        }
        gained = sum(uncovered[key].weight_units for key in covered)
        if not gained:
            return None
        ratio = catalogue.measure(bundle) / gained
        return (ratio, -gained, catalogue.secondary(bundle), len(bundle), cid), bundle

    queue: list[tuple[Key, int]] = []
    version: dict[str, int] = {}

    def push(cid: str) -> None:
        if cid in taken_ids or not gain(catalogue.by_id[cid]):
            return
        found = evaluate(cid)
        if found is not None:
            version[cid] = version.get(cid, 0) + 1
            heapq.heappush(queue, (found[0], version[cid]))

    for cid in catalogue.by_id:
        push(cid)
    while uncovered and queue:
        key, seen = heapq.heappop(queue)
        cid = key[-1]
        if cid in taken_ids or seen != version.get(cid):
            continue
        found = evaluate(cid)
        if found is None:
            continue
        if queue and found[0] > queue[0][0]:
            version[cid] += 1
            heapq.heappush(queue, (found[0], version[cid]))
            continue
        raised: set[str] = set()
        for candidate in found[1]:
            taken.append(candidate.credential_id)
            taken_ids.add(candidate.credential_id)
            cost += candidate.price
            hours += candidate.hours_units
            for skill_id, level in candidate.teaches.items():
                if levels.get(skill_id, 0) < level:
                    levels[skill_id] = level
                    raised.add(skill_id)
                for t in by_skill.get(skill_id, ()):
                    if level >= t.level:
                        uncovered.pop(t.key, None)
        for skill_id in sorted(raised):
            for needer in sorted(needers.get(skill_id, ())):
                push(needer)
    return _pruned(problem, catalogue, taken)


def _pruned(problem: PlanProblem, catalogue: _Catalogue, taken: list[str]) -> tuple[str, ...]:
    """``taken`` without each credential (dearest first) whose removal loses no covered
    target and leaves an orderable plan."""
    by_id = problem.by_id
    covering: dict[tuple[str, int], int] = {}
    for cid in taken:
        for t in problem.targets:
            if by_id[cid].teaches_at_least(t.skill_id, t.level):
                covering[t.key] = covering.get(t.key, 0) + 1
    needed = {skill_id for cid in taken for skill_id, _ in problem.needs[cid]}
    for cid in sorted(taken, key=lambda c: (catalogue.key[c], c), reverse=True):
        candidate = by_id[cid]
        mine = [t.key for t in problem.targets if candidate.teaches_at_least(t.skill_id, t.level)]
        if any(covering[key] < 2 for key in mine):
            continue
        rest = [c for c in taken if c != cid]
        if needed & set(candidate.teaches) and not is_orderable(rest, problem.held, by_id):
            continue
        taken = rest
        for key in mine:
            covering[key] -= 1
    return tuple(taken)


class GreedyPlanSolver:
    """``PlanSolver`` using ``greedy_selection``; results are never marked optimal, and
    carry no alternatives."""

    name = "greedy"

    def solve(self, problem: PlanProblem) -> PlanResult:
        scope = plan_scope(problem)
        selected = greedy_selection(problem, scope)
        return build_result(problem, scope, selected, optimal=False, solver=self.name)
