"""Putting chosen credentials in an order that respects their prerequisites."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from skillgraph.domain.errors import (
    MissingPrerequisiteError,
    PlanInputError,
    PrerequisiteCycleError,
)
from skillgraph.domain.plan_model import Candidate, Step, Target
from skillgraph.domain.prerequisites import satisfied, unmet_prerequisites

__all__ = ["build_steps", "is_orderable", "order_steps"]


def _index(candidates: Iterable[Candidate] | Mapping[str, Candidate]) -> Mapping[str, Candidate]:
    if isinstance(candidates, Mapping):
        return candidates
    return {c.credential_id: c for c in candidates}


def _chosen(selected: Iterable[str], by_id: Mapping[str, Candidate]) -> list[Candidate]:
    chosen: dict[str, Candidate] = {}
    for credential_id in selected:
        if credential_id not in by_id:
            raise PlanInputError(f"unknown credential {credential_id}")
        chosen[credential_id] = by_id[credential_id]
    return [chosen[k] for k in sorted(chosen)]


def _place(
    chosen: list[Candidate], held: Mapping[str, int], priority: Mapping[str, int] | None = None
) -> tuple[list[str], list[Candidate]]:
    # Smallest (priority, id) among the ready ones first: without priorities, the
    # lexicographically least valid order.
    levels = dict(held)
    order: list[str] = []
    ranks = priority or {}
    remaining = sorted(chosen, key=lambda c: (ranks.get(c.credential_id, 0), c.credential_id))
    while remaining:
        ready = next((c for c in remaining if satisfied(c, levels)), None)
        if ready is None:
            break
        order.append(ready.credential_id)
        remaining.remove(ready)
        for skill_id, level in ready.teaches.items():
            levels[skill_id] = max(levels.get(skill_id, 0), level)
    return order, remaining


def is_orderable(
    selected: Iterable[str],
    held: Mapping[str, int],
    candidates: Iterable[Candidate] | Mapping[str, Candidate],
) -> bool:
    """Whether ``order_steps`` would succeed."""
    _, stuck = _place(_chosen(selected, _index(candidates)), held)
    return not stuck


def order_steps(
    selected: Iterable[str],
    held: Mapping[str, int],
    candidates: Iterable[Candidate] | Mapping[str, Candidate],
    priority: Mapping[str, int] | None = None,
) -> tuple[str, ...]:
    """The selected credential ids in a deterministic order in which every prerequisite is
    held (``held``: skill id -> level) or taught at its level by an earlier credential.

    Among the credentials that could come next, the one with the smallest ``priority``
    (credential id -> int, absent is 0) comes first, then the smallest id.
    Raises PrerequisiteCycleError (``.cycle``) when some credentials each need a skill only
    another of them teaches; MissingPrerequisiteError when a prerequisite is neither held nor
    taught by any selected credential; PlanInputError for an id not among ``candidates``.
    """
    by_id = _index(candidates)
    order, stuck = _place(_chosen(selected, by_id), held, priority)
    if stuck:
        levels = dict(held)
        for credential_id in order:
            for skill_id, level in by_id[credential_id].teaches.items():
                levels[skill_id] = max(levels.get(skill_id, 0), level)
        raise _diagnose(stuck, levels)
    return tuple(order)


def _diagnose(
    stuck: list[Candidate], levels: Mapping[str, int]
) -> PrerequisiteCycleError | MissingPrerequisiteError:
    providers: dict[str, str] = {}
    for candidate in stuck:
        unmet = unmet_prerequisites(candidate, levels)
        for skill_id, level in unmet:
            teachers = [
                other.credential_id
                for other in stuck
                if other is not candidate and other.teaches_at_least(skill_id, level)
            ]
            if not teachers:
                return MissingPrerequisiteError(candidate.credential_id, skill_id, level)
            if candidate.credential_id not in providers:
                providers[candidate.credential_id] = teachers[0]
    # Every stuck credential needs one taught by another stuck one: following those links
    # from any of them must return to a credential already visited.
    path: list[str] = []
    current = stuck[0].credential_id
    while current not in path:
        path.append(current)
        current = providers[current]
    cycle = path[path.index(current) :]
    start = cycle.index(min(cycle))
    return PrerequisiteCycleError(tuple(cycle[start:] + cycle[:start]))


def build_steps(
    order: Iterable[str],
    candidates: Iterable[Candidate] | Mapping[str, Candidate],
    held: Mapping[str, int],
    targets: Iterable[Target],
) -> tuple[Step, ...]:
    """Steps for an already valid ``order`` (see ``Step`` for covers/enables)."""
    by_id = _index(candidates)
    ordered = [by_id[credential_id] for credential_id in order]
    open_targets = sorted(targets, key=lambda t: t.key)
    steps: list[Step] = []
    for position, candidate in enumerate(ordered, start=1):
        covers = [t for t in open_targets if candidate.teaches_at_least(t.skill_id, t.level)]
        open_targets = [t for t in open_targets if t not in covers]
        enables = tuple(
            later.credential_id
            for later in ordered[position:]
            if any(
                candidate.teaches_at_least(skill_id, level)
                for skill_id, level in unmet_prerequisites(later, held)
            )
        )
        skills = tuple(sorted({t.skill_id for t in covers}))
        steps.append(Step(position, candidate.credential_id, skills, enables))
    return tuple(steps)
