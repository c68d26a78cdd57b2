"""Credential value, market balance, trends and freshness through the API, on a graph small
enough to work every number out by hand (see ``market``), after ``skillgraph stats refresh``
(``analysis.value.refresh_signals``)."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest

from skillgraph.analysis.value import refresh_signals
from skillgraph.store.database import Database
from tests.e2e.badges import verified_award
from tests.e2e.conftest import Api
from tests.e2e.test_explore import mutate, skill
from tests.e2e.test_openbadges import IMPORT, fixture
from tests.e2e.test_plan import PLAN, base, chosen, cred, plan, role_requires
from tests.e2e.test_plan import teaches as plan_teaches
from tests.e2e.test_verification import person as verification_person
from tests.unit.verification.badges import Issuer


def role(r: str, kind: str = "OCCUPATION", **extra: str) -> str:
    more = "".join(f', {k}: "{v}"' for k, v in extra.items())
    return f'createRole(input: {{id: "role_{r}", title: "{r}", kind: {kind}{more}}}) {{ id }}'


def posting(r: str, posted: str, **extra: str) -> str:
    return role(r, "JOB_POSTING", postedAt=posted, **extra)


def req(r: str, s: str, importance: str = "ESSENTIAL", level: int = 1) -> str:
    return (
        f'setRoleRequirement(roleId: "role_{r}", skillId: "skill_{s}", '
        f"importance: {importance}, level: {level}) {{ id }}"
    )


def provider(p: str, accredited: bool = False) -> str:
    flag = "true" if accredited else "false"
    return f'createProvider(input: {{id: "prov_{p}", name: "{p}", accredited: {flag}}}) {{ id }}'


def credential(
    c: str, p: str, cost: str | None, hours: float | None, status: str = "ACTIVE"
) -> str:
    price = ""
    if cost is not None:
        amount, currency = cost.split()
        price = f', cost: {{amount: "{amount}", currency: "{currency}"}}'
    hours_ = f", durationHours: {hours}" if hours is not None else ""
    return (
        f'createCredential(input: {{id: "cred_{c}", name: "{c}", providerId: "prov_{p}"'
        f"{price}{hours_}, status: {status}}}) {{ id }}"
    )


def teaches(c: str, s: str, level: int) -> str:
    return (
        f'setCredentialTeaches(credentialId: "cred_{c}", skillId: "skill_{s}", level: {level})'
        " { id }"
    )


def person(q: str, visibility: str = "MATCHABLE") -> str:
    return (
        f'createPerson(input: {{id: "person_{q}", name: "{q}", visibility: {visibility}}}) {{ id }}'
    )


def award(q: str, c: str) -> str:
    return (
        f'awardCredential(personId: "person_{q}", credentialId: "cred_{c}", '
        f'issuedAt: "2025-01-01T00:00:00Z") {{ id }}'
    )


def link(field: str, q: str, r: str) -> str:
    return f'{field}(personId: "person_{q}", roleId: "role_{r}") {{ id }}'


async def market(api: Api) -> None:
    """Skills a b c d. Occupations o1 {a E1}, o2 {c E1, d E1}. Active postings: p1
    (specialises o1; own a E2 wins over o1's, b O1), p2 {b E3}, p3 {c E1}, p4 {d O2}; p5
    {a E1} is closed. Credentials (EUR unless said): x = P (accredited) a2 b1, 100, 10 h,
    endorsed by E1 (accredited) and E2; y = Q a1 c1, 30, 20 h; z = Q a2 b1, 80, 10 h; v = Q
    teaches nothing, no price or hours; w = Q RETIRED d1, 10 GBP, 4 h. People q0..q9:
    q0-q5 earned x (q6 too, revoked), q7 and q8 earned y, q9 declares d. q0 targets p1, q1
    holds o1, q2 targets p2, q3 targets o2, q5 targets p5, q7 targets p3. Everyone is
    MATCHABLE but q0, q2 and q4, who are PUBLIC (PRIVATE people never count in outcomes).

    Supply: a 8 (x and y earners), b 6, c 2, d 1, of 10 people. Posting demand shares: a
    1/4, b 5/16, c 1/4, d 1/16; only c is scarce (1/4 > 2/10)."""
    await mutate(api, *[skill(s) for s in "abcd"])
    await mutate(
        api,
        role("o1"),
        role("o2"),
        posting("p1", "2025-03-03T10:00:00Z", occupationId="role_o1"),
        posting("p2", "2025-04-01T10:00:00Z"),
        posting("p3", "2025-05-05T10:00:00Z"),
        posting("p4", "2025-05-20T10:00:00Z"),
        posting("p5", "2024-05-10T10:00:00Z", closedAt="2024-06-10T10:00:00Z"),
        req("o1", "a"),
        req("o2", "c"),
        req("o2", "d"),
        req("p1", "a", level=2),
        req("p1", "b", "OPTIONAL"),
        req("p2", "b", level=3),
        req("p3", "c"),
        req("p4", "d", "OPTIONAL", 2),
        req("p5", "a"),
    )
    await mutate(
        api,
        provider("P", accredited=True),
        provider("E1", accredited=True),
        provider("E2"),
        provider("Q"),
        credential("x", "P", "100.00 EUR", 10),
        credential("y", "Q", "30.00 EUR", 20),
        credential("z", "Q", "80.00 EUR", 10),
        credential("v", "Q", None, None),
        credential("w", "Q", "10.00 GBP", 4, "RETIRED"),
    )
    await mutate(
        api,
        teaches("x", "a", 2),
        teaches("x", "b", 1),
        teaches("y", "a", 1),
        teaches("y", "c", 1),
        teaches("z", "a", 2),
        teaches("z", "b", 1),
        teaches("w", "d", 1),
        'endorseCredential(providerId: "prov_E1", credentialId: "cred_x") { id }',
        'endorseCredential(providerId: "prov_E2", credentialId: "cred_x") { id }',
    )
    people = [f"q{i}" for i in range(10)]
    await mutate(
        api, *[person(q, "PUBLIC" if q in ("q0", "q2", "q4") else "MATCHABLE") for q in people]
    )
    await mutate(
        api,
        *[award(q, "x") for q in ["q0", "q1", "q2", "q3", "q4", "q5", "q6"]],
        award("q7", "y"),
        award("q8", "y"),
        'revokeCredential(personId: "person_q6", credentialId: "cred_x") { id }',
        'addPersonSkill(personId: "person_q9", skillId: "skill_d", level: 3) { id }',
    )
    await mutate(
        api,
        link("setTarget", "q0", "p1"),
        link("setHeldRole", "q1", "o1"),
        link("setTarget", "q2", "p2"),
        link("setTarget", "q3", "o2"),
        link("setTarget", "q5", "p5"),
        link("setTarget", "q7", "p3"),
    )


VALUE = """
value {
  score
  components { component weight rank }
  demand { postings postingsServed activePostings occupations occupationsServed occupationCount }
  marketGapClosed
  scarceSkills { id }
  demandedSkills { id }
  costPerDemandedSkill { amount currency }
  hoursPerDemandedSkill
  trust { score providerAccredited accreditedEndorsements otherEndorsements openBadgesImport
          knownIssuer endorsements { accredited provider { id } } }
  outcomes { earners relevant share minimumEarners }
  overlap { count threshold cheaperAlternative cheapest { id } credentials { id } }
  computedAt
  stale
}"""

ONE = "query($id: ID!) { credential(id: $id) { id " + VALUE + " } }"


async def value_of(api: Api, c: str) -> dict[str, Any]:
    data = await api.data(ONE, {"id": f"cred_{c}"})
    result: dict[str, Any] = data["credential"]["value"]
    return result


# Percentile ranks among the active x, y, z, v worked out in ``market``'s terms.
W = {
    "DEMAND": F(30, 100),
    "MARKET_GAP": F(15, 100),
    "COST": F(15, 100),
    "HOURS": F(5, 100),
    "TRUST": F(15, 100),
    "OUTCOMES": F(10, 100),
    "DISTINCT": F(10, 100),
}
PARTS = {
    # demand x=y=z (1 posting) > v; gap y (c) > x=z=v; cost per skill y 15 < z 40 < x 50;
    # hours per skill x=z 5 < y 10; trust x 0.6 > 0; outcomes x only; x has cheaper z.
    "x": {
        "DEMAND": F(5, 8),
        "MARKET_GAP": F(3, 8),
        "COST": F(1, 6),
        "HOURS": F(2, 3),
        "TRUST": F(7, 8),
        "OUTCOMES": F(1, 2),
        "DISTINCT": F(0),
    },
    "y": {
        "DEMAND": F(5, 8),
        "MARKET_GAP": F(7, 8),
        "COST": F(5, 6),
        "HOURS": F(1, 6),
        "TRUST": F(3, 8),
        "DISTINCT": F(1),
    },
    "z": {
        "DEMAND": F(5, 8),
        "MARKET_GAP": F(3, 8),
        "COST": F(1, 2),
        "HOURS": F(2, 3),
        "TRUST": F(3, 8),
        "DISTINCT": F(1),
    },
    "v": {"DEMAND": F(1, 8), "MARKET_GAP": F(3, 8), "TRUST": F(3, 8), "DISTINCT": F(1)},
}


def score(parts: dict[str, F]) -> float:
    return float(sum(W[c] * r for c, r in parts.items()) / sum(W[c] for c in parts))


@pytest.fixture
async def refreshed(api: Api, db: Database) -> Api:
    await market(api)
    await refresh_signals(db)
    return api


async def test_every_signal_of_a_credential(refreshed: Api) -> None:
    x = await value_of(refreshed, "x")
    assert x["demand"] == {
        "postings": 0.25,  # p1: a essential (and b optional) served, of 4 active postings
        "postingsServed": 1,
        "activePostings": 4,
        "occupations": 0.5,  # o1
        "occupationsServed": 1,
        "occupationCount": 2,
    }
    assert x["marketGapClosed"] == 0.0
    assert x["scarceSkills"] == []
    assert {s["id"] for s in x["demandedSkills"]} == {"skill_a", "skill_b"}
    assert x["costPerDemandedSkill"] == {"amount": "50.00", "currency": "EUR"}
    assert x["hoursPerDemandedSkill"] == 5.0
    assert x["trust"] == {
        "score": pytest.approx(0.4 + 0.3 / 2 + 0.1 / 2),
        "providerAccredited": True,
        "accreditedEndorsements": 1,
        "otherEndorsements": 1,
        "openBadgesImport": False,
        "knownIssuer": False,  # P pins no keys and no award of x verified
        "endorsements": [
            {"accredited": True, "provider": {"id": "prov_E1"}},
            {"accredited": False, "provider": {"id": "prov_E2"}},
        ],
    }
    # q0 targets p1 (a at 2: served), q1 holds o1, q5 targets the closed p5 (still a role
    # x serves); q2's p2 wants b at 3, q3's o2 wants c and d; q6's award is revoked.
    assert x["outcomes"] == {"earners": 6, "relevant": 3, "share": 0.5, "minimumEarners": 5}
    assert x["overlap"] == {
        "count": 1,
        "threshold": 0.6,
        "cheaperAlternative": True,
        "cheapest": {"id": "cred_z"},
        "credentials": [{"id": "cred_z"}],
    }
    assert x["stale"] is False
    ranks = {p["component"]: p["rank"] for p in x["components"]}
    assert ranks == {c: float(r) for c, r in PARTS["x"].items()}
    assert x["score"] == score(PARTS["x"])


async def test_scarce_skills_outcomes_below_the_minimum_and_the_retired(refreshed: Api) -> None:
    y = await value_of(refreshed, "y")
    assert [s["id"] for s in y["scarceSkills"]] == ["skill_c"]
    assert y["marketGapClosed"] == 0.25  # p3 of 4 active postings wants c
    assert y["demand"]["occupations"] == 1.0
    # q7 targets p3, which y serves, but two earners are too few to say (or to tell).
    assert y["outcomes"] == {"earners": 2, "relevant": None, "share": None, "minimumEarners": 5}
    assert y["score"] == score(PARTS["y"])
    w = await value_of(refreshed, "w")
    assert w["score"] == 0.0
    assert w["components"] == []
    assert w["costPerDemandedSkill"] == {"amount": "10.00", "currency": "GBP"}
    v = await value_of(refreshed, "v")
    assert v["costPerDemandedSkill"] is None
    assert v["hoursPerDemandedSkill"] is None
    assert v["score"] == score(PARTS["v"])


LIST = """query($order: CredentialOrderField!, $dir: OrderDirection!, $min: Float,
                 $first: Int, $after: String) {
  credentials(orderBy: {field: $order, direction: $dir}, filter: {minValue: $min},
              first: $first, after: $after) {
    totalCount edges { cursor node { id value { score } } } pageInfo { hasNextPage endCursor }
  }
}"""


async def test_credentials_ordered_by_value_and_filtered_by_a_minimum(refreshed: Api) -> None:
    data = await refreshed.data(LIST, {"order": "VALUE", "dir": "DESC"})
    ranked = [e["node"]["id"] for e in data["credentials"]["edges"]]
    assert ranked == ["cred_y", "cred_z", "cred_x", "cred_v", "cred_w"]
    scores = [e["node"]["value"]["score"] for e in data["credentials"]["edges"]]
    assert scores == [score(PARTS[c]) for c in "yzxv"] + [0.0]
    good = await refreshed.data(LIST, {"order": "VALUE", "dir": "DESC", "min": 0.5})
    assert [e["node"]["id"] for e in good["credentials"]["edges"]] == ["cred_y", "cred_z"]
    assert good["credentials"]["totalCount"] == 2
    up = await refreshed.data(LIST, {"order": "VALUE", "dir": "ASC", "first": 2})
    assert [e["node"]["id"] for e in up["credentials"]["edges"]] == ["cred_w", "cred_v"]
    rest = await refreshed.data(
        LIST,
        {"order": "VALUE", "dir": "ASC", "after": up["credentials"]["pageInfo"]["endCursor"]},
    )
    assert [e["node"]["id"] for e in rest["credentials"]["edges"]] == ["cred_x", "cred_z", "cred_y"]


async def test_a_min_value_outside_zero_to_one_is_refused(api: Api) -> None:
    error = await api.error(LIST, {"order": "VALUE", "dir": "DESC", "min": 1.5})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "minValue" in error["message"]


async def test_a_credential_never_refreshed_has_no_value_and_ranks_as_zero(api: Api) -> None:
    await mutate(api, provider("P"), credential("new", "P", "5.00 EUR", 1))
    assert (await value_of(api, "new")) is None
    data = await api.data(LIST, {"order": "VALUE", "dir": "DESC", "min": 0.0})
    assert [e["node"]["id"] for e in data["credentials"]["edges"]] == ["cred_new"]


async def test_private_people_never_count_in_outcomes(api: Api, db: Database) -> None:
    await market(api)
    await refresh_signals(db)
    before = (await value_of(api, "x"))["outcomes"]
    assert before == {"earners": 6, "relevant": 3, "share": 0.5, "minimumEarners": 5}
    # A PRIVATE person earns x and targets and holds roles x serves: no outcome moves.
    await mutate(api, person("hidden", "PRIVATE"))
    await mutate(
        api,
        award("hidden", "x"),
        link("setTarget", "hidden", "p1"),
        link("setHeldRole", "hidden", "o1"),
    )
    await refresh_signals(db)
    assert (await value_of(api, "x"))["outcomes"] == before
    # q0 (earned x, targets p1) turns PRIVATE: the signals are stale, then q0 no longer
    # counts; the hidden person opening up to matching counts from the next refresh.
    await mutate(api, 'updatePerson(id: "person_q0", input: {visibility: PRIVATE}) { id }')
    assert (await value_of(api, "x"))["stale"] is True
    await refresh_signals(db)
    assert (await value_of(api, "x"))["outcomes"] == {
        "earners": 5,
        "relevant": 2,
        "share": 0.4,
        "minimumEarners": 5,
    }
    await mutate(api, 'updatePerson(id: "person_hidden", input: {visibility: MATCHABLE}) { id }')
    await refresh_signals(db)
    assert (await value_of(api, "x"))["outcomes"]["relevant"] == 3


async def test_a_name_change_of_a_person_leaves_the_signals_fresh(api: Api, db: Database) -> None:
    await market(api)
    await refresh_signals(db)
    await mutate(api, 'updatePerson(id: "person_q1", input: {headline: "new"}) { id }')
    assert (await value_of(api, "x"))["stale"] is False


SIGNALS = "{ signals { computedAt changedAt stale trendFrom trendSplit trendTo } }"


async def test_writes_that_change_signals_mark_them_stale(api: Api, db: Database) -> None:
    assert (await api.data(SIGNALS))["signals"]["stale"] is True  # never computed
    await market(api)
    await refresh_signals(db)
    signals = (await api.data(SIGNALS))["signals"]
    assert signals["stale"] is False
    assert signals["trendFrom"].startswith("2023-06-01")
    assert signals["trendSplit"].startswith("2024-06-01")
    assert signals["trendTo"].startswith("2025-06-01")
    # Presentation only: still fresh.
    await mutate(api, 'updateCredential(id: "cred_x", input: {description: "new words"}) { id }')
    assert (await api.data(SIGNALS))["signals"]["stale"] is False
    assert (await value_of(api, "x"))["stale"] is False
    # What the value is computed from: stale, and the API says so.
    await mutate(api, 'updateCredential(id: "cred_x", input: {durationHours: 3}) { id }')
    assert (await api.data(SIGNALS))["signals"]["stale"] is True
    assert (await value_of(api, "x"))["stale"] is True
    await refresh_signals(db)
    assert (await value_of(api, "x"))["stale"] is False
    assert (await value_of(api, "x"))["hoursPerDemandedSkill"] == 1.5
    await mutate(api, teaches("v", "c", 2))
    assert (await value_of(api, "v"))["stale"] is True


async def test_relationship_writes_mark_stale_but_the_skill_hierarchy_does_not(
    api: Api, db: Database
) -> None:
    await market(api)
    await refresh_signals(db)
    await mutate(api, 'setBroaderSkill(skillId: "skill_b", broaderId: "skill_a") { id }')
    assert (await api.data(SIGNALS))["signals"]["stale"] is False
    await mutate(api, link("setHeldRole", "q4", "p1"))
    assert (await api.data(SIGNALS))["signals"]["stale"] is True


MARKET = """query($order: MarketOrder!) {
  skillMarket(orderBy: $order) {
    edges { value credentials goodCredentials postings node { id } }
    signals { stale }
  }
}"""


async def market_order(api: Api, order: str) -> list[tuple[str, float, int, int, int]]:
    data = await api.data(MARKET, {"order": order})
    return [
        (e["node"]["id"], e["value"], e["credentials"], e["goodCredentials"], e["postings"])
        for e in data["skillMarket"]["edges"]
    ]


async def test_the_market_names_its_gaps(refreshed: Api) -> None:
    # Active credentials teaching: a x y z, b x z, c y, d none (w is retired); good ones
    # (score >= 0.5): y and z. Active postings requiring: a p1, b p1 p2, c p3, d p4.
    assert await market_order(refreshed, "OVERSUPPLIED") == [
        ("skill_a", 1.5, 3, 2, 1),
        ("skill_b", 2 / 3, 2, 1, 2),
        ("skill_c", 0.5, 1, 1, 1),
        ("skill_d", 0.0, 0, 0, 1),
    ]
    assert [row[:2] for row in await market_order(refreshed, "UNDERSUPPLIED")] == [
        ("skill_b", 1.0),
        ("skill_d", 1.0),
        ("skill_c", 0.5),
        ("skill_a", 1 / 3),
    ]


async def test_rising_and_falling_compare_the_share_of_postings_year_on_year(
    refreshed: Api,
) -> None:
    # Recent year [2024-06, 2025-06): p1..p4; previous: p5 (closed, still counted).
    rising = [row[:2] for row in await market_order(refreshed, "RISING")]
    assert rising == [
        ("skill_b", 0.5),
        ("skill_c", 0.25),
        ("skill_d", 0.25),
        ("skill_a", -0.75),
    ]
    falling = [row[0] for row in await market_order(refreshed, "FALLING")]
    assert falling[0] == "skill_a"


STATS = """query($id: ID!) { skill(id: $id) { stats {
  demand { postings activePostings } credentials goodCredentials
  trend { recent previous change } stale } } }"""


async def test_skill_stats_carry_the_trend_and_the_market_balance(refreshed: Api) -> None:
    data = await refreshed.data(STATS, {"id": "skill_a"})
    assert data["skill"]["stats"] == {
        "demand": {"postings": 2, "activePostings": 1},
        "credentials": 3,
        "goodCredentials": 2,
        "trend": {"recent": 1, "previous": 1, "change": -0.75},
        "stale": False,
    }


TREND = """query($id: ID!, $from: Date!, $to: Date!, $interval: Interval) {
  skill(id: $id) { demandTrend(from: $from, to: $to, interval: $interval) {
    interval postings change slope points { start postings total share } } } }"""


async def test_demand_trend_counts_postings_per_month_or_quarter(refreshed: Api) -> None:
    data = await refreshed.data(
        TREND, {"id": "skill_a", "from": "2025-01-20", "to": "2025-05-01", "interval": "MONTH"}
    )
    trend = data["skill"]["demandTrend"]
    assert trend["points"] == [
        {"start": "2025-01-01", "postings": 0, "total": 0, "share": None},
        {"start": "2025-02-01", "postings": 0, "total": 0, "share": None},
        {"start": "2025-03-01", "postings": 1, "total": 1, "share": 1.0},  # p1
        {"start": "2025-04-01", "postings": 0, "total": 1, "share": 0.0},
        {"start": "2025-05-01", "postings": 0, "total": 2, "share": 0.0},
    ]
    assert (trend["postings"], trend["change"]) == (1, 0)
    assert trend["slope"] == 0.0
    quarters = await refreshed.data(
        TREND, {"id": "skill_b", "from": "2024-04-01", "to": "2025-06-30", "interval": "QUARTER"}
    )
    points = quarters["skill"]["demandTrend"]["points"]
    assert [(p["start"], p["postings"], p["total"]) for p in points] == [
        ("2024-04-01", 0, 1),
        ("2024-07-01", 0, 0),
        ("2024-10-01", 0, 0),
        ("2025-01-01", 1, 1),
        ("2025-04-01", 1, 3),
    ]
    assert quarters["skill"]["demandTrend"]["change"] == 1
    # slope over (0, 0, 0, 1, 1): sum dx*dy / sum dx^2 = 3 / 10
    assert quarters["skill"]["demandTrend"]["slope"] == pytest.approx(0.3)


async def test_a_bad_trend_range_is_refused(api: Api) -> None:
    await mutate(api, skill("a"))
    error = await api.error(TREND, {"id": "skill_a", "from": "2025-05-01", "to": "2025-01-01"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    error = await api.error(TREND, {"id": "skill_a", "from": "1990-01-01", "to": "2025-01-01"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "120" in error["message"]
    missing = await api.error(TREND, {"id": "skill_nope", "from": "2025-01-01", "to": "2025-02-01"})
    assert missing["extensions"]["code"] == "NOT_FOUND"


async def test_postings_dates_are_validated(api: Api) -> None:
    error = await api.error(
        "mutation { "
        + posting("bad", "2025-05-01T00:00:00Z", closedAt="2025-04-01T00:00:00Z")
        + " }"
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "closedAt" in error["message"]
    error = await api.error(
        'mutation { createRole(input: {title: "o", postedAt: "2025-05-01T00:00:00Z"}) { id } }'
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_posting_without_a_date_counts_from_its_creation(api: Api) -> None:
    await mutate(api, 'createRole(input: {id: "role_new", title: "n", kind: JOB_POSTING}) { id }')
    data = await api.data(
        '{ role(id: "role_new") { createdAt postedAt closedAt active } '
        "occupation: roles(filter: {kind: OCCUPATION}) { totalCount } }"
    )
    assert data["role"]["postedAt"] == data["role"]["createdAt"]
    assert data["role"]["closedAt"] is None
    assert data["role"]["active"] is True


async def test_value_costs_a_fixed_number_of_round_trips(refreshed: Api) -> None:
    query = (
        "query($first: Int!) { credentials(first: $first, "
        "orderBy: {field: VALUE, direction: DESC}) { edges { node { name" + VALUE + " } } } }"
    )
    db = refreshed.server.database

    async def trips(first: int) -> int:
        before = db.round_trips
        await refreshed.data(query, {"first": first})
        return db.round_trips - before

    # The page, the signal state, skills and providers (endorsers); the overlapping
    # credentials are on the page already (primed).
    await refreshed.data("{ apiVersion }")  # the API key is looked up (and cached) first
    assert await trips(3) == await trips(5) == 4


async def test_plans_that_prefer_value_trade_cost_within_the_exact_tolerance(
    api: Api, db: Database
) -> None:
    """cheap (100 EUR, 10 h, provider Q) and good (108 EUR, 5 h, accredited provider P,
    endorsed; also teaches e, so the two do not overlap) both teach a, which the occupation
    r requires. After a refresh good scores higher (hours and trust), so it wins once 8%
    more cost is allowed, not before."""
    await base(api)
    await mutate(
        api,
        role_requires("a"),
        'createCredential(input: {id: "cred_cheap", name: "cheap", providerId: "prov_2", '
        'cost: {amount: "100", currency: "EUR"}, durationHours: 10}) { id }',
        cred("good", "108", hours=5),
        'endorseCredential(providerId: "prov_2", credentialId: "cred_good") { id }',
    )
    await mutate(
        api, plan_teaches("cheap", "a"), plan_teaches("good", "a"), plan_teaches("good", "e")
    )
    await refresh_signals(db)
    scores = await api.data(
        '{ a: credential(id: "cred_cheap") { value { score } } '
        'b: credential(id: "cred_good") { value { score } } }'
    )
    assert scores["b"]["value"]["score"] > scores["a"]["value"]["score"]

    assert chosen(await plan(api)) == ["cred_cheap"]
    assert chosen(await plan(api, {"preferValue": True})) == ["cred_cheap"]
    assert chosen(await plan(api, {"preferValue": True, "valueTolerance": 0.079})) == ["cred_cheap"]
    preferred = await plan(api, {"preferValue": True, "valueTolerance": 0.08})
    assert chosen(preferred) == ["cred_good"]
    assert preferred["optimal"] is True
    assert preferred["totalCost"] == [{"amount": "108.00", "currency": "EUR"}]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"preferValue": True, "valueTolerance": 1.5}, "options.valueTolerance"),
        ({"valueTolerance": 0.1}, "options.valueTolerance"),
    ],
)
async def test_a_bad_value_tolerance_is_refused(
    api: Api, options: dict[str, Any], field: str
) -> None:
    await base(api)
    error = await api.error(PLAN, {"p": "person_me", "r": "role_r", "o": options})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


async def test_an_open_badges_import_is_a_trust_signal(api: Api, db: Database) -> None:
    document = fixture("achievement.json")
    result = (await api.data(IMPORT, {"d": document}))["importOpenBadge"]
    (imported,) = result["credentials"]
    await mutate(api, provider("P"), credential("native", "P", None, None))
    await refresh_signals(db)
    query = (
        "query($id: ID!) { credential(id: $id) "
        "{ value { trust { openBadgesImport knownIssuer score } } } }"
    )
    badge = await api.data(query, {"id": imported["id"]})
    assert badge["credential"]["value"]["trust"] == {
        "openBadgesImport": True,
        "knownIssuer": False,  # no pinned key, no verified award: no bonus
        "score": 0.0,
    }
    native = await api.data(query, {"id": "cred_native"})
    assert native["credential"]["value"]["trust"]["openBadgesImport"] is False


TRUST = """query($u: String!) { credential(uri: $u) { value { stale trust {
  openBadgesImport knownIssuer score } } } }"""
PIN = """mutation($u: String!, $k: [VerificationKeyInput!]) {
  upsertProvider(uri: $u, input: {name: "Example Academy", verificationKeys: $k}) { id } }"""


async def trust_of(api: Api, achievement: str) -> dict[str, Any]:
    data = await api.data(TRUST, {"u": achievement})
    result: dict[str, Any] = data["credential"]["value"]
    return result


async def test_a_known_issuer_is_a_verified_award_or_a_pinned_key(api: Api, db: Database) -> None:
    signed_by_did = Issuer()
    on_https = Issuer(uri="https://academy.example/issuer")
    for pid in ("ada", "bob"):
        await verification_person(api, pid)
    first, second = "https://a.example/achievements/1", "https://b.example/achievements/2"
    assert (await verified_award(api, signed_by_did, "ada", first))["verification"][
        "status"
    ] == "VERIFIED"
    # An https issuer with no pinned key (and no resolver): the badge does not verify.
    assert (await verified_award(api, on_https, "bob", second))["verification"][
        "status"
    ] != "VERIFIED"
    await refresh_signals(db)
    expected = {"openBadgesImport": True, "knownIssuer": True, "score": 0.2}
    assert (await trust_of(api, first))["trust"] == expected
    assert (await trust_of(api, second))["trust"] == {
        **expected,
        "knownIssuer": False,
        "score": 0.0,
    }
    # Pinning the issuer's key makes it known: the signals say they are stale until refreshed.
    multibase = on_https.public.multibase()
    await api.data(
        PIN, {"u": on_https.uri, "k": [{"id": on_https.method, "publicKeyMultibase": multibase}]}
    )
    assert (await trust_of(api, second))["stale"] is True
    await refresh_signals(db)
    assert (await trust_of(api, second))["trust"] == expected
