"""``matchNarrower`` for planning: a narrower skill held or taught meets the broader one."""

from __future__ import annotations

from collections.abc import Mapping

from skillgraph.domain.plan_model import Candidate, PlanProblem

__all__ = ["widen", "widen_problem"]


def widen(levels: Mapping[str, int], narrower_of: Mapping[str, frozenset[str]]) -> dict[str, int]:
    """``levels`` (skill id -> level) where each skill ``b`` of ``narrower_of`` gets the
    highest level of ``b`` and of the skills narrower than it: the level at which the gap's
    ``match_requirement`` (with matchNarrower) considers ``b`` met."""
    widened = dict(levels)
    for broader, narrower in narrower_of.items():
        best = max((levels.get(n, 0) for n in narrower), default=0)
        if best > widened.get(broader, 0):
            widened[broader] = best
    return widened


def widen_problem(problem: PlanProblem, narrower_of: Mapping[str, frozenset[str]]) -> PlanProblem:
    """``problem`` with held levels and what each candidate teaches widened (see ``widen``),
    so targets and prerequisites on a skill are met by narrower ones exactly as the gap
    judges requirements. Prerequisites themselves are unchanged."""
    candidates = tuple(
        Candidate(
            credential_id=c.credential_id,
            cost=c.cost,
            hours=c.hours,
            teaches=widen(c.teaches, narrower_of),
            requires=c.requires,
        )
        for c in problem.candidates
    )
    return PlanProblem(
        targets=problem.targets,
        held=widen(problem.held, narrower_of),
        candidates=candidates,
        options=problem.options,
    )
