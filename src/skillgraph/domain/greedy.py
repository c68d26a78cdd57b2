"""A fast, feasible, not necessarily optimal plan: the baseline and the optimiser's fallback."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from skillgraph.domain.ordering import is_orderable
from skillgraph.domain.plan_model import Candidate, Objective, PlanProblem, PlanResult
from skillgraph.domain.prerequisites import PlanScope, plan_scope, unmet_prerequisites
from skillgraph.domain.selection import build_result, score_selection

__all__ = ["GreedyPlanSolver", "greedy_selection"]


class _Catalogue:
    """Obtainable candidates with their objective measures and a teacher index."""

    def __init__(self, problem: PlanProblem, ranks: Mapping[str, int]) -> None:
        self.ranks = ranks
        self.objective = problem.options.objective
        self.by_id = {cid: problem.by_id[cid] for cid in sorted(ranks)}
        self.key: dict[str, tuple[Fraction, Fraction]] = {}
        for cid, candidate in self.by_id.items():
            cost, hours = Fraction(candidate.price), Fraction(candidate.hours_units)
            self.key[cid] = {
                Objective.COST: (cost, hours),
                Objective.HOURS: (hours, cost),
                Objective.COUNT: (Fraction(1), cost),
            }[self.objective]
        # Teachers of each skill, cheapest (by the objective) first.
        self.teachers: dict[str, list[Candidate]] = {}
        for candidate in self.by_id.values():
            for skill_id in candidate.teaches:
                self.teachers.setdefault(skill_id, []).append(candidate)
        for teachers in self.teachers.values():
            teachers.sort(key=lambda c: (self.key[c.credential_id], c.credential_id))

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

    def measure(self, candidates: list[Candidate]) -> Fraction:
        if self.objective is Objective.COST:
            return sum((self.key[c.credential_id][0] for c in candidates), Fraction(0))
        if self.objective is Objective.HOURS:
            return Fraction(sum(c.hours_units for c in candidates))
        return Fraction(len(candidates))

    def secondary(self, candidates: list[Candidate]) -> Fraction:
        return sum((self.key[c.credential_id][1] for c in candidates), Fraction(0))


def greedy_selection(problem: PlanProblem, scope: PlanScope) -> tuple[str, ...]:
    """Repeatedly add the credential (with the prerequisite providers it needs) of least
    objective per newly covered weight that keeps within the limits; then drop any credential
    whose removal keeps the covered weight and the order valid. Ids in the order taken."""
    catalogue = _Catalogue(problem, scope.ranks)
    options = problem.options
    max_hours = options.max_hours_units
    levels = dict(problem.held)
    taken: list[str] = []
    cost, hours = Decimal(0), 0
    uncovered = {t.skill_id: t for t in scope.coverable}
    while uncovered:
        best: tuple[tuple[Fraction, int, Fraction, int, str], list[Candidate]] | None = None
        for cid, candidate in catalogue.by_id.items():
            if cid in taken or not any(
                candidate.teaches_at_least(t.skill_id, t.level) for t in uncovered.values()
            ):
                continue
            bundle = catalogue.bundle(candidate, levels, set(taken))
            bundle_cost = sum((c.price for c in bundle), Decimal(0))
            if options.max_cost is not None and cost + bundle_cost > options.max_cost:
                continue
            if max_hours is not None and hours + sum(c.hours_units for c in bundle) > max_hours:
                continue
            gained = sum(
                t.weight_units
                for t in uncovered.values()
                if any(c.teaches_at_least(t.skill_id, t.level) for c in bundle)
            )
            ratio = catalogue.measure(bundle) / gained
            key = (ratio, -gained, catalogue.secondary(bundle), len(bundle), cid)
            if best is None or key < best[0]:
                best = (key, bundle)
        if best is None:
            break
        chosen = best[1]
        for candidate in chosen:
            taken.append(candidate.credential_id)
            cost += candidate.price
            hours += candidate.hours_units
            for skill_id, level in candidate.teaches.items():
                levels[skill_id] = max(levels.get(skill_id, 0), level)
        uncovered = {
            s: t
            for s, t in uncovered.items()
            if not any(c.teaches_at_least(t.skill_id, t.level) for c in chosen)
        }
    return _pruned(problem, catalogue, taken)


def _pruned(problem: PlanProblem, catalogue: _Catalogue, taken: list[str]) -> tuple[str, ...]:
    by_id = problem.by_id
    weight = score_selection(problem, taken).weight_units
    # Try dropping the most expensive (by the objective) first.
    for cid in sorted(taken, key=lambda c: (catalogue.key[c], c), reverse=True):
        rest = [c for c in taken if c != cid]
        if score_selection(problem, rest).weight_units == weight and is_orderable(
            rest, problem.held, by_id
        ):
            taken = rest
    return tuple(taken)


class GreedyPlanSolver:
    """``PlanSolver`` using ``greedy_selection``; results are never marked optimal, and
    carry no alternatives."""

    name = "greedy"

    def solve(self, problem: PlanProblem) -> PlanResult:
        scope = plan_scope(problem)
        selected = greedy_selection(problem, scope)
        return build_result(problem, scope, selected, optimal=False, solver=self.name)
