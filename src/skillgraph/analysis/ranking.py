"""Single credentials ranked by how much of a gap each closes (``credentialsForGap``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from skillgraph.analysis.gap import held_from, requirements_from
from skillgraph.analysis.offers import as_candidate, reason_of
from skillgraph.analysis.plan import (
    PlanRequest,
    earned_credentials,
    offer_filter,
    read_visible_context,
    targets_of,
)
from skillgraph.domain.gap import evaluate_gap
from skillgraph.domain.narrowing import widen_problem
from skillgraph.domain.plan_model import Candidate, Objective, PlanProblem
from skillgraph.domain.skills import held_levels
from skillgraph.store.database import Database, Record

__all__ = ["RankedCredential", "rank_credentials", "score_of"]


@dataclass(frozen=True)
class RankedCredential:
    credential_id: str
    closes: tuple[str, ...]
    closed_weight: float
    score: float


def score_of(
    candidate: Candidate,
    closed: float,
    objective: Objective,
    dearest: float = 0.0,
    longest: float = 0.0,
) -> float:
    """Missing weight closed per unit of the objective, smoothed so free or zero-hour
    credentials do not divide by zero: COST closed/(1+cost), HOURS closed/(1+hours),
    COUNT closed. An unknown cost (duration) counts as one more than ``dearest``
    (``longest``), the highest known one among the ranked credentials, so it ranks below
    every known one that closes as much."""
    if objective is Objective.COST:
        cost = dearest + 1 if candidate.unpriced else float(candidate.price)
        return closed / (1.0 + cost)
    if objective is Objective.HOURS:
        hours = longest + 1 if candidate.hours is None else candidate.hours
        return closed / (1.0 + hours)
    return closed


async def rank_credentials(
    db: Database,
    person_id: str,
    role_id: str,
    request: PlanRequest,
    as_of: datetime,
    may_see_person: Callable[[Record], bool],
) -> list[RankedCredential]:
    """Single credentials that close at least one missing requirement (candidates as
    ``plan_toward`` chooses them), best score first, then by id. Prerequisites are not
    checked. One round trip."""
    found = await read_visible_context(db, person_id, [role_id], request, may_see_person)
    held = held_from(found.evidence, as_of)
    narrower = dict(found.narrower)
    gap = evaluate_gap(requirements_from(found.roles[role_id].rows), held, request.gap, narrower)
    targets = targets_of(gap, request)
    where = offer_filter(request, found.main_currency)
    earned = earned_credentials(found.evidence.awards, as_of)
    candidates = [
        as_candidate(o) for o in found.offers if o.id not in earned and reason_of(o, where) is None
    ]
    if request.gap.match_narrower:
        widened = PlanProblem(targets, held_levels(held), tuple(candidates))
        candidates = list(widen_problem(widened, narrower).candidates)
    closing = []
    for candidate in candidates:
        closes = tuple(
            t.skill_id for t in targets if candidate.teaches_at_least(t.skill_id, t.level)
        )
        if closes:
            closing.append((candidate, closes))
    dearest = max((float(c.price) for c, _ in closing if not c.unpriced), default=0.0)
    longest = max((c.hours for c, _ in closing if c.hours is not None), default=0.0)
    ranked = []
    for candidate, closes in closing:
        weight = sum(t.weight for t in targets if t.skill_id in closes)
        score = score_of(candidate, weight, request.objective, dearest, longest)
        ranked.append(RankedCredential(candidate.credential_id, closes, weight, score))
    ranked.sort(key=lambda r: (-r.score, r.credential_id))
    return ranked
