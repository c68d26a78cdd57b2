"""Credential plans: `credentialPlan`, `Person.plans`, and what pathways and rankings share
(options, steps, exclusions)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import strawberry

from skillgraph.analysis.offers import ExclusionReason
from skillgraph.analysis.plan import (
    Include,
    PlanAnswer,
    PlanRequest,
    plan_toward,
    plans_for_each,
)
from skillgraph.api.bounds import ALTERNATIVES, COVERAGE, HOURS
from skillgraph.api.context import Context, Info
from skillgraph.api.enums import CredentialFormat
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.gap import GapOptionsInput
from skillgraph.api.types.node import Money, MoneyInput
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.domain.plan_model import Objective, PlanResult, Step
from skillgraph.errors import BadUserInput
from skillgraph.model.currency import quantize
from skillgraph.model.ids import NodeType

__all__ = [
    "CheapestPlans",
    "CredentialPlan",
    "ExcludedCredential",
    "PlanOptionsInput",
    "PlanStep",
    "answer_for",
    "excluded_of",
    "plan_for",
    "plans_for_targets",
    "request_of",
    "skills_of",
    "steps_of",
    "total_cost_of",
]

strawberry.enum(
    Objective,
    description="What a plan minimises once it covers as much as the limits allow. Ties: "
    "COST by hours then count; HOURS by cost then count; COUNT by cost then hours. An "
    "unknown cost (hours) counts as more than any known one: fewer unknown ones first, then "
    "the sum of the known ones.",
)
strawberry.enum(Include, description="Which missing requirements the plan must cover.")
strawberry.enum(
    ExclusionReason,
    description="Why a credential that teaches something the plan needs is not in it (the "
    "first that applies, in this order): NOT_ACTIVE (retired or draft), EXCLUDED "
    "(excludeCredentialIds), FORMAT, PROVIDER, NOT_ACCREDITED, NOT_ENDORSED (the options' "
    "filters), OTHER_CURRENCY (priced in another currency; plans never add currencies), "
    "UNPRICED (unknown cost; see includeUnpriced), OVER_LIMIT (alone it exceeds maxCost or "
    "maxHours, or its cost or hours is unknown while that limit is set), UNREACHABLE (a "
    "prerequisite no usable credential teaches, or only a prerequisite cycle would).",
)

MAX_TIME_LIMIT_MS = 30_000


@strawberry.input(description="What to optimise and which credentials may be used.")
class PlanOptionsInput:
    objective: Objective = Objective.COST
    include: Include = Include.ESSENTIAL
    max_cost: MoneyInput | None = strawberry.field(
        default=None,
        description="Budget for the whole plan; fixes the currency. A credential of unknown "
        "cost never fits it.",
    )
    max_hours: float | None = strawberry.field(
        default=None,
        description=f"Hours for the whole plan, {HOURS.text()}. A credential of unknown "
        "duration never fits.",
    )
    currency: str | None = strawberry.field(
        default=None,
        description="Plans never add different currencies: only credentials priced in this "
        "ISO 4217 currency (or free) are candidates. Default: maxCost's currency, else the "
        "currency most ACTIVE credentials use.",
    )
    include_unpriced: bool = strawberry.field(
        default=False,
        description="Also use credentials of unknown cost. Their cost counts as more than "
        "any known one (a plan takes one only when no plan of priced credentials covers as "
        "much), adds 0 to totalCost, never fits maxCost, and each is listed in "
        "unpricedSteps. Without it they are listed in `excluded` (UNPRICED).",
    )
    formats: list[CredentialFormat] | None = None
    provider_ids: list[strawberry.ID] | None = None
    exclude_credential_ids: list[strawberry.ID] | None = None
    require_accredited: bool = strawberry.field(
        default=False, description="Only credentials offered by accredited providers."
    )
    require_endorsed: bool = strawberry.field(
        default=False, description="Only credentials some provider endorses."
    )
    alternatives: int = strawberry.field(
        default=0,
        description=f"{ALTERNATIVES.text()} further plans, each differing in at least one "
        "credential.",
    )
    time_limit_ms: int = strawberry.field(
        default=5_000,
        description=f"Solver budget, 1..{MAX_TIME_LIMIT_MS}, never more than what is left of "
        "the request's timeout (SKILLGRAPH_REQUEST_TIMEOUT_S); when reached, the better of "
        "the best plan found so far and the greedy plan is returned with optimal: false.",
    )
    prefer_value: bool = strawberry.field(
        default=False,
        description="Prefer higher-value credentials (Credential.value.score, as of the last "
        "refresh): among the plans covering the most weight whose objective is at most the "
        "optimum x (1 + valueTolerance), compared exactly, the one with the least value "
        "deficit (the sum over its credentials of 1 - score, scores to 1e-6) wins; the "
        "objective and its tie-breakers decide the rest. The tolerance applies to the "
        "objective's known sum (or the count); its number of unknown amounts (see "
        'Objective) stays at its optimum. The greedy fallback (solver: "greedy", after a '
        "time-out) ignores it.",
    )
    value_tolerance: float = strawberry.field(
        default=0.0,
        description="0..1: how much worse than optimal the objective may get in exchange "
        "for value (0.1: up to 10% more cost, hours or credentials). 0: value only breaks "
        "ties.",
    )
    gap: GapOptionsInput | None = strawberry.field(
        default=None, description="How the gap is judged (weights, matchNarrower, asOf)."
    )

    def request(self, max_items: int) -> PlanRequest:
        """The domain request; BAD_USER_INPUT naming ``options.<field>`` outside the ranges."""
        for name, values in (
            ("formats", self.formats),
            ("providerIds", self.provider_ids),
            ("excludeCredentialIds", self.exclude_credential_ids),
        ):
            if values is not None and len(values) > max_items:
                field = f"options.{name}"
                raise BadUserInput(f"{field} takes at most {max_items} items", field=field)
        COVERAGE.check(self.value_tolerance, "options.valueTolerance")
        if self.value_tolerance and not self.prefer_value:
            raise BadUserInput(
                "options.valueTolerance needs preferValue: true", field="options.valueTolerance"
            )
        if not 1 <= self.time_limit_ms <= MAX_TIME_LIMIT_MS:
            raise BadUserInput(
                f"options.timeLimitMs must be 1..{MAX_TIME_LIMIT_MS}", field="options.timeLimitMs"
            )
        if self.max_hours is not None:
            HOURS.check(self.max_hours, "options.maxHours")
        ALTERNATIVES.check(self.alternatives, "options.alternatives")
        max_cost = self.max_cost.value("options.maxCost") if self.max_cost else None
        currency = None
        if self.currency is not None:
            currency = MoneyInput(amount=Decimal(0), currency=self.currency).value("options")
        return PlanRequest(
            gap=(self.gap or GapOptionsInput()).domain("options.gap"),
            objective=self.objective,
            include=self.include,
            max_cost=max_cost,
            max_hours=self.max_hours,
            currency=currency.currency if currency else None,
            include_unpriced=self.include_unpriced,
            formats=tuple(f.value for f in self.formats) if self.formats else None,
            provider_ids=tuple(self.provider_ids) if self.provider_ids is not None else None,
            exclude_ids=frozenset(self.exclude_credential_ids or ()),
            require_accredited=self.require_accredited,
            require_endorsed=self.require_endorsed,
            alternatives=self.alternatives,
            time_limit_ms=self.time_limit_ms,
            prefer_value=self.prefer_value,
            # Via the shortest repr: 0.1 is exactly 1/10.
            value_tolerance=Fraction(repr(self.value_tolerance)),
        )


@strawberry.type(description="One credential of a plan, in prerequisite order.")
class PlanStep:
    position: int = strawberry.field(description="1-based.")
    _credential_id: strawberry.Private[str]
    _covers: strawberry.Private[tuple[str, ...]]
    _enables: strawberry.Private[tuple[str, ...]]
    _serves: strawberry.Private[tuple[str, ...]]

    @strawberry.field
    async def credential(self, info: Info) -> Credential:
        record = await info.context.loaders.node(NodeType.CREDENTIAL).load(self._credential_id)
        assert record is not None
        return Credential.from_record(record)

    @strawberry.field(description="Missing requirements this step is the first to close.")
    async def covers(self, info: Info) -> list[Skill]:
        return await skills_of(info, self._covers)

    @strawberry.field(description="Later steps whose prerequisites this step provides.")
    async def enables(self, info: Info) -> list[Credential]:
        loader = info.context.loaders.node(NodeType.CREDENTIAL)
        records = await loader.load_many(list(self._enables))
        return [Credential.from_record(r) for r in records if r is not None]

    @strawberry.field(
        description="The target roles this step serves: it is the first to close one of "
        "their missing requirements, or it provides a prerequisite of a later step that "
        "serves them."
    )
    async def serves(self, info: Info) -> list[Role]:
        records = await info.context.loaders.node(NodeType.ROLE).load_many(list(self._serves))
        return [Role.from_record(r) for r in records if r is not None]


@strawberry.type(description="A credential a plan could not use, and why.")
class ExcludedCredential:
    reason: ExclusionReason
    _credential_id: strawberry.Private[str]

    @strawberry.field
    async def credential(self, info: Info) -> Credential:
        record = await info.context.loaders.node(NodeType.CREDENTIAL).load(self._credential_id)
        assert record is not None
        return Credential.from_record(record)


async def skills_of(info: Info, ids: Sequence[str]) -> list[Skill]:
    records = await info.context.loaders.node(NodeType.SKILL).load_many(list(ids))
    return [Skill.from_record(r) for r in records if r is not None]


def steps_of(result: PlanResult, serves: dict[str, tuple[str, ...]]) -> list[PlanStep]:
    return [_step(s, serves.get(s.credential_id, ())) for s in result.steps]


def _step(step: Step, serves: tuple[str, ...]) -> PlanStep:
    return PlanStep(
        position=step.position,
        _credential_id=step.credential_id,
        _covers=step.covers,
        _enables=step.enables,
        _serves=serves,
    )


def total_cost_of(answer: PlanAnswer, result: PlanResult) -> list[Money]:
    if not answer.currency or not result.steps:
        return []
    return [Money(amount=quantize(result.total_cost, answer.currency), currency=answer.currency)]


def excluded_of(answer: PlanAnswer) -> list[ExcludedCredential]:
    return [
        ExcludedCredential(reason=e.reason, _credential_id=e.credential_id) for e in answer.excluded
    ]


@strawberry.type(description="Credentials that close a gap, optimal for the objective.")
class CredentialPlan:
    steps: list[PlanStep]
    total_cost: list[Money] = strawberry.field(
        description="One entry per currency; plans use a single currency, so at most one. "
        "Steps of unknown cost (unpricedSteps) add 0."
    )
    total_hours: float = strawberry.field(description="Steps of unknown duration add 0.")
    coverage_before: float
    coverage_after: float = strawberry.field(
        description="What skillGap's coverage will be once every step is earned (same "
        "weights and matchNarrower; every requirement counts, whatever `include` is)."
    )
    complete: bool = strawberry.field(
        description="Every coverable missing requirement is covered (false when limits stop it)."
    )
    optimal: bool = strawberry.field(
        description="Proven optimal; false when the time limit stopped the solver."
    )
    solver: str = strawberry.field(description='"highs" (exact MILP) or "greedy".')
    unpriced_steps: list[PlanStep] = strawberry.field(
        description="Steps whose cost is unknown (only with includeUnpriced)."
    )
    untimed_steps: list[PlanStep] = strawberry.field(description="Steps whose duration is unknown.")
    excluded: list[ExcludedCredential] = strawberry.field(
        description="Credentials that teach something the plan needs, at a level it needs, "
        "but could not be used, with the reason; by credential id. The plan needs its "
        "targets and, transitively, the unmet prerequisites of every usable credential "
        "teaching something it needs."
    )
    alternatives: list[CredentialPlan]
    _uncoverable: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Missing requirements no candidate credential can close.")
    async def uncoverable(self, info: Info) -> list[Skill]:
        return await skills_of(info, self._uncoverable)


def to_plan(answer: PlanAnswer, index: int = 0) -> CredentialPlan:
    """Plan ``index`` of ``answer`` (0: the plan; k: its k-th alternative), for one role."""
    role = answer.roles[0]
    result = answer.result if index == 0 else answer.result.alternatives[index - 1]
    steps = steps_of(result, dict(answer.serves[index]))
    by_id = {s._credential_id: s for s in steps}
    return CredentialPlan(
        steps=steps,
        total_cost=total_cost_of(answer, result),
        total_hours=result.total_hours,
        coverage_before=role.gap.coverage,
        coverage_after=role.coverage_after[index],
        complete=result.complete,
        optimal=result.optimal,
        solver=result.solver,
        unpriced_steps=[by_id[c] for c in result.unpriced],
        untimed_steps=[by_id[c] for c in result.untimed],
        excluded=excluded_of(answer),
        alternatives=[]
        if index
        else [to_plan(answer, k) for k in range(1, len(answer.result.alternatives) + 1)],
        _uncoverable=result.uncoverable,
    )


def _prime(ctx: Context, answer: PlanAnswer) -> None:
    """Hand the role records the answer already read to the loader. The credentials and
    skills a response shows are a few of those planning read, each read slim: they load in
    one batch per type when asked for."""
    roles = ctx.loaders.node(NodeType.ROLE)
    for role in answer.roles:
        roles.prime(role.role_id, dict(role.role))


def request_of(
    ctx: Context, options: PlanOptionsInput | None
) -> tuple[PlanRequest, GapOptionsInput]:
    chosen = options or PlanOptionsInput()
    return chosen.request(ctx.settings.max_list_items), chosen.gap or GapOptionsInput()


async def answer_for(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> PlanAnswer:
    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    request, gap = request_of(ctx, options)
    answer = await plan_toward(
        ctx.db,
        ctx.solver,
        ctx.deadline,
        person_id,
        role_ids,
        request,
        gap.moment(),
        ctx.permissions.may_see_person,
    )
    _prime(ctx, answer)
    return answer


async def plan_for(
    info: Info, person_id: str, role_id: str, options: PlanOptionsInput | None
) -> CredentialPlan:
    return to_plan(await answer_for(info, person_id, [role_id], options))


async def plans_for_targets(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> list[CredentialPlan]:
    """One plan per role, reading the person and all the roles in one round trip."""
    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    request, gap = request_of(ctx, options)
    answers = await plans_for_each(
        ctx.db,
        ctx.solver,
        ctx.deadline,
        person_id,
        role_ids,
        request,
        gap.moment(),
        ctx.permissions.may_see_person,
    )
    for answer in answers:
        _prime(ctx, answer)
    return [to_plan(answer) for answer in answers]


class CheapestPlans:
    """The cheapest plan (objective COST, ESSENTIAL requirements, default options) of one
    person toward each of several roles, computed together the first time one is asked:
    one round trip for all of them (see ``plans_for_each``)."""

    def __init__(self, person_id: str, role_ids: Sequence[str]) -> None:
        self.person_id = person_id
        self.role_ids = list(role_ids)
        self._task: asyncio.Task[list[CredentialPlan]] | None = None

    async def total_cost(self, info: Info, role_id: str) -> list[Money]:
        if self._task is None:
            self._task = asyncio.ensure_future(
                plans_for_targets(info, self.person_id, self.role_ids, None)
            )
        plans = await asyncio.shield(self._task)
        plan = plans[self.role_ids.index(role_id)]
        return plan.total_cost
