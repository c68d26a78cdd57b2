"""Plans toward several roles at once: one plan for the union of their missing requirements.

Each role contributes its missing requirements as targets (skill, level, weight). Targets of
several roles on the same skill and level merge into one whose weight is their sum; the same
skill at different levels stays separate targets, so reaching the highest level meets every
role, and a plan cut short by a limit still earns the lower levels it reaches. The plan is the
lexicographically best one for these targets (see ``plan_credentials``); only its order is
chosen for the roles: role by role, the role needing the fewest steps first (see
``plan_pathway``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from skillgraph.domain.errors import PlanInputError
from skillgraph.domain.ordering import build_steps, order_steps
from skillgraph.domain.plan_model import Candidate, PlanProblem, PlanResult, Target
from skillgraph.domain.planner import PlanSolver, plan_credentials
from skillgraph.domain.prerequisites import unmet_prerequisites

__all__ = ["Pathway", "RoleTargets", "plan_pathway", "union_targets"]


@dataclass(frozen=True)
class RoleTargets:
    """One role's missing requirements (each skill once) that the plan should close."""

    role_id: str
    targets: tuple[Target, ...]

    def __post_init__(self) -> None:
        skills = [t.skill_id for t in self.targets]
        if len(set(skills)) != len(skills):
            raise PlanInputError(f"role {self.role_id} targets a skill more than once")


def union_targets(roles: Iterable[RoleTargets]) -> tuple[Target, ...]:
    """One target per (skill, level) over all roles, weighing the sum of the roles' weights
    for it; sorted by (skill, level)."""
    weights: dict[tuple[str, int], float] = {}
    for role in roles:
        for t in role.targets:
            weights[t.key] = weights.get(t.key, 0.0) + t.weight
    return tuple(Target(s, level, w) for (s, level), w in sorted(weights.items()))


@dataclass(frozen=True)
class Pathway:
    """``plan``: the plan with its steps in pathway order (alternatives likewise).
    ``serves``: credential id -> ids of the roles the step serves, i.e. it is the first to
    reach one of the role's targets, or it teaches a prerequisite of a later step that
    serves the role (transitively); sorted. ``reachable_after``: role id -> the position of
    the step after which every target of the role is met (0 when it had none), or None when
    the plan never meets them all. ``uncoverable(role)``: that role's targets no set of
    credentials reaches."""

    plan: PlanResult
    serves: Mapping[str, tuple[str, ...]]
    reachable_after: Mapping[str, int | None]
    alternatives: tuple[Pathway, ...] = ()

    def uncoverable(self, role: RoleTargets) -> tuple[str, ...]:
        """Skills of ``role``'s targets no credentials can reach, ignoring limits."""
        keys = set(self.plan.uncoverable_targets)
        return tuple(sorted({t.skill_id for t in role.targets if t.key in keys}))


def _progress(
    order: Sequence[str], by_id: Mapping[str, Candidate], held: Mapping[str, int]
) -> list[dict[str, int]]:
    """Levels held after each prefix of ``order``: entry k is after k steps."""
    levels = dict(held)
    after = [dict(levels)]
    for cid in order:
        for skill_id, level in by_id[cid].teaches.items():
            levels[skill_id] = max(levels.get(skill_id, 0), level)
        after.append(dict(levels))
    return after


def _needed(
    role: RoleTargets,
    chosen: Sequence[str],
    by_id: Mapping[str, Candidate],
    held: Mapping[str, int],
) -> set[str]:
    """The chosen credentials teaching one of ``role``'s targets, plus every chosen credential
    teaching a prerequisite of one of them, transitively."""
    needed = {
        cid
        for cid in chosen
        if any(by_id[cid].teaches_at_least(t.skill_id, t.level) for t in role.targets)
    }
    frontier = sorted(needed)
    while frontier:
        candidate = by_id[frontier.pop()]
        for skill_id, level in unmet_prerequisites(candidate, held):
            for cid in chosen:
                if cid not in needed and by_id[cid].teaches_at_least(skill_id, level):
                    needed.add(cid)
                    frontier.append(cid)
    return needed


def _arrange(problem: PlanProblem, roles: Sequence[RoleTargets], result: PlanResult) -> Pathway:
    by_id = problem.by_id
    held = problem.held
    chosen = result.credential_ids
    final = _progress(chosen, by_id, held)[-1]

    def reachable(role: RoleTargets) -> bool:
        return all(final.get(t.skill_id, 0) >= t.level for t in role.targets)

    needs = {role.role_id: _needed(role, chosen, by_id, held) for role in roles}
    ranked = sorted(roles, key=lambda r: (not reachable(r), len(needs[r.role_id]), r.role_id))
    priority: dict[str, int] = {}
    for rank, role in enumerate(ranked):
        for cid in needs[role.role_id]:
            priority.setdefault(cid, rank)
    ranks = {c: priority.get(c, len(ranked)) for c in chosen}
    if len(set(ranks.values())) <= 1:
        # One rank for all (so toward one role whose plan needs every step): the plan's own
        # order and steps.
        order, steps = chosen, result.steps
    else:
        order = order_steps(chosen, held, by_id, ranks)
        steps = build_steps(order, by_id, held, problem.targets)
    plan = dataclasses.replace(
        result,
        steps=steps,
        unpriced=tuple(c for c in order if by_id[c].unpriced),
        untimed=tuple(c for c in order if by_id[c].untimed),
        alternatives=(),
    )
    levels = _progress(order, by_id, held)
    reachable_after: dict[str, int | None] = {}
    for role in roles:
        reachable_after[role.role_id] = next(
            (
                k
                for k, after in enumerate(levels)
                if all(after.get(t.skill_id, 0) >= t.level for t in role.targets)
            ),
            None,
        )
    # Serving: first to reach a role's target, or enabling (transitively) a step that serves.
    serves: dict[str, set[str]] = {cid: set() for cid in order}
    for position, cid in enumerate(order):
        before, after = levels[position], levels[position + 1]
        for role in roles:
            if any(
                before.get(t.skill_id, 0) < t.level <= after.get(t.skill_id, 0)
                for t in role.targets
            ):
                serves[cid].add(role.role_id)
    for step in reversed(steps):
        for later in step.enables:
            serves[step.credential_id] |= serves[later]
    return Pathway(
        plan=plan,
        serves=MappingProxyType({c: tuple(sorted(r)) for c, r in serves.items()}),
        reachable_after=MappingProxyType(reachable_after),
    )


def plan_pathway(
    problem: PlanProblem, roles: Sequence[RoleTargets], solver: PlanSolver | None = None
) -> Pathway:
    """The best plan for ``problem`` (whose targets must be ``union_targets(roles)``), with
    its steps in pathway order: the roles the plan makes reachable first, fewest needed steps
    first (then by id), then the others; each role's needed steps (see ``_needed``) come
    before those of later roles, in prerequisite order, smallest id first. The order only
    changes when steps are taken, never which: totals and optimality are the plan's.

    Raises PlanInputError when ``problem.targets`` is not the union of the roles' targets.
    """
    if problem.targets != union_targets(roles):
        raise PlanInputError("the problem's targets must be the union of the roles' targets")
    result = plan_credentials(problem, solver)
    main = _arrange(problem, roles, result)
    alternatives = tuple(_arrange(problem, roles, alt) for alt in result.alternatives)
    return dataclasses.replace(
        main,
        plan=dataclasses.replace(main.plan, alternatives=tuple(a.plan for a in alternatives)),
        alternatives=alternatives,
    )
