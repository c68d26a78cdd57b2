"""Supply and demand per skill, for researchers and learners: ``Skill.stats``,
``Skill.demandTrend``, ``skillMarket`` and ``signals`` (freshness). Aggregates only: nothing
here reaches a person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import Interval
from skillgraph.api.filters import text_param
from skillgraph.api.pagination import Connection, decode_cursor, encode_cursor, page_info, page_size
from skillgraph.api.types.skill import Skill
from skillgraph.api.types.value import SignalStatus, signal_status
from skillgraph.domain.trends import trend
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.enums import SkillType
from skillgraph.model.ids import NodeType
from skillgraph.store import explore
from skillgraph.store.explore import MarketOrder
from skillgraph.store.signals import SignalState

__all__ = ["DemandTrend", "MarketQuery", "SkillStats", "demand_trend", "skill_stats"]

strawberry.enum(
    MarketOrder,
    description="DEMAND: roles requiring; SUPPLY: people holding; SCARCITY: "
    "demand/(supply+1); CREDENTIALS: active credentials teaching; RISING / FALLING: the "
    "change of the share of postings requiring the skill, latest 12 months against the 12 "
    "before (see SkillTrendStats), largest rise / largest fall first; OVERSUPPLIED: active "
    "credentials teaching / (active postings requiring + 1); UNDERSUPPLIED: active postings "
    "requiring / (good credentials teaching + 1), where a good credential has a value score "
    "of at least 0.5 (demand no good credential serves).",
)


@strawberry.type(description="Roles requiring the skill (own requirements).")
class SkillDemand:
    total: int
    essential: int
    optional: int
    postings: int = strawberry.field(
        description="Job postings whose effective requirements include it."
    )
    active_postings: int = strawberry.field(
        description="Of those, the active ones (posted, not closed) at the last refresh."
    )


@strawberry.type(description="People holding the skill, each counted once.")
class SkillSupply:
    total: int
    verified: int = strawberry.field(
        description="Holding it through an ACTIVE, unexpired award, whether or not the badge "
        "verified (see Award.verified for verified evidence)."
    )
    self_declared: int = strawberry.field(description="Declared only.")


@strawberry.type(
    description="Postings requiring the skill in the market's latest 12 months (recent) and "
    "the 12 before (previous), 12-month windows ending with the month of the latest posting "
    "(see Query.signals). change = recent / all recent postings - previous / all previous "
    "postings: the rise of its share of postings, -1..1."
)
class SkillTrendStats:
    recent: int
    previous: int
    change: float


@strawberry.type(description="Labour-market aggregates of a skill (no personal data).")
class SkillStats:
    demand: SkillDemand
    supply: SkillSupply
    credentials: int = strawberry.field(description="ACTIVE credentials teaching it.")
    good_credentials: int = strawberry.field(
        description="Of those, the ones whose value score is at least 0.5 (last refresh)."
    )
    scarcity: float = strawberry.field(description="demand.total / (supply.total + 1).")
    trend: SkillTrendStats
    computed_at: datetime | None = strawberry.field(
        description="When the stored statistics were computed (null: computed now)."
    )
    stale: bool = strawberry.field(
        description="A write since computedAt may have changed them (false when computed now)."
    )


@strawberry.type(description="How many postings required the skill in one period.")
class DemandPoint:
    start: date = strawberry.field(description="First day of the month or quarter.")
    postings: int = strawberry.field(description="Postings requiring the skill posted then.")
    total: int = strawberry.field(description="All postings posted then.")
    share: float | None = strawberry.field(description="postings / total; null when total is 0.")


@strawberry.type(
    description="Job postings requiring the skill (own or inherited requirements) per period, "
    "counted in the period they were posted, open or closed."
)
class DemandTrend:
    interval: Interval
    points: list[DemandPoint]
    postings: int = strawberry.field(description="Summed over every point.")
    change: int = strawberry.field(description="Postings in the last period minus the first.")
    slope: float = strawberry.field(
        description="Least-squares slope of postings per period (per period)."
    )


@strawberry.type
class SkillMarketEdge:
    cursor: str
    node: Skill
    value: float = strawberry.field(description="The value of the chosen order.")
    credentials: int = strawberry.field(description="ACTIVE credentials teaching it.")
    good_credentials: int = strawberry.field(
        description="Of those, the ones with a value score of at least 0.5."
    )
    postings: int = strawberry.field(description="Active job postings requiring it.")


@strawberry.type(description="Skills by a market statistic, highest first.")
class SkillMarketConnection(Connection[SkillMarketEdge]):
    @strawberry.field(description="Freshness of the statistics this ranking reads.")
    async def signals(self, info: Info) -> SignalStatus:
        state: SignalState = await info.context.loaders.signal_state.load(0)
        return signal_status(state)


@strawberry.input(description="Narrows skillMarket.")
class SkillMarketFilter:
    text: str | None = None
    type: SkillType | None = None


def _stats(record: dict[str, Any], state: SignalState | None) -> SkillStats:
    demand = int(record.get("statDemand") or 0)
    supply = int(record.get("statSupply") or 0)
    computed_at = record.get("statsComputedAt")
    return SkillStats(
        demand=SkillDemand(
            total=demand,
            essential=int(record.get("statDemandEssential") or 0),
            optional=int(record.get("statDemandOptional") or 0),
            postings=int(record.get("statDemandPostings") or 0),
            active_postings=int(record.get("statActivePostings") or 0),
        ),
        supply=SkillSupply(
            total=supply,
            verified=int(record.get("statSupplyVerified") or 0),
            self_declared=int(record.get("statSupplyDeclared") or 0),
        ),
        credentials=int(record.get("statCredentials") or 0),
        good_credentials=int(record.get("statGoodCredentials") or 0),
        scarcity=demand / (supply + 1),
        trend=SkillTrendStats(
            recent=int(record.get("statTrendRecent") or 0),
            previous=int(record.get("statTrendPrevious") or 0),
            change=float(record.get("statTrendChange") or 0.0),
        ),
        computed_at=computed_at,
        stale=state is not None and computed_at is not None and state.stale,
    )


async def skill_stats(info: Info, skill_id: str) -> SkillStats:
    record = await info.context.loaders.node(NodeType.SKILL).load(skill_id)
    if record is not None and record.get("statsComputedAt") is not None:
        return _stats(record, await info.context.loaders.signal_state.load(0))
    row = await info.context.loaders.stats_now.load(skill_id)
    if row is None:
        raise NotFound(f"no Skill with id {skill_id!r}")
    verified, declared = int(row["verifiedCount"]), int(row["declared"])
    return _stats(
        {
            "statDemand": row["demand"],
            "statDemandEssential": row["essential"],
            "statDemandOptional": int(row["demand"]) - int(row["essential"]),
            "statDemandPostings": row["postings"],
            "statSupply": verified + declared,
            "statSupplyVerified": verified,
            "statSupplyDeclared": declared,
            "statCredentials": row["credentials"],
        },
        None,
    )


async def demand_trend(
    info: Info, skill_id: str, start: date, end: date, interval: Interval
) -> DemandTrend:
    """BAD_USER_INPUT for an empty or too long range; NOT_FOUND for an unknown skill."""
    try:
        found = await info.context.loaders.trend.load((skill_id, start, end, interval))
    except ValueError as exc:
        raise BadUserInput(f"{exc} (from {start}, to {end})", field="from") from exc
    if found is None:
        raise NotFound(f"no Skill with id {skill_id!r}")
    counts, totals = found
    series = trend(counts, totals, start, end, interval)
    return DemandTrend(
        interval=interval,
        points=[
            DemandPoint(
                start=p.start,
                postings=p.postings,
                total=p.total,
                share=None if p.share is None else float(p.share),
            )
            for p in series.points
        ],
        postings=series.postings,
        change=series.change,
        slope=float(series.slope),
    )


def _market_edge(order: MarketOrder, value: float, record: dict[str, Any]) -> SkillMarketEdge:
    return SkillMarketEdge(
        cursor=encode_cursor(f"MARKET_{order.value}", value, record["id"]),
        node=Skill.from_record(record),
        value=value,
        credentials=int(record.get("statCredentials") or 0),
        good_credentials=int(record.get("statGoodCredentials") or 0),
        postings=int(record.get("statActivePostings") or 0),
    )


@strawberry.type
class MarketQuery:
    @strawberry.field(
        description="Skills ranked by a labour-market statistic (see SkillStats and "
        "MarketOrder), each with how many credentials teach it and how many active postings "
        "require it; refreshed after imports and by `skillgraph stats refresh` (see signals)."
    )
    async def skill_market(
        self,
        info: Info,
        filter: SkillMarketFilter | None = None,
        order_by: MarketOrder = MarketOrder.DEMAND,
        first: int | None = None,
        after: str | None = None,
    ) -> SkillMarketConnection:
        ctx = info.context
        size = page_size(first, ctx.settings)
        cursor = decode_cursor(after, f"MARKET_{order_by.value}")
        chosen = filter or SkillMarketFilter()
        text = text_param(chosen.text, "filter.text")
        skill_type = chosen.type.value if chosen.type else None
        after_key = None
        if cursor is not None:
            if not isinstance(cursor.key, int | float):
                raise BadUserInput(
                    "after is not a cursor returned by this connection", field="after"
                )
            after_key = (float(cursor.key), cursor.id)
        rows = await explore.market_page(
            ctx.db,
            order=order_by,
            text=text,
            skill_type=skill_type,
            after=after_key,
            limit=size + 1,
        )
        edges = [_market_edge(order_by, value, record) for value, record in rows[:size]]

        async def total() -> int:
            return await explore.market_count(ctx.db, text=text, skill_type=skill_type)

        return SkillMarketConnection(
            edges=edges,
            page_info=page_info([e.cursor for e in edges], has_next=len(rows) > size, after=after),
            _total=total,
        )

    @strawberry.field(
        description="Freshness of the stored signals: when `skillgraph stats refresh` last "
        "computed them, whether a write changed their inputs since, and the trend windows."
    )
    async def signals(self, info: Info) -> SignalStatus:
        state: SignalState = await info.context.loaders.signal_state.load(0)
        return signal_status(state)
