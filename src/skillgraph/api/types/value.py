"""``Credential.value``: the stored value signals of a credential (``analysis.value``), read
from the credential's own properties; the skills, providers and credentials they name come
through the per-request node loaders, and freshness through one signal-state load."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import ValueComponentName
from skillgraph.api.types.node import Money
from skillgraph.api.types.skill import Skill
from skillgraph.domain.value import MIN_OUTCOME_EARNERS, OVERLAP_THRESHOLD, WEIGHTS, Component
from skillgraph.errors import BadUserInput
from skillgraph.model.ids import NodeType
from skillgraph.store.signals import SignalState

if TYPE_CHECKING:
    from skillgraph.api.types.credential import Credential
    from skillgraph.api.types.provider import Provider

__all__ = ["CredentialValue", "SignalStatus", "credential_value", "signal_status"]

CredentialRef = Annotated["Credential", strawberry.lazy("skillgraph.api.types.credential")]
ProviderRef = Annotated["Provider", strawberry.lazy("skillgraph.api.types.provider")]

_SERVES = (
    "A requirement is served when the credential teaches its skill at a level at least the "
    "required one; a posting's requirements are its own plus its occupation's (its own win)."
)


@strawberry.type(
    description="One part of the composite score: its weight and the credential's standing. "
    "DEMAND, MARKET_GAP, COST, HOURS, TRUST and OUTCOMES are percentile ranks among ACTIVE "
    "credentials (the share with a lower value plus half the share with an equal one, "
    "itself included): DEMAND on demand.postings (demand.occupations when there is no "
    "active posting), MARKET_GAP on marketGapClosed, COST on minus costPerDemandedSkill "
    "among credentials priced in the same currency, HOURS on minus hoursPerDemandedSkill "
    "(no demanded skill ranks lowest), TRUST on trust.score, OUTCOMES on outcomes.share. "
    "DISTINCT is 1 unless an overlapping credential is strictly cheaper, then 0."
)
class ValueComponent:
    component: ValueComponentName
    weight: float = strawberry.field(description="Its weight in the score (weights sum to 1).")
    rank: float = strawberry.field(description="The credential's value of this part, 0..1.")


@strawberry.type(description="Who needs what the credential teaches. " + _SERVES)
class CredentialDemand:
    postings: float | None = strawberry.field(
        description="Importance-weighted share of active job postings with a requirement "
        "it serves: each posting counts the weight of its most important served requirement "
        "(ESSENTIAL 1, OPTIONAL 0.25), divided by activePostings. 0..1; null when there is "
        "no active posting."
    )
    postings_served: int = strawberry.field(
        description="Active postings with a requirement it serves."
    )
    active_postings: int = strawberry.field(
        description="Active job postings then: posted, and not closed."
    )
    occupations: float | None = strawberry.field(
        description="The same share over occupations (their own requirements); null when "
        "there is none."
    )
    occupations_served: int
    occupation_count: int = strawberry.field(description="Occupations in the graph then.")


@strawberry.type(description="A provider endorsing the credential.")
class Endorsement:
    provider: ProviderRef
    accredited: bool = strawberry.field(description="Whether the endorser was accredited.")


@strawberry.type(
    description="Who vouches for the credential. score = 0.4 if its provider is accredited "
    "+ 0.3 x min(accreditedEndorsements, 2)/2 + 0.1 x min(otherEndorsements, 2)/2 + 0.2 if "
    "it is an Open Badges 3.0 import with a known issuer (0..1). Its own provider endorsing "
    "it counts for nothing."
)
class CredentialTrust:
    score: float
    provider_accredited: bool
    accredited_endorsements: int
    other_endorsements: int
    open_badges_import: bool = strawberry.field(
        description="It was written by importOpenBadge (an Open Badges 3.0 Achievement)."
    )
    known_issuer: bool = strawberry.field(
        description="The graph knows its issuer: the provider pins verification keys "
        "(Provider.verificationKeys), or an award of it verified (see Verified credentials)."
    )
    _endorsers: strawberry.Private[list[tuple[str, bool]]]

    @strawberry.field(description="The endorsing providers, by id.")
    async def endorsements(self, info: Info) -> list[Endorsement]:
        from skillgraph.api.types.provider import Provider

        ids = [pid for pid, _ in self._endorsers]
        records = await info.context.loaders.node(NodeType.PROVIDER).load_many(ids)
        return [
            Endorsement(provider=Provider.from_record(record), accredited=accredited)
            for record, (_, accredited) in zip(records, self._endorsers, strict=True)
            if record is not None
        ]


@strawberry.type(
    description="What earners did next: among MATCHABLE and PUBLIC people holding a "
    "non-revoked award of it, those who now hold or target a role with a requirement it "
    "serves. PRIVATE people never count (see Visibility). " + _SERVES
)
class CredentialOutcomes:
    earners: int = strawberry.field(
        description="MATCHABLE and PUBLIC people holding a non-revoked award."
    )
    relevant: int | None = strawberry.field(
        description="Of them, those holding or targeting a role it serves; null below "
        "minimumEarners earners (too few to say, and too few to keep anyone's target private)."
    )
    share: float | None = strawberry.field(
        description="relevant / earners; null below minimumEarners earners."
    )
    minimum_earners: int = strawberry.field(description="Below this many earners share is null.")


@strawberry.type(
    description="Oversaturation: other ACTIVE credentials teaching essentially the same "
    "skills, i.e. whose set of taught skills has a Jaccard similarity (shared / either) of "
    "at least threshold with this one's."
)
class CredentialOverlap:
    count: int
    threshold: float
    cheaper_alternative: bool = strawberry.field(
        description="Whether one of them is strictly cheaper than this one (same currency)."
    )
    _ids: strawberry.Private[list[str]]
    _cheapest: strawberry.Private[str | None]

    @strawberry.field(
        description="The cheapest of them among those free or priced in this credential's "
        "currency (ties: fewer hours, then id); null when none is comparable."
    )
    async def cheapest(self, info: Info) -> CredentialRef | None:
        from skillgraph.api.types.credential import Credential

        if self._cheapest is None:
            return None
        record = await info.context.loaders.node(NodeType.CREDENTIAL).load(self._cheapest)
        return None if record is None else Credential.from_record(record)

    @strawberry.field(description="Some of them (at most 50 are kept), by id.")
    async def credentials(self, info: Info, first: int = 10) -> list[CredentialRef]:
        from skillgraph.api.types.credential import Credential

        if not 0 <= first <= 50:
            raise BadUserInput("first must be between 0 and 50", field="first")
        records = await info.context.loaders.node(NodeType.CREDENTIAL).load_many(self._ids[:first])
        return [Credential.from_record(r) for r in records if r is not None]


@strawberry.type(
    description="Whether a credential is worth it: signals computed from the graph by "
    "`skillgraph stats refresh` (after imports and seeding), each defined on its field, and "
    "one composite score. " + _SERVES
)
class CredentialValue:
    score: float = strawberry.field(
        description="The composite value, 0..1: the weighted mean of components (a missing "
        "component's weight is left out). 0 for a RETIRED credential. What "
        "credentials(orderBy: {field: VALUE}) and filter.minValue use."
    )
    components: list[ValueComponent]
    demand: CredentialDemand
    market_gap_closed: float | None = strawberry.field(
        description="Scarce demand it closes: summed over the scarce skills it teaches, the "
        "weighted share of active postings requiring the skill at a level it reaches "
        "(requirement weights ESSENTIAL 1, OPTIONAL 0.25, over activePostings). A skill is "
        "scarce when its share of posting demand (all its requirement weights / active "
        "postings) exceeds the share of people holding it. 0 when it teaches no scarce "
        "skill; null when there is no active posting."
    )
    cost_per_demanded_skill: Money | None = strawberry.field(
        description="Its cost / the number of demandedSkills (rounded to the currency's "
        "minor unit); null without a price or a demanded skill."
    )
    hours_per_demanded_skill: float | None = strawberry.field(
        description="Its hours / the number of demandedSkills; null without hours or a "
        "demanded skill."
    )
    trust: CredentialTrust
    outcomes: CredentialOutcomes
    overlap: CredentialOverlap
    computed_at: datetime = strawberry.field(
        description="When these values were computed (the start of the refresh)."
    )
    _demanded: strawberry.Private[list[str]]
    _scarce: strawberry.Private[list[str]]

    @strawberry.field(
        description="Skills it teaches at a level serving a requirement of an active "
        "posting or an occupation."
    )
    async def demanded_skills(self, info: Info) -> list[Skill]:
        return await _skills(info, self._demanded)

    @strawberry.field(description="Demanded skills it teaches (for postings) that are scarce.")
    async def scarce_skills(self, info: Info) -> list[Skill]:
        return await _skills(info, self._scarce)

    @strawberry.field(
        description="True when a write since computedAt may have changed these values (run "
        "`skillgraph stats refresh`)."
    )
    async def stale(self, info: Info) -> bool:
        state: SignalState = await info.context.loaders.signal_state.load(0)
        return state.stale_since(self.computed_at)


async def _skills(info: Info, ids: list[str]) -> list[Skill]:
    records = await info.context.loaders.node(NodeType.SKILL).load_many(ids)
    return [Skill.from_record(r) for r in records if r is not None]


def _part(record: dict[str, Any], component: Component) -> float | None:
    value = record.get(f"valuePart{component.name.title().replace('_', '')}")
    return None if value is None else float(value)


def credential_value(record: dict[str, Any]) -> CredentialValue | None:
    """The stored value of a credential record; None when never computed."""
    computed_at = record.get("valueComputedAt")
    if computed_at is None:
        return None
    cost = record.get("valueCostPerSkill")
    endorsers = list(record.get("valueEndorsers") or [])
    accredited = list(record.get("valueEndorsersAccredited") or [])
    earners = int(record.get("valueEarners") or 0)
    relevant = int(record.get("valueRelevantEarners") or 0)
    components = []
    for c in Component:
        rank = _part(record, c)
        if rank is not None:
            components.append(ValueComponent(component=c, weight=float(WEIGHTS[c]), rank=rank))
    return CredentialValue(
        score=float(record.get("valueScore") or 0.0),
        components=components,
        demand=CredentialDemand(
            postings=record.get("valuePostingShare"),
            postings_served=int(record.get("valuePostingCount") or 0),
            active_postings=int(record.get("valueActivePostings") or 0),
            occupations=record.get("valueOccupationShare"),
            occupations_served=int(record.get("valueOccupationCount") or 0),
            occupation_count=int(record.get("valueOccupations") or 0),
        ),
        market_gap_closed=record.get("valueMarketGap"),
        cost_per_demanded_skill=None
        if cost is None
        else Money(amount=Decimal(cost), currency=record["valueCostCurrency"]),
        hours_per_demanded_skill=record.get("valueHoursPerSkill"),
        trust=CredentialTrust(
            score=float(record.get("valueTrust") or 0.0),
            provider_accredited=bool(record.get("valueProviderAccredited")),
            accredited_endorsements=sum(1 for a in accredited if a),
            other_endorsements=sum(1 for a in accredited if not a),
            open_badges_import=bool(record.get("valueOpenBadges")),
            known_issuer=bool(record.get("valueKnownIssuer")),
            _endorsers=list(zip(endorsers, accredited, strict=True)),
        ),
        outcomes=CredentialOutcomes(
            earners=earners,
            relevant=relevant if earners >= MIN_OUTCOME_EARNERS else None,
            share=relevant / earners if earners >= MIN_OUTCOME_EARNERS else None,
            minimum_earners=MIN_OUTCOME_EARNERS,
        ),
        overlap=CredentialOverlap(
            count=int(record.get("valueOverlapCount") or 0),
            threshold=float(OVERLAP_THRESHOLD),
            cheaper_alternative=bool(record.get("valueCheaperOverlap")),
            _ids=list(record.get("valueOverlapIds") or []),
            _cheapest=record.get("valueOverlapCheapest"),
        ),
        computed_at=computed_at,
        _demanded=list(record.get("valueDemandedSkills") or []),
        _scarce=list(record.get("valueScarceSkills") or []),
    )


@strawberry.type(
    description="Freshness of the stored signals (skill statistics and trends, credential "
    "value), which `skillgraph stats refresh` computes."
)
class SignalStatus:
    computed_at: datetime | None = strawberry.field(
        description="When the last refresh started reading; null if none ran."
    )
    changed_at: datetime | None = strawberry.field(
        description="When a write last changed something the signals are computed from."
    )
    stale: bool = strawberry.field(
        description="Never computed, or a write that changes their inputs committed after "
        "the last refresh began."
    )
    trend_from: datetime | None = strawberry.field(
        description="Market trends compare postings in [trendSplit, trendTo) with "
        "[trendFrom, trendSplit): 12 months each, ending with the month of the latest posting."
    )
    trend_split: datetime | None
    trend_to: datetime | None


def signal_status(state: SignalState) -> SignalStatus:
    return SignalStatus(
        computed_at=state.computed_at,
        changed_at=state.changed_at,
        stale=state.stale,
        trend_from=state.trend_start,
        trend_split=state.trend_split,
        trend_to=state.trend_end,
    )
