"""Credential plans: the plan that closes a person's gap for one role or several at once.

Policies (the README's "The questions" states each in a sentence):
- Targets are the missing requirements of each role (ESSENTIAL only, or all with
  ``include: ALL``) of weight > 0; toward several roles, their union (see domain.pathway).
- Candidates (see analysis.offers) are ACTIVE credentials the person does not hold with a
  counting award, priced in one currency or free, known in cost unless ``include_unpriced``,
  passing the request's filters. The others that teach something the plan needs are listed
  with the reason (``excluded``). What the plan needs: its targets and, transitively, the
  unmet prerequisites of every candidate teaching something it needs (``_needed_levels``).
- Prerequisites are followed to a fixpoint: the first round trip reads three levels ahead,
  then one round trip per level that still needs skills not asked yet; every skill is asked
  once, so the work is bounded by the catalogue, never by a depth.
- With ``matchNarrower``, a skill held or taught up to two BROADER hops below a required or
  prerequisite skill meets it, exactly as the gap judges requirements.
- ``coverage_after`` is the gap's coverage once every step is earned, judged by the same
  code and options as ``skillGap`` (all requirements, whatever ``include`` is).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from skillgraph.analysis.gap import held_from, requirements_from
from skillgraph.analysis.offers import (
    ExclusionReason,
    OfferFilter,
    as_candidate,
    exclusion_of,
    reason_of,
)
from skillgraph.analysis.solving import Deadline, SolverPool
from skillgraph.domain.gap import Gap, GapOptions, Requirement, evaluate_gap
from skillgraph.domain.milp import HighsPlanSolver
from skillgraph.domain.narrowing import widen, widen_problem
from skillgraph.domain.pathway import Pathway, RoleTargets, plan_pathway, union_targets
from skillgraph.domain.plan_model import (
    Candidate,
    Objective,
    PlanOptions,
    PlanProblem,
    PlanResult,
    Target,
    ValuePreference,
)
from skillgraph.domain.skills import Award, HeldSkill, after_earning, held_levels
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.enums import AwardStatus, Importance
from skillgraph.model.fields import Money
from skillgraph.observability.metrics import solver_timer
from skillgraph.store import plans, signals
from skillgraph.store.database import Database, Record, instant
from skillgraph.store.plans import Offer, PlanContext, Usable

__all__ = [
    "Excluded",
    "Include",
    "PlanAnswer",
    "PlanRequest",
    "RolePlan",
    "currency_of",
    "earned_credentials",
    "offered_by",
    "options_of",
    "plan_toward",
    "plans_for_each",
    "read_context",
    "targets_of",
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
    include_unpriced: bool = False
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
class RolePlan:
    """One target role: its gap now, and per plan (the plan
    first, then each alternative) the coverage once every step is earned and the position
    after which the role's targets are all met (0: none were missing; None: never); the
    skills of its targets no credentials can reach."""

    role_id: str
    role: Record
    gap: Gap
    coverage_after: tuple[float, ...]
    reachable_after: tuple[int | None, ...]
    uncoverable: tuple[str, ...]


@dataclass(frozen=True)
class Excluded:
    credential_id: str
    reason: ExclusionReason


@dataclass(frozen=True)
class PlanAnswer:
    """``result``: the plan, steps in order (alternatives inside it). ``serves``: per plan
    (the plan, then each alternative) credential id -> ids of the roles its step serves.
    ``currency``: the one currency of every cost (None: no credential is priced).
    """

    result: PlanResult
    roles: tuple[RolePlan, ...]
    serves: tuple[Mapping[str, tuple[str, ...]], ...]
    currency: str | None
    excluded: tuple[Excluded, ...]


def currency_of(request: PlanRequest, main: str | None) -> str | None:
    if request.max_cost is not None:
        if request.currency is not None and request.currency != request.max_cost.currency:
            raise BadUserInput(
                f"maxCost is in {request.max_cost.currency} but currency is "
                f"{request.currency}; plans never add different currencies",
                field="options.maxCost.currency",
            )
        return request.max_cost.currency
    return request.currency or main


def offer_filter(request: PlanRequest, main_currency: str | None) -> OfferFilter:
    """Which offers ``request`` lets be candidates (see ``analysis.offers.reason_of``)."""
    return OfferFilter(
        currency=currency_of(request, main_currency),
        include_unpriced=request.include_unpriced,
        exclude=request.exclude_ids,
        formats=request.formats,
        providers=request.provider_ids,
        require_accredited=request.require_accredited,
        require_endorsed=request.require_endorsed,
    )


def targets_of(gap: Gap, request: PlanRequest) -> tuple[Target, ...]:
    return tuple(
        Target(m.skill_id, m.required_level, request.gap.weight_of(m.importance))
        for m in gap.missing
        if (request.include is Include.ALL or m.importance is Importance.ESSENTIAL)
        and request.gap.weight_of(m.importance) > 0
    )


def earned_credentials(awards: Sequence[Record], as_of: datetime) -> frozenset[str]:
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


@dataclass
class _Search:
    """The credentials found so far, and which skills have been asked for."""

    offers: dict[str, Offer]
    narrower: dict[str, frozenset[str]]
    asked: set[str]


def options_of(request: PlanRequest, preference: ValuePreference | None = None) -> PlanOptions:
    """The solver's options (``preference``: the credentials' value scores, with
    ``prefer_value``); raises PlanInputError (BAD_USER_INPUT) for values out of range, before
    anything is read."""
    if preference is None and request.prefer_value:
        preference = ValuePreference({}, request.value_tolerance)  # checks the tolerance
    return PlanOptions(
        objective=request.objective,
        max_cost=request.max_cost.amount if request.max_cost else None,
        max_hours=request.max_hours,
        alternatives=request.alternatives,
        time_limit_ms=request.time_limit_ms,
        value=preference,
    )


def offered_by(request: PlanRequest) -> bool:
    """Whether the filters need who offers and endorses each credential."""
    return (
        request.provider_ids is not None or request.require_accredited or request.require_endorsed
    )


def _usable(request: PlanRequest, currency: str | None) -> Usable:
    return Usable(currency, request.include_unpriced, request.exclude_ids)


async def read_context(
    db: Database, person_id: str, role_ids: Sequence[str], request: PlanRequest
) -> PlanContext:
    """What planning toward ``role_ids`` reads first (see ``store.plans.context``): the
    credentials teaching the requirements ``request.include`` may target; BAD_USER_INPUT
    for conflicting currencies before anything is read. One round trip."""
    importances = (
        (Importance.ESSENTIAL, Importance.OPTIONAL)
        if request.include is Include.ALL
        else (Importance.ESSENTIAL,)
    )
    return await plans.context(
        db,
        person_id,
        role_ids,
        importances=[i.value for i in importances],
        usable=_usable(request, currency_of(request, None)),
        narrower=request.gap.match_narrower,
        offered_by=offered_by(request),
    )


async def read_visible_context(
    db: Database,
    person_id: str,
    role_ids: Sequence[str],
    request: PlanRequest,
    may_see_person: Callable[[Record], bool],
) -> PlanContext:
    """``read_context``, then NOT_FOUND for a person the caller may not see or a role that
    does not exist (the person is checked first, so an unseen person's roles tell nothing)."""
    found = await read_context(db, person_id, role_ids, request)
    if found.person is None or not may_see_person(found.person):
        raise NotFound(f"no Person with id {person_id!r}")
    for role_id in role_ids:
        if found.roles[role_id].role is None:
            raise NotFound(f"no Role with id {role_id!r}")
    return found


Teaching = tuple[Mapping[str, int], Mapping[str, int]]


async def _follow_prerequisites(
    db: Database,
    search: _Search,
    teaching: Callable[[], Iterable[Teaching]],
    targets: Sequence[Target],
    held: Mapping[str, int],
    usable: Usable,
    narrower: bool,
    offered_by: bool,
) -> None:
    """Ask for the teachers of every skill the plan may need (see ``_needed_levels``; over
    ``teaching()``, what each usable credential found so far teaches and requires) until
    every such skill has been asked: one round trip per round, each skill once."""
    while True:
        needed = _needed_levels(targets, teaching(), held)
        wanted = set(needed) - search.asked
        if not wanted:
            return
        found, asked, below = await plans.teachers(
            db, wanted, usable=usable, narrower=narrower, offered_by=offered_by
        )
        search.asked |= wanted | asked
        for offer in found:
            search.offers.setdefault(offer.id, offer)
        search.narrower.update(below)


def _needed_levels(
    targets: Sequence[Target], teaching: Iterable[Teaching], held: Mapping[str, int]
) -> dict[str, int]:
    """Skill id -> the lowest level the plan may need of it: a target's, or that of a
    prerequisite ``held`` does not meet of a credential (``teaching``: what each teaches and
    requires) teaching something needed at a level needed, transitively. It depends on the
    catalogue, not on how far ahead the reads went."""
    needed: dict[str, int] = {}
    for t in targets:
        needed[t.skill_id] = min(needed.get(t.skill_id, t.level), t.level)
    teachers: dict[str, list[tuple[int, int]]] = {}
    found = list(teaching)
    for index, (teaches, _) in enumerate(found):
        for skill_id, level in teaches.items():
            teachers.setdefault(skill_id, []).append((level, index))
    frontier = list(needed.items())
    serving: set[int] = set()
    while frontier:
        skill_id, level = frontier.pop()
        for taught, index in teachers.get(skill_id, ()):
            if taught < level or index in serving:
                continue
            serving.add(index)
            for needs, at in found[index][1].items():
                if held.get(needs, 0) < at < needed.get(needs, math.inf):
                    needed[needs] = at
                    frontier.append((needs, at))
    return needed


def _excluded(
    reasons: Mapping[str, ExclusionReason],
    teaches: Mapping[str, Mapping[str, int]],
    needed: Mapping[str, int],
) -> tuple[Excluded, ...]:
    """The left-out credentials that teach something the plan needs at a level it needs."""
    return tuple(
        Excluded(cid, reason)
        for cid, reason in sorted(reasons.items())
        if any(level >= needed.get(s, math.inf) for s, level in teaches[cid].items())
    )


def _coverage_after(
    requirements: Sequence[Requirement],
    held: Mapping[str, HeldSkill],
    result: PlanResult,
    candidates: Mapping[str, Candidate],
    options: GapOptions,
    narrower: Mapping[str, frozenset[str]],
) -> float:
    earned = [(cid, candidates[cid].teaches) for cid in result.credential_ids]
    return evaluate_gap(requirements, after_earning(held, earned), options, narrower).coverage


async def plan_toward(
    db: Database,
    pool: SolverPool,
    deadline: Deadline,
    person_id: str,
    role_ids: Sequence[str],
    request: PlanRequest,
    as_of: datetime,
    may_see_person: Callable[[Record], bool],
) -> PlanAnswer:
    """The lexicographically best plan toward ``role_ids`` together (one role is the usual
    ``credentialPlan``); see the module doc for the policies and ``domain.pathway`` for the
    order of steps. NOT_FOUND for a person the caller may not see or a role that does not
    exist. Round trips: one, plus one per level of prerequisites asking new skills, plus one
    for the value scores with ``prefer_value``."""
    options_of(request)
    found = await read_visible_context(db, person_id, role_ids, request, may_see_person)
    return await _plan(db, pool, deadline, found, role_ids, request, as_of)


async def plans_for_each(
    db: Database,
    pool: SolverPool,
    deadline: Deadline,
    person_id: str,
    role_ids: Sequence[str],
    request: PlanRequest,
    as_of: datetime,
    may_see_person: Callable[[Record], bool],
) -> list[PlanAnswer]:
    """One plan per role of ``role_ids`` (each as ``plan_toward`` with that role alone),
    reading the person and every role in one round trip."""
    options_of(request)
    if not role_ids:
        return []
    found = await read_visible_context(db, person_id, role_ids, request, may_see_person)
    return [await _plan(db, pool, deadline, found, [r], request, as_of) for r in role_ids]


async def _plan(
    db: Database,
    pool: SolverPool,
    deadline: Deadline,
    found: PlanContext,
    role_ids: Sequence[str],
    request: PlanRequest,
    as_of: datetime,
) -> PlanAnswer:
    held = held_from(found.evidence, as_of)
    levels = held_levels(held)
    narrower = dict(found.narrower)
    requirements = {r: requirements_from(found.roles[r].rows) for r in role_ids}
    gaps = {r: evaluate_gap(requirements[r], held, request.gap, narrower) for r in role_ids}
    roles = [RoleTargets(r, targets_of(gaps[r], request)) for r in role_ids]
    where = offer_filter(request, found.main_currency)
    currency = where.currency
    earned = earned_credentials(found.evidence.awards, as_of)
    search = _Search(
        offers={o.id: o for o in found.offers}, narrower=narrower, asked=set(found.asked)
    )
    judged: dict[str, ExclusionReason | None] = {}

    def reason(offer: Offer) -> ExclusionReason | None:
        if offer.id not in judged:
            judged[offer.id] = reason_of(offer, where)
        return judged[offer.id]

    def accepted(offer: Offer) -> bool:
        return offer.id not in earned and reason(offer) is None

    narrower_on = request.gap.match_narrower
    union = union_targets(roles)

    def teaching() -> Iterator[Teaching]:
        for offer in search.offers.values():
            if accepted(offer):
                taught = widen(offer.teaches, search.narrower) if narrower_on else offer.teaches
                yield taught, offer.requires

    await _follow_prerequisites(
        db,
        search,
        teaching,
        union,
        levels,
        _usable(request, currency),
        narrower_on,
        offered_by(request),
    )
    candidates = [as_candidate(o) for o in search.offers.values() if accepted(o)]
    preference = None
    if request.prefer_value:
        scores = await signals.value_scores(db, [c.credential_id for c in candidates])
        preference = ValuePreference(scores, request.value_tolerance)
    problem = PlanProblem(union, levels, tuple(candidates), options_of(request, preference))
    if narrower_on:
        problem = widen_problem(problem, search.narrower)

    def solve(limit_ms: int, stop: Callable[[], bool]) -> Pathway:
        timed = replace(problem.options, time_limit_ms=limit_ms)
        return plan_pathway(
            PlanProblem(problem.targets, problem.held, problem.candidates, timed),
            roles,
            HighsPlanSolver(stop=stop),
        )

    with solver_timer() as run:
        pathway = await pool.run(solve, deadline, request.time_limit_ms)
        run["solver"] = pathway.plan.solver
    plans_found = [pathway, *pathway.alternatives]
    by_id = {c.credential_id: c for c in candidates}
    role_plans = tuple(
        RolePlan(
            role_id=r,
            role=found.roles[r].role or {},
            gap=gaps[r],
            coverage_after=tuple(
                _coverage_after(requirements[r], held, p.plan, by_id, request.gap, narrower)
                for p in plans_found
            ),
            reachable_after=tuple(p.reachable_after[r] for p in plans_found),
            uncoverable=pathway.uncoverable(role),
        )
        for r, role in zip(role_ids, roles, strict=True)
    )
    reasons = {
        o.id: why
        for o in search.offers.values()
        if o.id not in earned and (why := reason(o)) is not None
    }
    reasons.update((cid, exclusion_of(why)) for cid, why in pathway.plan.excluded.items())
    # What each taught as the planner saw it (widened with matchNarrower), else as stored.
    taught = {
        cid: problem.by_id[cid].teaches if cid in problem.by_id else search.offers[cid].teaches
        for cid in reasons
    }
    needed = _needed_levels(
        problem.targets, ((c.teaches, c.requires) for c in problem.candidates), problem.held
    )
    return PlanAnswer(
        result=pathway.plan,
        roles=role_plans,
        serves=tuple(p.serves for p in plans_found),
        currency=currency,
        excluded=_excluded(reasons, taught, needed),
    )
