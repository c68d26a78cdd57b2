"""domain.value: every signal on a small market worked out by hand, then the same signals
recomputed by brute force on random markets, and the score's properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from skillgraph.domain.requirements_index import (
    MarketRole,
    effective_requirements,
    outcome_counts,
)
from skillgraph.domain.value import (
    MIN_OUTCOME_EARNERS,
    OVERLAP_THRESHOLD,
    WEIGHTS,
    Component,
    CredentialFacts,
    Market,
    credential_values,
    percentile_ranks,
    trust_score,
)
from skillgraph.model.enums import Importance

E, OPT = Importance.ESSENTIAL, Importance.OPTIONAL

# Four active postings, two occupations, ten people.
MARKET = Market(
    postings=[
        MarketRole("p1", {"a": (E, 2), "b": (OPT, 1)}),
        MarketRole("p2", {"b": (E, 3)}),
        MarketRole("p3", {"c": (E, 1)}),
        MarketRole("p4", {"d": (OPT, 2)}),
    ],
    occupations=[
        MarketRole("o1", {"a": (E, 1)}),
        MarketRole("o2", {"c": (E, 1), "d": (E, 1)}),
    ],
    supply={"a": 1, "b": 5, "c": 0, "d": 9},
    people=10,
)
X = CredentialFacts(
    "x",
    active=True,
    teaches={"a": 2, "b": 1},
    cost=Decimal("100.00"),
    currency="EUR",
    hours=10.0,
    provider_id="prov",
    provider_accredited=True,
    endorsers=(("e1", True), ("e2", False), ("prov", True)),
    open_badges=True,
    known_issuer=True,
    earners=6,
    relevant_earners=3,
)
Y = CredentialFacts(
    "y",
    active=True,
    teaches={"a": 1, "c": 1},
    cost=Decimal("30.00"),
    currency="EUR",
    hours=20.0,
    earners=2,
    relevant_earners=2,
)
Z = CredentialFacts(
    "z", active=True, teaches={"a": 2, "b": 1}, cost=Decimal("80.00"), currency="EUR", hours=10.0
)
W = CredentialFacts(
    "w", active=False, teaches={"d": 1}, cost=Decimal("10.00"), currency="GBP", hours=4.0
)
V = CredentialFacts("v", active=True, teaches={})


@pytest.fixture(scope="module")
def values() -> dict[str, object]:
    return credential_values(MARKET, [X, Y, Z, W, V])  # type: ignore[return-value]


def test_demand_counts_each_posting_once_at_its_most_important_served_requirement() -> None:
    x = credential_values(MARKET, [X])["x"]
    # p1 is served twice (a essential, b optional) and counts 1; p2 wants b at 3.
    assert (x.postings, x.posting_count, x.posting_share) == (4, 1, F(1, 4))
    assert (x.occupations, x.occupation_count, x.occupation_share) == (2, 1, F(1, 2))
    y = credential_values(MARKET, [Y])["y"]
    # a at 1 does not reach p1's level 2, c serves p3; both occupations.
    assert (y.posting_count, y.posting_share, y.occupation_share) == (1, F(1, 4), F(1))


def test_demanded_skills_and_the_cost_and_hours_per_demanded_skill() -> None:
    values = credential_values(MARKET, [X, Y, W, V])
    assert values["x"].demanded_skills == ("a", "b")
    assert values["x"].cost_per_demanded_skill == Decimal("50.00")
    assert values["x"].hours_per_demanded_skill == F(5)
    # y's a (level 1) serves occupation o1 only: still demanded.
    assert values["y"].demanded_skills == ("a", "c")
    assert values["y"].cost_per_demanded_skill == Decimal("15.00")
    # w's d at level 1 serves o2, not p4 (level 2).
    assert values["w"].demanded_skills == ("d",)
    assert values["w"].posting_share == 0
    assert values["v"].demanded_skills == ()
    assert values["v"].cost_per_demanded_skill is None
    assert values["v"].hours_per_demanded_skill is None


def test_market_gap_sums_the_served_posting_shares_of_the_scarce_skills_taught() -> None:
    # Demand shares: a 1/4 > 1/10 held (scarce), b 5/16 < 1/2, c 1/4 > 0 (scarce),
    # d 1/16 < 9/10.
    values = credential_values(MARKET, [X, Y])
    assert values["x"].scarce_skills == ("a",)
    assert values["x"].market_gap_closed == F(1, 4)  # p1 of four postings wants a at 2
    # y's a (level 1) does not serve p1, so only c counts.
    assert values["y"].scarce_skills == ("c",)
    assert values["y"].market_gap_closed == F(1, 4)
    two = CredentialFacts("t", active=True, teaches={"a": 5, "c": 1})
    assert credential_values(MARKET, [two])["t"].market_gap_closed == F(1, 2)


def test_trust_weighs_accreditation_endorsers_and_a_known_open_badges_issuer() -> None:
    # 2/5 accredited + 3/10 x 1/2 (e1) + 1/10 x 1/2 (e2) + 1/5 Open Badges; its own
    # provider's endorsement counts for nothing.
    assert trust_score(X) == F(2, 5) + F(3, 20) + F(1, 20) + F(1, 5)
    assert trust_score(Y) == 0
    many = CredentialFacts(
        "m",
        active=True,
        teaches={},
        endorsers=tuple((f"e{i}", i % 2 == 0) for i in range(6)),
    )
    assert trust_score(many) == F(3, 10) + F(1, 10)  # capped at two of each
    unknown = CredentialFacts("u", active=True, teaches={}, open_badges=True)
    assert trust_score(unknown) == 0


def test_outcomes_are_null_below_the_minimum_number_of_earners() -> None:
    values = credential_values(MARKET, [X, Y])
    assert values["x"].outcome_share == F(3, 6)
    assert (values["y"].earners, values["y"].relevant_earners) == (2, 2)
    assert values["y"].outcome_share is None
    edge = CredentialFacts(
        "e", active=True, teaches={}, earners=MIN_OUTCOME_EARNERS, relevant_earners=1
    )
    assert credential_values(MARKET, [edge])["e"].outcome_share == F(1, MIN_OUTCOME_EARNERS)


def test_overlap_finds_near_identical_active_credentials_and_the_cheapest() -> None:
    values = credential_values(MARKET, [X, Y, Z, W, V])
    assert values["x"].overlap.credential_ids == ("z",)
    assert values["x"].overlap.cheapest == "z"
    assert values["x"].overlap.cheaper_exists
    assert values["z"].overlap.cheapest == "x"
    assert not values["z"].overlap.cheaper_exists
    # y shares one of three skills with x (1/3 < 3/5); the retired w is nobody's overlap.
    assert values["y"].overlap.credential_ids == ()
    assert F(3, 5) == OVERLAP_THRESHOLD


def test_the_composite_score_is_the_weighted_mean_of_percentile_ranks() -> None:
    values = credential_values(MARKET, [X, Y, Z, W, V])
    w = WEIGHTS
    # Active: x, y, z, v. Posting demand x=y=z > v; gap x=y=z > v; cost per skill (EUR)
    # y 15 < z 40 < x 50; hours per skill x=z 5 < y 10 (v has none); trust x > y=z=v;
    # outcomes x only; distinct: x has a cheaper overlap.
    x_parts = {
        Component.DEMAND: F(5, 8),
        Component.MARKET_GAP: F(5, 8),
        Component.COST: F(1, 6),
        Component.HOURS: F(2, 3),
        Component.TRUST: F(7, 8),
        Component.OUTCOMES: F(1, 2),
        Component.DISTINCT: F(0),
    }
    assert values["x"].components == x_parts
    assert values["x"].score == sum(w[c] * r for c, r in x_parts.items())
    assert values["y"].components[Component.COST] == F(5, 6)
    assert values["y"].components[Component.HOURS] == F(1, 6)
    assert Component.OUTCOMES not in values["y"].components
    v_parts = {
        Component.DEMAND: F(1, 8),
        Component.MARKET_GAP: F(1, 8),
        Component.TRUST: F(3, 8),
        Component.DISTINCT: F(1),
    }
    assert values["v"].components == v_parts
    assert values["v"].score == sum(w[c] * r for c, r in v_parts.items()) / sum(
        w[c] for c in v_parts
    )
    assert values["w"].score == 0
    assert values["w"].components == {}


def test_without_postings_demand_falls_back_to_occupations_and_gap_is_missing() -> None:
    market = Market(postings=[], occupations=MARKET.occupations)
    values = credential_values(market, [X, Y])
    assert values["x"].posting_share is None
    assert values["x"].market_gap_closed is None
    assert Component.MARKET_GAP not in values["x"].components
    # occupation shares: x 1/2 < y 1
    assert values["x"].components[Component.DEMAND] == F(1, 4)
    assert values["y"].components[Component.DEMAND] == F(3, 4)


def test_cost_ranks_compare_only_credentials_in_the_same_currency() -> None:
    pounds = CredentialFacts(
        "gbp", active=True, teaches={"a": 2}, cost=Decimal("1000"), currency="GBP"
    )
    values = credential_values(MARKET, [X, Y, pounds])
    assert values["gbp"].components[Component.COST] == F(1, 2)  # alone in its currency


def test_percentile_ranks_are_mid_distribution() -> None:
    assert percentile_ranks({"a": F(1), "b": F(2), "c": F(2), "d": F(5)}) == {
        "a": F(1, 8),
        "b": F(1, 2),
        "c": F(1, 2),
        "d": F(7, 8),
    }
    assert percentile_ranks({"only": F(3)}) == {"only": F(1, 2)}
    assert percentile_ranks({}) == {}


def test_a_role_s_own_requirement_wins_over_the_inherited_one() -> None:
    found = effective_requirements([("a", OPT, 4)], [("a", E, 1), ("b", E, 2)])
    assert found == {"a": (OPT, 4), "b": (E, 2)}


def test_outcomes_count_people_once_and_relevant_when_a_role_is_served() -> None:
    roles = {"r1": {"a": (E, 3)}, "r2": {"b": (E, 1)}}
    teaches = {"c1": {"a": 2}, "c2": {"a": 3, "x": 1}}
    earners = [
        (["c1", "c2"], ["r1"]),  # r1 wants a at 3: c2 serves it, c1 does not
        (["c1"], ["r2", "unknown"]),
        (["c2", "c2"], []),
    ]
    assert outcome_counts(earners, roles, teaches) == {"c1": (2, 0), "c2": (2, 1)}


def test_credential_ids_must_be_distinct() -> None:
    with pytest.raises(ValueError, match="distinct"):
        credential_values(MARKET, [X, X])


# -- random markets against brute force ------------------------------------------------------

SKILLS = ["s1", "s2", "s3", "s4", "s5"]
requirement = st.tuples(st.sampled_from([E, OPT]), st.integers(1, 5))
roles = st.lists(st.dictionaries(st.sampled_from(SKILLS), requirement, max_size=4), max_size=6)
teaching = st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=4)


@st.composite
def facts(draw: st.DrawFn, index: int) -> CredentialFacts:
    earners = draw(st.integers(0, 9))
    priced = draw(st.booleans())
    return CredentialFacts(
        f"c{index}",
        active=draw(st.booleans()) or index == 0,
        teaches=draw(teaching),
        cost=Decimal(draw(st.integers(0, 300))) if priced else None,
        currency=draw(st.sampled_from(["EUR", "USD"])) if priced else None,
        hours=float(draw(st.integers(1, 80))) if draw(st.booleans()) else None,
        provider_id="p",
        provider_accredited=draw(st.booleans()),
        endorsers=tuple((f"e{k}", draw(st.booleans())) for k in range(draw(st.integers(0, 3)))),
        open_badges=draw(st.booleans()),
        known_issuer=draw(st.booleans()),
        earners=earners,
        relevant_earners=draw(st.integers(0, earners)),
    )


@st.composite
def markets(draw: st.DrawFn) -> tuple[Market, list[CredentialFacts]]:
    market = Market(
        postings=[MarketRole(f"p{i}", r) for i, r in enumerate(draw(roles))],
        occupations=[MarketRole(f"o{i}", r) for i, r in enumerate(draw(roles))],
        supply={s: draw(st.integers(0, 10)) for s in SKILLS},
        people=10,
    )
    count = draw(st.integers(1, 6))
    return market, [draw(facts(i)) for i in range(count)]


def weight(importance: Importance) -> F:
    return F(1) if importance is E else F(1, 4)


def brute_share(roles: list[MarketRole], teaches: dict[str, int]) -> F | None:
    if not roles:
        return None
    total = F(0)
    for role in roles:
        served = [
            weight(imp) for s, (imp, lvl) in role.requires.items() if teaches.get(s, 0) >= lvl
        ]
        total += max(served, default=F(0))
    return total / len(roles)


def brute_gap(market: Market, teaches: dict[str, int]) -> F | None:
    n = len(market.postings)
    if not n:
        return None
    closed = F(0)
    for skill, level in teaches.items():
        demand = sum(
            (weight(r.requires[skill][0]) for r in market.postings if skill in r.requires),
            F(0),
        )
        if demand / n <= F(market.supply.get(skill, 0), market.people):
            continue
        closed += sum(
            (
                weight(r.requires[skill][0])
                for r in market.postings
                if skill in r.requires and r.requires[skill][1] <= level
            ),
            F(0),
        )
    return closed / n


def jaccard(a: dict[str, int], b: dict[str, int]) -> F:
    union = set(a) | set(b)
    return F(len(set(a) & set(b)), len(union)) if union else F(0)


@settings(max_examples=300, deadline=None)
@given(markets())
def test_signals_match_a_brute_force_recomputation(
    case: tuple[Market, list[CredentialFacts]],
) -> None:
    market, credentials = case
    values = credential_values(market, credentials)
    for f in credentials:
        v = values[f.credential_id]
        assert v.posting_share == brute_share(list(market.postings), dict(f.teaches))
        assert v.occupation_share == brute_share(list(market.occupations), dict(f.teaches))
        assert v.market_gap_closed == brute_gap(market, dict(f.teaches))
        overlapping = sorted(
            o.credential_id
            for o in credentials
            if o is not f
            and o.active
            and o.teaches
            and f.teaches
            and jaccard(dict(f.teaches), dict(o.teaches)) >= OVERLAP_THRESHOLD
        )
        assert list(v.overlap.credential_ids) == overlapping
        assert (v.outcome_share is None) == (f.earners < MIN_OUTCOME_EARNERS)
        assert 0 <= v.score <= 1
        if not f.active:
            assert v.score == 0
        if v.outcome_share is None:
            assert Component.OUTCOMES not in v.components


@settings(max_examples=300, deadline=None)
@given(markets(), st.data())
def test_more_demand_served_never_lowers_the_score_other_things_equal(
    case: tuple[Market, list[CredentialFacts]], data: st.DataObject
) -> None:
    """b is a copy of a teaching a subset of its skills at lower or equal levels: a serves
    every requirement b serves, so its demand is at least b's, and with the same cost,
    trust and outcomes (and the same standing on overlap) its score is at least b's."""
    market, credentials = case
    a = credentials[0]
    assume(a.active and a.teaches)
    kept = data.draw(st.lists(st.sampled_from(sorted(a.teaches)), unique=True, min_size=1))
    lower = {s: data.draw(st.integers(1, a.teaches[s])) for s in kept}
    b = CredentialFacts(**{**a.__dict__, "credential_id": "b", "teaches": lower})
    values = credential_values(market, [*credentials, b])
    va, vb = values[a.credential_id], values["b"]
    assert (va.posting_share or 0) >= (vb.posting_share or 0)
    assert (va.occupation_share or 0) >= (vb.occupation_share or 0)
    assert (va.market_gap_closed or 0) >= (vb.market_gap_closed or 0)
    assert va.components.get(Component.DEMAND, 0) >= vb.components.get(Component.DEMAND, 0)
    assume(va.overlap.cheaper_exists == vb.overlap.cheaper_exists)
    assert va.score >= vb.score


def brute_demanded(market: Market, teaches: dict[str, int]) -> tuple[str, ...]:
    roles = [*market.postings, *market.occupations]
    return tuple(
        sorted(
            s
            for s, level in teaches.items()
            if any(s in r.requires and r.requires[s][1] <= level for r in roles)
        )
    )


def brute_trust(f: CredentialFacts) -> F:
    others = {e: a for e, a in f.endorsers if e != f.provider_id}
    accredited = sum(1 for a in others.values() if a)
    score = F(2, 5) if f.provider_accredited else F(0)
    score += F(3, 10) * F(min(accredited, 2), 2)
    score += F(1, 10) * F(min(len(others) - accredited, 2), 2)
    return score + (F(1, 5) if f.open_badges and f.known_issuer else F(0))


def brute_rank(values: dict[str, F], key: str) -> F:
    mine = values[key]
    lower = sum(1 for v in values.values() if v < mine)
    equal = sum(1 for v in values.values() if v == mine)
    return (lower + F(equal, 2)) / len(values)


def brute_components(
    market: Market, credentials: list[CredentialFacts]
) -> dict[str, dict[Component, F]]:
    """Each part of the score as WEIGHTS' documentation words it, computed the slow way."""
    active = [f for f in credentials if f.active]
    raw: dict[Component, dict[str, F]] = {c: {} for c in Component}
    cost: dict[str, dict[str, F]] = {}
    worst = F(-(10**40))
    for f in active:
        teaches = dict(f.teaches)
        demanded = len(brute_demanded(market, teaches))
        roles = list(market.postings or market.occupations)
        share, gap = brute_share(roles, teaches), brute_gap(market, teaches)
        if share is not None:
            raw[Component.DEMAND][f.credential_id] = share
        if gap is not None:
            raw[Component.MARKET_GAP][f.credential_id] = gap
        if f.cost is not None and f.currency is not None:
            per_skill = -F(f.cost) / demanded if demanded else worst
            cost.setdefault(f.currency, {})[f.credential_id] = per_skill
        if f.hours is not None:
            raw[Component.HOURS][f.credential_id] = -F(f.hours) / demanded if demanded else worst
        raw[Component.TRUST][f.credential_id] = brute_trust(f)
        if f.earners >= MIN_OUTCOME_EARNERS:
            raw[Component.OUTCOMES][f.credential_id] = F(f.relevant_earners, f.earners)
    parts: dict[str, dict[Component, F]] = {f.credential_id: {} for f in credentials}
    for component, values in raw.items():
        for cid in values:
            parts[cid][component] = brute_rank(values, cid)
    for group in cost.values():
        for cid in group:
            parts[cid][Component.COST] = brute_rank(group, cid)
    for f in active:
        cheaper = any(
            o is not f
            and o.active
            and o.teaches
            and f.teaches
            and jaccard(dict(f.teaches), dict(o.teaches)) >= OVERLAP_THRESHOLD
            and o.cost is not None
            and f.cost is not None
            and (o.cost == 0 or o.currency == f.currency)
            and o.cost < f.cost
            for o in credentials
        )
        parts[f.credential_id][Component.DISTINCT] = F(0) if cheaper else F(1)
    return parts


@settings(max_examples=300, deadline=None)
@given(markets())
def test_per_skill_figures_trust_components_and_score_match_a_brute_force(
    case: tuple[Market, list[CredentialFacts]],
) -> None:
    market, credentials = case
    values = credential_values(market, credentials)
    parts = brute_components(market, credentials)
    for f in credentials:
        v = values[f.credential_id]
        demanded = brute_demanded(market, dict(f.teaches))
        assert v.demanded_skills == demanded
        if f.cost is None or f.currency is None or not demanded:
            assert v.cost_per_demanded_skill is None
        else:
            assert v.cost_per_demanded_skill == (f.cost / len(demanded)).quantize(Decimal("0.01"))
        if f.hours is None or not demanded:
            assert v.hours_per_demanded_skill is None
        else:
            assert v.hours_per_demanded_skill == F(f.hours) / len(demanded)
        assert v.trust == brute_trust(f)
        assert dict(v.components) == parts[f.credential_id]
        mine = parts[f.credential_id]
        expected = (
            sum(WEIGHTS[c] * r for c, r in mine.items()) / sum(WEIGHTS[c] for c in mine)
            if f.active and mine
            else F(0)
        )
        assert v.score == expected
