"""Which credentials are worth it: value signals computed from plain market data.

Everything here is pure and exact: shares are :class:`~fractions.Fraction`, money is
:class:`~decimal.Decimal`. A requirement is *served* by a credential when the credential
teaches its skill at a level at least the required one. Importance weighs 1 (ESSENTIAL) or
1/4 (OPTIONAL), as in gap coverage.

Signals of a credential (see :class:`CredentialValue`):

* ``demand``: the importance-weighted share of active job postings (and, separately, of
  occupations) with a requirement it serves: each role counts the weight of its most
  important served requirement, and the sum is divided by the number of roles.
* ``market_gap_closed``: summed over the *scarce* skills it teaches, the weighted share of
  active postings requiring the skill at a level it reaches (requirement weights / active
  postings): how much scarce demand per posting it closes (0 when it teaches no scarce
  skill; above 1 only for credentials teaching several skills most postings want). A skill
  is scarce when its share of posting demand (all its requirement weights / active
  postings) exceeds the share of people holding it.
* ``cost_per_demanded_skill`` / ``hours_per_demanded_skill``: cost and hours divided by the
  number of *demanded* skills it teaches (skills it teaches at a level serving a
  requirement of an active posting or an occupation); None without cost (hours) or without
  a demanded skill.
* ``trust``: see :func:`trust_score`.
* ``outcomes``: among people holding a non-revoked award of it, those who now hold or
  target a role with a requirement it serves; the share is None below
  ``MIN_OUTCOME_EARNERS`` earners. Which people count is the caller's choice (the refresh
  leaves PRIVATE people out).
* ``overlap``: ACTIVE credentials whose taught skill sets have a Jaccard similarity of at
  least ``OVERLAP_THRESHOLD`` with its own, and the cheapest of them.

The composite ``score`` (0..1) is documented at :data:`WEIGHTS`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import chain

from skillgraph.domain.requirements_index import QUARTER, MarketRole, RequirementIndex
from skillgraph.model.currency import quantize

__all__ = [
    "GOOD_VALUE",
    "MIN_OUTCOME_EARNERS",
    "OVERLAP_THRESHOLD",
    "WEIGHTS",
    "Component",
    "CredentialFacts",
    "CredentialValue",
    "Market",
    "Overlap",
    "credential_values",
    "percentile_ranks",
    "trust_score",
]

MIN_OUTCOME_EARNERS = 5
GOOD_VALUE = Fraction(1, 2)  # a "good" credential (skillMarket UNDERSUPPLIED) scores this
OVERLAP_THRESHOLD = Fraction(3, 5)


# Requirement weights in quarters: ESSENTIAL 1, OPTIONAL 1/4.
class Component(StrEnum):
    """The parts of the composite score."""

    DEMAND = "DEMAND"
    MARKET_GAP = "MARKET_GAP"
    COST = "COST"
    HOURS = "HOURS"
    TRUST = "TRUST"
    OUTCOMES = "OUTCOMES"
    DISTINCT = "DISTINCT"


WEIGHTS: Mapping[Component, Fraction] = {
    Component.DEMAND: Fraction(30, 100),
    Component.MARKET_GAP: Fraction(15, 100),
    Component.COST: Fraction(15, 100),
    Component.HOURS: Fraction(5, 100),
    Component.TRUST: Fraction(15, 100),
    Component.OUTCOMES: Fraction(10, 100),
    Component.DISTINCT: Fraction(10, 100),
}
"""The composite score of an ACTIVE credential is the weighted mean of its components over
those it has (a missing one's weight is left out, not counted as 0). Each component but
DISTINCT is the credential's percentile rank among ACTIVE credentials (see
:func:`percentile_ranks`) on:

* DEMAND: the posting demand share (the occupation share when there is no active posting);
* MARKET_GAP: market_gap_closed (missing when there is no active posting);
* COST: minus the cost per demanded skill, ranked among credentials priced in the same
  currency (missing without a price; no demanded skill ranks lowest);
* HOURS: minus the hours per demanded skill (missing without hours; no demanded skill
  ranks lowest);
* TRUST: the trust score;
* OUTCOMES: the outcome share (missing below the minimum number of earners);
* DISTINCT: 1 unless an overlapping credential is strictly cheaper in the same currency
  (or free), then 0.

A RETIRED credential (it can no longer be earned) scores 0 and has no components.
"""


@dataclass(frozen=True)
class Market:
    """``postings``: active job postings; ``supply``: people holding each skill;
    ``people``: everyone."""

    postings: Sequence[MarketRole]
    occupations: Sequence[MarketRole]
    supply: Mapping[str, int] = field(default_factory=dict)
    people: int = 0


@dataclass(frozen=True)
class CredentialFacts:
    """What the graph says about one credential. ``endorsers``: (provider id, accredited)
    of every provider endorsing it; ``earners``: people with a non-revoked award;
    ``relevant_earners``: those of them who hold or target a role with a requirement it
    serves; ``known_issuer``: the graph knows the issuer (it pins verification keys, or
    a badge of the credential verified)."""

    credential_id: str
    active: bool
    teaches: Mapping[str, int]
    cost: Decimal | None = None
    currency: str | None = None
    hours: float | None = None
    provider_id: str | None = None
    provider_accredited: bool = False
    endorsers: tuple[tuple[str, bool], ...] = ()
    open_badges: bool = False
    known_issuer: bool = False
    earners: int = 0
    relevant_earners: int = 0


@dataclass(frozen=True)
class Overlap:
    """``credential_ids``: overlapping ACTIVE credentials, sorted; ``cheapest``: the one of
    them with the lowest price among those free or priced in this credential's currency
    (ties: fewer hours, then id), None when none is comparable."""

    credential_ids: tuple[str, ...]
    cheapest: str | None
    cheaper_exists: bool


@dataclass(frozen=True)
class CredentialValue:
    credential_id: str
    postings: int
    posting_count: int
    posting_share: Fraction | None
    occupations: int
    occupation_count: int
    occupation_share: Fraction | None
    demanded_skills: tuple[str, ...]
    scarce_skills: tuple[str, ...]
    market_gap_closed: Fraction | None
    cost_per_demanded_skill: Decimal | None
    hours_per_demanded_skill: Fraction | None
    trust: Fraction
    accredited_endorsers: int
    other_endorsers: int
    earners: int
    relevant_earners: int
    outcome_share: Fraction | None
    overlap: Overlap
    components: Mapping[Component, Fraction]
    score: Fraction


def trust_score(facts: CredentialFacts) -> Fraction:
    """0..1: 2/5 if its provider is accredited, plus 3/10 x min(accredited endorsers, 2)/2,
    plus 1/10 x min(other endorsers, 2)/2, plus 1/5 if it is an Open Badges 3.0 import with
    a known issuer. Its own provider endorsing it counts for nothing."""
    accredited, other = _endorsers(facts)
    score = Fraction(2, 5) if facts.provider_accredited else Fraction(0)
    score += Fraction(3, 10) * Fraction(min(accredited, 2), 2)
    score += Fraction(1, 10) * Fraction(min(other, 2), 2)
    if facts.open_badges and facts.known_issuer:
        score += Fraction(1, 5)
    return score


def _endorsers(facts: CredentialFacts) -> tuple[int, int]:
    others = {pid: accredited for pid, accredited in facts.endorsers if pid != facts.provider_id}
    accredited = sum(1 for a in others.values() if a)
    return accredited, len(others) - accredited


def percentile_ranks(values: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """Mid-distribution percentile ranks: for each key, (how many values are lower + half of
    how many are equal, itself included) / how many there are. In (0, 1); equal values get
    equal ranks; a higher value never gets a lower rank."""
    n = len(values)
    # Distinct fractions almost always differ as floats; the fraction decides a float tie.
    ordered = sorted(values.values(), key=lambda v: (float(v), v))
    ranks: dict[Fraction, Fraction] = {}
    start = 0
    while start < n:
        end = start
        while end < n and ordered[end] == ordered[start]:
            end += 1
        ranks[ordered[start]] = Fraction(2 * start + (end - start), 2 * n)
        start = end
    return {key: ranks[value] for key, value in values.items()}


def _scarce(market: Market, postings: RequirementIndex) -> set[str]:
    if postings.count == 0:
        return set()
    scarce = set()
    for skill_id in postings.skills:
        demand_share = Fraction(postings.total_weight(skill_id), QUARTER * postings.count)
        holders = market.supply.get(skill_id, 0)
        supply_share = Fraction(holders, market.people) if market.people else Fraction(0)
        if demand_share > supply_share:
            scarce.add(skill_id)
    return scarce


def _jaccard_overlaps(facts: Sequence[CredentialFacts]) -> dict[str, list[str]]:
    """For every credential, the ACTIVE others with Jaccard >= OVERLAP_THRESHOLD."""
    skills = {f.credential_id: frozenset(f.teaches) for f in facts}
    teachers: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        if f.active:
            for skill_id in skills[f.credential_id]:
                teachers[skill_id].append(f.credential_id)
    found: dict[str, list[str]] = {}
    num, den = OVERLAP_THRESHOLD.numerator, OVERLAP_THRESHOLD.denominator
    for f in facts:
        own = skills[f.credential_id]
        shared = Counter(chain.from_iterable(teachers[s] for s in own))
        shared.pop(f.credential_id, None)
        # Integer form of common / union >= threshold.
        found[f.credential_id] = sorted(
            other
            for other, common in shared.items()
            if den * common >= num * (len(own) + len(skills[other]) - common)
        )
    return found


def _price_key(facts: CredentialFacts) -> tuple[Decimal, float, str]:
    assert facts.cost is not None
    return (
        facts.cost,
        facts.hours if facts.hours is not None else float("inf"),
        facts.credential_id,
    )


def _overlap(facts: CredentialFacts, others: Iterable[CredentialFacts]) -> Overlap:
    others = list(others)
    comparable = [
        o
        for o in others
        if o.cost is not None
        and (o.cost == 0 or (facts.currency is not None and o.currency == facts.currency))
    ]
    cheapest = min(comparable, key=_price_key, default=None)
    cheaper = (
        cheapest is not None
        and cheapest.cost is not None
        and facts.cost is not None
        and cheapest.cost < facts.cost
    )
    return Overlap(
        credential_ids=tuple(sorted(o.credential_id for o in others)),
        cheapest=cheapest.credential_id if cheapest is not None else None,
        cheaper_exists=cheaper,
    )


def _per_skill_cost(facts: CredentialFacts, demanded: int) -> Decimal | None:
    if facts.cost is None or demanded == 0 or facts.currency is None:
        return None
    return quantize(facts.cost / demanded, facts.currency)


@dataclass(frozen=True)
class _Served:
    posting_units: int
    posting_count: int
    occupation_units: int
    occupation_count: int
    demanded: tuple[str, ...]
    scarce: tuple[str, ...]
    gap: Fraction | None


def _served(
    f: CredentialFacts, postings: RequirementIndex, occupations: RequirementIndex, scarce: set[str]
) -> _Served:
    p_units, p_roles, p_skills = postings.served(f.teaches)
    o_units, o_roles, o_skills = occupations.served(f.teaches)
    scarce_taught = tuple(sorted(s for s in p_skills if s in scarce))
    gap = (
        Fraction(
            sum(postings.weight_at(s, f.teaches[s]) for s in scarce_taught),
            QUARTER * postings.count,
        )
        if postings.count
        else None
    )
    return _Served(
        p_units, p_roles, o_units, o_roles, tuple(sorted(p_skills | o_skills)), scarce_taught, gap
    )


def _share(units: int, count: int) -> Fraction | None:
    return Fraction(units, QUARTER * count) if count else None


def _hours_per_skill(facts: CredentialFacts, demanded: int) -> Fraction | None:
    if facts.hours is None or demanded == 0:
        return None
    return _exact(facts.hours) / demanded


def _exact(hours: float) -> Fraction:
    # Via the shortest repr, so 1.1 hours is 11/10, not the binary float's expansion.
    return Fraction(repr(float(hours)))


def credential_values(
    market: Market, credentials: Sequence[CredentialFacts]
) -> dict[str, CredentialValue]:
    """Every signal and the composite score of each credential, keyed by id. Credential ids
    must be distinct (ValueError otherwise)."""
    by_id = {f.credential_id: f for f in credentials}
    if len(by_id) != len(credentials):
        raise ValueError("credential ids must be distinct")
    postings = RequirementIndex(market.postings)
    occupations = RequirementIndex(market.occupations)
    scarce = _scarce(market, postings)
    served = {f.credential_id: _served(f, postings, occupations, scarce) for f in credentials}
    overlaps = {
        cid: _overlap(by_id[cid], (by_id[o] for o in others))
        for cid, others in _jaccard_overlaps(credentials).items()
    }
    trust = {f.credential_id: trust_score(f) for f in credentials}
    components = _components(market, credentials, served, overlaps, trust)
    values: dict[str, CredentialValue] = {}
    for f in credentials:
        s = served[f.credential_id]
        accredited, other = _endorsers(f)
        parts = components[f.credential_id]
        values[f.credential_id] = CredentialValue(
            credential_id=f.credential_id,
            postings=postings.count,
            posting_count=s.posting_count,
            posting_share=_share(s.posting_units, postings.count),
            occupations=occupations.count,
            occupation_count=s.occupation_count,
            occupation_share=_share(s.occupation_units, occupations.count),
            demanded_skills=s.demanded,
            scarce_skills=s.scarce,
            market_gap_closed=s.gap,
            cost_per_demanded_skill=_per_skill_cost(f, len(s.demanded)),
            hours_per_demanded_skill=_hours_per_skill(f, len(s.demanded)),
            trust=trust[f.credential_id],
            accredited_endorsers=accredited,
            other_endorsers=other,
            earners=f.earners,
            relevant_earners=f.relevant_earners,
            outcome_share=_outcome_share(f),
            overlap=overlaps[f.credential_id],
            components=parts,
            score=_score(parts) if f.active else Fraction(0),
        )
    return values


def _outcome_share(facts: CredentialFacts) -> Fraction | None:
    if facts.earners < MIN_OUTCOME_EARNERS:
        return None
    return Fraction(facts.relevant_earners, facts.earners)


def _score(parts: Mapping[Component, Fraction]) -> Fraction:
    # Exactly sum(w * r) / sum(w) over one common denominator (far cheaper than summing
    # Fractions term by term).
    if not parts:
        return Fraction(0)
    weights = {c: WEIGHTS[c] for c in parts}
    common = math.lcm(
        *(r.denominator for r in parts.values()), *(w.denominator for w in weights.values())
    )
    top = sum(
        (weights[c].numerator * (common // weights[c].denominator))
        * r.numerator
        * (common // r.denominator)
        for c, r in parts.items()
    )
    bottom = sum(w.numerator * (common // w.denominator) for w in weights.values())
    if not bottom:
        return Fraction(0)
    return Fraction(top, bottom * common)


_WORST = Fraction(-(10**30))  # "no demanded skill": below every real per-skill figure


def _components(
    market: Market,
    credentials: Sequence[CredentialFacts],
    served: Mapping[str, _Served],
    overlaps: Mapping[str, Overlap],
    trust: Mapping[str, Fraction],
) -> dict[str, dict[Component, Fraction]]:
    active = [f for f in credentials if f.active]
    raw: dict[Component, dict[str, Fraction]] = defaultdict(dict)
    cost_groups: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for f in active:
        s = served[f.credential_id]
        demanded = len(s.demanded)
        if market.postings:
            raw[Component.DEMAND][f.credential_id] = Fraction(s.posting_units)
            raw[Component.MARKET_GAP][f.credential_id] = s.gap or Fraction(0)
        elif market.occupations:
            raw[Component.DEMAND][f.credential_id] = Fraction(s.occupation_units)
        if f.cost is not None and f.currency is not None:
            per_skill = -Fraction(f.cost) / demanded if demanded else _WORST
            cost_groups[f.currency][f.credential_id] = per_skill
        if f.hours is not None:
            raw[Component.HOURS][f.credential_id] = (
                -_exact(f.hours) / demanded if demanded else _WORST
            )
        raw[Component.TRUST][f.credential_id] = trust[f.credential_id]
        outcome = _outcome_share(f)
        if outcome is not None:
            raw[Component.OUTCOMES][f.credential_id] = outcome
    parts: dict[str, dict[Component, Fraction]] = {f.credential_id: {} for f in credentials}
    for component, values in raw.items():
        for cid, rank in percentile_ranks(values).items():
            parts[cid][component] = rank
    for group in cost_groups.values():
        for cid, rank in percentile_ranks(group).items():
            parts[cid][Component.COST] = rank
    for f in active:
        cheaper = overlaps[f.credential_id].cheaper_exists
        parts[f.credential_id][Component.DISTINCT] = Fraction(0) if cheaper else Fraction(1)
    return parts
