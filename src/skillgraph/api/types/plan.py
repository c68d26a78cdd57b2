"""Credential plans: `credentialPlan`, `credentialsForGap`, `Person.plans`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import strawberry

from skillgraph.analysis.plan import (
    Include,
    PlanAnswer,
    PlanRequest,
    credential_plan,
    rank_credentials,
)
from skillgraph.api.bounds import ALTERNATIVES, COVERAGE, HOURS
from skillgraph.api.context import Info
from skillgraph.api.enums import CredentialFormat
from skillgraph.api.pagination import (
    Connection,
    decode_cursor,
    encode_cursor,
    page_info,
    page_size,
)
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.gap import GapOptionsInput, gap_inputs
from skillgraph.api.types.node import Money, MoneyInput
from skillgraph.api.types.skill import Skill
from skillgraph.domain.plan_model import Objective, PlanResult, Step
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.currency import quantize
from skillgraph.model.ids import NodeType

__all__ = ["CredentialPlan", "PlanOptionsInput", "plan_for"]

strawberry.enum(
    Objective,
    description="What a plan minimises once it covers as much as the limits allow. Ties: "
    "COST by hours then count; HOURS by cost then count; COUNT by cost then hours.",
)
strawberry.enum(Include, description="Which missing requirements the plan must cover.")

MAX_TIME_LIMIT_MS = 30_000


@strawberry.input(description="What to optimise and which credentials may be used.")
class PlanOptionsInput:
    objective: Objective = Objective.COST
    include: Include = Include.ESSENTIAL
    max_cost: MoneyInput | None = strawberry.field(
        default=None, description="Budget for the whole plan; fixes the currency."
    )
    max_hours: float | None = strawberry.field(
        default=None, description=f"Hours for the whole plan, {HOURS.text()}."
    )
    currency: str | None = strawberry.field(
        default=None,
        description="Plans never add different currencies: only credentials priced in this "
        "ISO 4217 currency (or free) are candidates. Default: maxCost's currency, else the "
        "currency most ACTIVE credentials use.",
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
        description=f"Solver budget, 1..{MAX_TIME_LIMIT_MS}; when reached, the best plan "
        "found so far is returned with optimal: false.",
    )
    prefer_value: bool = strawberry.field(
        default=False,
        description="Prefer higher-value credentials (Credential.value.score, as of the last "
        "refresh): among the plans covering the most weight whose objective is at most the "
        "optimum x (1 + valueTolerance), compared exactly, the one with the least value "
        "deficit (the sum over its credentials of 1 - score, scores to 1e-6) wins; the "
        "objective and its tie-breakers decide the rest. The greedy fallback (solver: "
        '"greedy", after a time-out) ignores it.',
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


async def _skills(info: Info, ids: tuple[str, ...]) -> list[Skill]:
    records = await info.context.loaders.node(NodeType.SKILL).load_many(list(ids))
    return [Skill.from_record(r) for r in records if r is not None]


@strawberry.type(description="Credentials that close a gap, optimal for the objective.")
class CredentialPlan:
    steps: list[PlanStep]
    total_cost: list[Money] = strawberry.field(
        description="One entry per currency; plans use a single currency, so at most one."
    )
    total_hours: float
    coverage_before: float
    coverage_after: float = strawberry.field(description="Coverage once every step is done.")
    complete: bool = strawberry.field(
        description="Every coverable missing requirement is covered (false when limits stop it)."
    )
    optimal: bool = strawberry.field(
        description="Proven optimal; false when the time limit stopped the solver."
    )
    solver: str = strawberry.field(description='"highs" (exact MILP) or "greedy".')
    alternatives: list[CredentialPlan]
    _uncoverable: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Missing requirements no candidate credential can close.")
    async def uncoverable(self, info: Info) -> list[Skill]:
        return await _skills(info, self._uncoverable)


def to_plan(answer: PlanAnswer, result: PlanResult, coverage_after: float) -> CredentialPlan:
    return CredentialPlan(
        steps=[_step(s) for s in result.steps],
        total_cost=[
            Money(amount=quantize(result.total_cost, answer.currency), currency=answer.currency)
        ]
        if answer.currency and result.steps
        else [],
        total_hours=result.total_hours,
        coverage_before=answer.coverage_before,
        coverage_after=coverage_after,
        complete=result.complete,
        optimal=result.optimal,
        solver=result.solver,
        alternatives=[
            to_plan(answer, alt, _coverage_after(answer, alt)) for alt in result.alternatives
        ],
        _uncoverable=result.uncoverable,
    )


def _coverage_after(answer: PlanAnswer, result: PlanResult) -> float:
    gap = answer.gap
    if gap.total_weight <= 0:
        return 1.0
    return min(1.0, (gap.covered_weight + result.covered_weight) / gap.total_weight)


def _step(step: Step) -> PlanStep:
    return PlanStep(
        position=step.position,
        _credential_id=step.credential_id,
        _covers=step.covers,
        _enables=step.enables,
    )


async def plan_for(
    info: Info, person_id: str, role_id: str, options: PlanOptionsInput | None
) -> CredentialPlan:
    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    if await ctx.loaders.node(NodeType.PERSON).load(person_id) is None:
        raise NotFound(f"no Person with id {person_id!r}")
    if await ctx.loaders.node(NodeType.ROLE).load(role_id) is None:
        raise NotFound(f"no Role with id {role_id!r}")
    chosen = options or PlanOptionsInput()
    request = chosen.request(ctx.settings.max_list_items)
    as_of = (chosen.gap or GapOptionsInput()).moment()
    answer = await credential_plan(ctx.db, gap_inputs(ctx), person_id, role_id, request, as_of)
    return to_plan(answer, answer.result, answer.coverage_after)


@strawberry.type(description="A credential ranked by how much of a gap it closes.")
class CredentialGapEdge:
    cursor: str
    node: Credential
    closed_weight: float = strawberry.field(description="Weight of missing requirements closed.")
    score: float = strawberry.field(
        description="closedWeight per unit of the objective: COST closedWeight/(1+cost), "
        "HOURS closedWeight/(1+hours), COUNT closedWeight."
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
    if await ctx.loaders.node(NodeType.PERSON).load(person_id) is None:
        raise NotFound(f"no Person with id {person_id!r}")
    if await ctx.loaders.node(NodeType.ROLE).load(role_id) is None:
        raise NotFound(f"no Role with id {role_id!r}")
    chosen = options or PlanOptionsInput()
    request = chosen.request(ctx.settings.max_list_items)
    as_of = (chosen.gap or GapOptionsInput()).moment()
    ranked = await rank_credentials(ctx.db, gap_inputs(ctx), person_id, role_id, request, as_of)
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
