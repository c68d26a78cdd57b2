"""Credential plans: `credentialPlan`, `pathway`, `credentialsForGap`, `Person.plans`,
`Person.pathway`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal

import strawberry

from skillgraph.analysis.offers import ExclusionReason
from skillgraph.analysis.plan import (
    Include,
    PlanAnswer,
    PlanRequest,
    RolePlan,
    plan_toward,
    plans_for_each,
    rank_credentials,
)
from skillgraph.api.bounds import ALTERNATIVES, HOURS
from skillgraph.api.context import Context, Info
from skillgraph.api.enums import CredentialFormat, Importance
from skillgraph.api.pagination import (
    Connection,
    decode_cursor,
    encode_cursor,
    page_info,
    page_size,
)
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.gap import GapOptionsInput
from skillgraph.api.types.node import Money, MoneyInput
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.domain.gap import requirement_order
from skillgraph.domain.plan_model import Objective, PlanResult, Step
from skillgraph.errors import BadUserInput
from skillgraph.model.currency import quantize
from skillgraph.model.enums import Importance as ImportanceValue
from skillgraph.model.ids import NodeType

__all__ = [
    "CheapestPlans",
    "CredentialPlan",
    "Pathway",
    "PlanOptionsInput",
    "pathway_for",
    "plan_for",
    "plans_for_targets",
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
MAX_ROLES = 20


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
        return await _skills(info, self._covers)

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


async def _skills(info: Info, ids: Sequence[str]) -> list[Skill]:
    records = await info.context.loaders.node(NodeType.SKILL).load_many(list(ids))
    return [Skill.from_record(r) for r in records if r is not None]


def _steps(result: PlanResult, serves: dict[str, tuple[str, ...]]) -> list[PlanStep]:
    return [_step(s, serves.get(s.credential_id, ())) for s in result.steps]


def _step(step: Step, serves: tuple[str, ...]) -> PlanStep:
    return PlanStep(
        position=step.position,
        _credential_id=step.credential_id,
        _covers=step.covers,
        _enables=step.enables,
        _serves=serves,
    )


def _total_cost(answer: PlanAnswer, result: PlanResult) -> list[Money]:
    if not answer.currency or not result.steps:
        return []
    return [Money(amount=quantize(result.total_cost, answer.currency), currency=answer.currency)]


def _excluded(answer: PlanAnswer) -> list[ExcludedCredential]:
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
        "but could not be used, with the reason; by credential id."
    )
    alternatives: list[CredentialPlan]
    _uncoverable: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Missing requirements no candidate credential can close.")
    async def uncoverable(self, info: Info) -> list[Skill]:
        return await _skills(info, self._uncoverable)


def to_plan(answer: PlanAnswer, index: int = 0) -> CredentialPlan:
    """Plan ``index`` of ``answer`` (0: the plan; k: its k-th alternative), for one role."""
    role = answer.roles[0]
    result = answer.result if index == 0 else answer.result.alternatives[index - 1]
    steps = _steps(result, dict(answer.serves[index]))
    by_id = {s._credential_id: s for s in steps}
    return CredentialPlan(
        steps=steps,
        total_cost=_total_cost(answer, result),
        total_hours=result.total_hours,
        coverage_before=role.gap.coverage,
        coverage_after=role.coverage_after[index],
        complete=result.complete,
        optimal=result.optimal,
        solver=result.solver,
        unpriced_steps=[by_id[c] for c in result.unpriced],
        untimed_steps=[by_id[c] for c in result.untimed],
        excluded=_excluded(answer),
        alternatives=[]
        if index
        else [to_plan(answer, k) for k in range(1, len(answer.result.alternatives) + 1)],
        _uncoverable=result.uncoverable,
    )


@strawberry.type(description="One of a pathway's target roles.")
class PathwayRole:
    role: Role
    coverage_before: float = strawberry.field(description="skillGap's coverage today.")
    coverage_after: float = strawberry.field(
        description="skillGap's coverage once every step of the pathway is earned."
    )
    reachable_after: int | None = strawberry.field(
        description="The position of the step after which every requirement of this role "
        "the pathway covers (see `include`) is met: 0 when none was missing; null when the "
        "pathway never meets them all (uncoverable ones, or limits)."
    )
    _uncoverable: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="This role's missing requirements no credential can close.")
    async def uncoverable(self, info: Info) -> list[Skill]:
        return await _skills(info, self._uncoverable)


@strawberry.type(description="A skill the pathway's roles require, merged over the roles.")
class PathwayRequirement:
    _skill_id: strawberry.Private[str]
    level: int = strawberry.field(description="The highest level any of the roles requires.")
    importance: Importance = strawberry.field(description="ESSENTIAL if any role says so.")
    met: bool = strawberry.field(description="Held at that level today.")
    _roles: strawberry.Private[tuple[str, ...]]

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        record = await info.context.loaders.node(NodeType.SKILL).load(self._skill_id)
        assert record is not None
        return Skill.from_record(record)

    @strawberry.field(description="The roles that require it.")
    async def roles(self, info: Info) -> list[Role]:
        records = await info.context.loaders.node(NodeType.ROLE).load_many(list(self._roles))
        return [Role.from_record(r) for r in records if r is not None]


@strawberry.type(
    description="One plan toward several roles at once: the union of their requirements "
    "(highest level wins), the steps in order, which roles each step serves, and when each "
    "role becomes reachable."
)
class Pathway:
    roles: list[PathwayRole]
    requirements: list[PathwayRequirement]
    steps: list[PlanStep] = strawberry.field(
        description="Prerequisite order, role by role: the role needing the fewest steps "
        "first, its steps before those only later roles need."
    )
    total_cost: list[Money]
    total_hours: float
    complete: bool = strawberry.field(
        description="Every coverable missing requirement of every role is covered."
    )
    optimal: bool
    solver: str
    unpriced_steps: list[PlanStep]
    untimed_steps: list[PlanStep]
    excluded: list[ExcludedCredential]
    alternatives: list[Pathway]


def _requirements(roles: Sequence[RolePlan]) -> list[PathwayRequirement]:
    merged: dict[str, tuple[int, ImportanceValue, bool, list[str]]] = {}
    for role in roles:
        for match in (*role.gap.met, *role.gap.missing):
            level, importance, met, ids = merged.get(
                match.skill_id, (0, ImportanceValue.OPTIONAL, True, [])
            )
            if match.required_level > level:
                level, met = match.required_level, match.met
            elif match.required_level == level:
                met = met and match.met
            if match.importance is ImportanceValue.ESSENTIAL:
                importance = ImportanceValue.ESSENTIAL
            merged[match.skill_id] = (level, importance, met, [*ids, role.role_id])
    ordered = sorted(merged.items(), key=lambda item: requirement_order(item[1][1], item[0]))
    return [
        PathwayRequirement(
            _skill_id=skill_id,
            level=level,
            importance=importance,
            met=met,
            _roles=tuple(ids),
        )
        for skill_id, (level, importance, met, ids) in ordered
    ]


def to_pathway(answer: PlanAnswer, index: int = 0) -> Pathway:
    result = answer.result if index == 0 else answer.result.alternatives[index - 1]
    steps = _steps(result, dict(answer.serves[index]))
    by_id = {s._credential_id: s for s in steps}
    return Pathway(
        roles=[
            PathwayRole(
                role=Role.from_record(dict(r.role)),
                coverage_before=r.gap.coverage,
                coverage_after=r.coverage_after[index],
                reachable_after=r.reachable_after[index],
                _uncoverable=r.uncoverable,
            )
            for r in answer.roles
        ],
        requirements=_requirements(answer.roles),
        steps=steps,
        total_cost=_total_cost(answer, result),
        total_hours=result.total_hours,
        complete=result.complete,
        optimal=result.optimal,
        solver=result.solver,
        unpriced_steps=[by_id[c] for c in result.unpriced],
        untimed_steps=[by_id[c] for c in result.untimed],
        excluded=_excluded(answer),
        alternatives=[]
        if index
        else [to_pathway(answer, k) for k in range(1, len(answer.result.alternatives) + 1)],
    )


def _prime(ctx: Context, answer: PlanAnswer) -> None:
    """Hand the role records the answer already read to the loader. The credentials and
    skills a response shows are a few of those planning read, each read slim: they load in
    one batch per type when asked for."""
    roles = ctx.loaders.node(NodeType.ROLE)
    for role in answer.roles:
        roles.prime(role.role_id, dict(role.role))


def _options(ctx: Context, options: PlanOptionsInput | None) -> tuple[PlanRequest, GapOptionsInput]:
    chosen = options or PlanOptionsInput()
    return chosen.request(ctx.settings.max_list_items), chosen.gap or GapOptionsInput()


async def _answer(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> PlanAnswer:
    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    request, gap = _options(ctx, options)
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
    return to_plan(await _answer(info, person_id, [role_id], options))


async def pathway_for(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> Pathway:
    if not role_ids:
        raise BadUserInput("roleIds needs at least one role", field="roleIds")
    if len(role_ids) > MAX_ROLES:
        raise BadUserInput(f"roleIds takes at most {MAX_ROLES} roles", field="roleIds")
    unique = list(dict.fromkeys(role_ids))
    return to_pathway(await _answer(info, person_id, unique, options))


async def plans_for_targets(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> list[CredentialPlan]:
    """One plan per role, reading the person and all the roles in one round trip."""
    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    request, gap = _options(ctx, options)
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


@strawberry.type(description="A credential ranked by how much of a gap it closes.")
class CredentialGapEdge:
    cursor: str
    node: Credential
    closed_weight: float = strawberry.field(description="Weight of missing requirements closed.")
    score: float = strawberry.field(
        description="closedWeight per unit of the objective: COST closedWeight/(1+cost), "
        "HOURS closedWeight/(1+hours), COUNT closedWeight. An unknown cost (hours) counts "
        "as one more than the highest known one among the ranked credentials."
    )
    _closes: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The missing requirements it closes on its own.")
    async def closes(self, info: Info) -> list[Skill]:
        return await _skills(info, self._closes)


@strawberry.type(description="Credentials ranked for a gap, best first.")
class CredentialGapConnection(Connection[CredentialGapEdge]):
    pass


async def ranked_for(
    info: Info,
    person_id: str,
    role_id: str,
    options: PlanOptionsInput | None,
    first: int | None,
    after: str | None,
) -> CredentialGapConnection:
    ctx = info.context
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, "SCORE")
    ctx.permissions.require_person_details(person_id)
    request, gap = _options(ctx, options)
    ranked = await rank_credentials(
        ctx.db, person_id, role_id, request, gap.moment(), ctx.permissions.may_see_person
    )
    total = len(ranked)
    if cursor is not None:
        ranked = [
            r
            for r in ranked
            if r.score < cursor.key or (r.score == cursor.key and r.credential_id > cursor.id)
        ]
    page = ranked[:size]
    records = await ctx.loaders.node(NodeType.CREDENTIAL).load_many([r.credential_id for r in page])
    edges = [
        CredentialGapEdge(
            cursor=encode_cursor("SCORE", r.score, r.credential_id),
            node=Credential.from_record(record),
            closed_weight=r.closed_weight,
            score=r.score,
            _closes=r.closes,
        )
        for r, record in zip(page, records, strict=True)
        if record is not None
    ]

    async def count() -> int:
        return total

    return CredentialGapConnection(
        edges=edges,
        page_info=page_info([e.cursor for e in edges], has_next=len(ranked) > size, after=after),
        _total=count,
    )
