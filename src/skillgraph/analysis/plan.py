"""The credential plan that closes a person's gap for a role."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from skillgraph.analysis.gap import GapInputs, skill_gap
from skillgraph.domain.gap import Gap, GapOptions
from skillgraph.domain.plan_model import (
    Candidate,
    Objective,
    PlanOptions,
    PlanProblem,
    PlanResult,
    Target,
    ValuePreference,
)
from skillgraph.domain.planner import coverage_after, plan_credentials
from skillgraph.domain.skills import Award, HeldSkill, held_levels
from skillgraph.errors import BadUserInput
from skillgraph.model.enums import AwardStatus, Importance
from skillgraph.model.fields import Money
from skillgraph.observability.metrics import solver_timer
from skillgraph.store import plans, signals
from skillgraph.store.database import Database, Record, instant

__all__ = [
    "Include",
    "PlanAnswer",
    "PlanRequest",
    "RankedCredential",
    "credential_plan",
    "plan_candidates",
    "rank_credentials",
    "score_of",
]


class Include(StrEnum):
    """Which missing requirements a plan must cover."""

    ESSENTIAL = "ESSENTIAL"
    ALL = "ALL"


@dataclass(frozen=True)
class PlanRequest:
    gap: GapOptions = field(default_factory=GapOptions)
    objective: Objective = Objective.COST
    include: Include = Include.ESSENTIAL
    max_cost: Money | None = None
    max_hours: float | None = None
    currency: str | None = None
    formats: tuple[str, ...] | None = None
    provider_ids: tuple[str, ...] | None = None
    exclude_ids: frozenset[str] = frozenset()
    require_accredited: bool = False
    require_endorsed: bool = False
    alternatives: int = 0
    time_limit_ms: int = 5_000
    prefer_value: bool = False
    value_tolerance: Fraction = Fraction(0)


@dataclass(frozen=True)
class PlanAnswer:
    """``currency`` is the one currency every cost of the plan is in (None: no priced
    credential exists; only free ones were candidates)."""

    gap: Gap
    result: PlanResult
    currency: str | None
    coverage_before: float
    coverage_after: float
    skills: dict[str, Any]


async def _currency(db: Database, request: PlanRequest) -> str | None:
    if request.max_cost is not None:
        if request.currency is not None and request.currency != request.max_cost.currency:
            raise BadUserInput(
                f"maxCost is in {request.max_cost.currency} but currency is "
                f"{request.currency}; plans never add different currencies",
                field="options.maxCost.currency",
            )
        return request.max_cost.currency
    return request.currency or await plans.main_currency(db)


def _targets(gap: Gap, request: PlanRequest) -> tuple[Target, ...]:
    return tuple(
        Target(m.skill_id, m.required_level, request.gap.weight_of(m.importance))
        for m in gap.missing
        if (request.include is Include.ALL or m.importance is Importance.ESSENTIAL)
        and request.gap.weight_of(m.importance) > 0
    )


def _candidate(row: Record) -> Candidate:
    return Candidate(
        credential_id=row["id"],
        cost=Decimal(row["cost"]) if row.get("cost") is not None else Decimal(0),
        hours=float(row.get("hours") or 0.0),
        teaches={t["skillId"]: int(t["level"]) for t in row["teaches"]},
        requires={r["skillId"]: int(r["level"]) for r in row["requires"]},
    )


async def plan_candidates(
    db: Database,
    skills: list[str],
    held: dict[str, HeldSkill],
    earned: frozenset[str],
    request: PlanRequest,
    currency: str | None,
) -> list[Candidate]:
    rows = await plans.candidates(
        db,
        skills,
        held_levels(held),
        plans.CandidateFilter(
            currency=currency or "",
            exclude=request.exclude_ids | earned,
            formats=request.formats,
            providers=request.provider_ids,
            require_accredited=request.require_accredited,
            require_endorsed=request.require_endorsed,
        ),
    )
    return [_candidate(row) for row in rows]


def earned_credentials(awards: tuple[Record, ...], as_of: datetime) -> frozenset[str]:
    """Credentials the person holds with an award that counts at ``as_of``."""
    return frozenset(
        row["credentialId"]
        for row in awards
        if Award(
            credential_id=row["credentialId"],
            status=AwardStatus(row.get("status") or "ACTIVE"),
            issued_at=instant(row["issuedAt"]),
            expires_at=instant(row.get("expiresAt")),
        ).counts_at(as_of)
    )


async def credential_plan(
    db: Database,
    inputs: GapInputs,
    person_id: str,
    role_id: str,
    request: PlanRequest,
    as_of: datetime,
) -> PlanAnswer:
    """The optimal plan for the gap (see ``domain.planner.plan_credentials``).

    Candidates are ACTIVE credentials the person does not hold with a counting award,
    priced in one currency (``currency``, else maxCost's, else the catalogue's most common)
    or free, passing the request's filters. Unknown hours count as 0.
    """
    gap, held, skills = await skill_gap(inputs, person_id, role_id, request.gap, as_of)
    currency = await _currency(db, request)
    targets = _targets(gap, request)
    evidence = await inputs.evidence(person_id)
    earned = earned_credentials(evidence.awards if evidence else (), as_of)
    candidates = await plan_candidates(
        db, [t.skill_id for t in targets], held, earned, request, currency
    )
    preference = None
    if request.prefer_value:
        scores = await signals.value_scores(db, [c.credential_id for c in candidates])
        preference = ValuePreference(scores, request.value_tolerance)
    options = PlanOptions(
        objective=request.objective,
        max_cost=request.max_cost.amount if request.max_cost else None,
        max_hours=request.max_hours,
        alternatives=request.alternatives,
        time_limit_ms=request.time_limit_ms,
        value=preference,
    )
    problem = PlanProblem(
        targets=targets, held=held_levels(held), candidates=tuple(candidates), options=options
    )
    # The solver is CPU-bound; keep the event loop serving other requests meanwhile.
    with solver_timer() as run:
        result = await asyncio.to_thread(plan_credentials, problem)
        run["solver"] = result.solver
    return PlanAnswer(
        gap=gap,
        result=result,
        currency=currency,
        coverage_before=gap.coverage,
        coverage_after=coverage_after(gap, result),
        skills=skills,
    )


@dataclass(frozen=True)
class RankedCredential:
    credential_id: str
    closes: tuple[str, ...]
    closed_weight: float
    score: float


def score_of(candidate: Candidate, closed: float, objective: Objective) -> float:
    """Missing weight closed per unit of the objective, smoothed so free or zero-hour
    credentials do not divide by zero: COST closed/(1+cost), HOURS closed/(1+hours),
    COUNT closed."""
    if objective is Objective.COST:
        return closed / (1.0 + float(candidate.price))
    if objective is Objective.HOURS:
        return closed / (1.0 + candidate.hours)
    return closed


async def rank_credentials(
    db: Database,
    inputs: GapInputs,
    person_id: str,
    role_id: str,
    request: PlanRequest,
    as_of: datetime,
) -> list[RankedCredential]:
    """Single credentials that close at least one missing requirement (as ``credential_plan``
    chooses candidates), best score first, then by id. Prerequisites are not checked."""
    gap, held, _ = await skill_gap(inputs, person_id, role_id, request.gap, as_of)
    currency = await _currency(db, request)
    targets = _targets(gap, request)
    evidence = await inputs.evidence(person_id)
    earned = earned_credentials(evidence.awards if evidence else (), as_of)
    candidates = await plan_candidates(
        db, [t.skill_id for t in targets], held, earned, request, currency
    )
    ranked = []
    for candidate in candidates:
        closes = tuple(
            t.skill_id for t in targets if candidate.teaches_at_least(t.skill_id, t.level)
        )
        if not closes:
            continue
        weight = sum(t.weight for t in targets if t.skill_id in closes)
        ranked.append(
            RankedCredential(
                candidate.credential_id,
                closes,
                weight,
                score_of(candidate, weight, request.objective),
            )
        )
    return sorted(ranked, key=lambda r: (-r.score, r.credential_id))
