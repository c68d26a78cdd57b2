"""``skillgraph stats refresh``: recompute every stored signal from the graph.

1. the skill market statistics (demand, supply, credentials teaching) in Cypher, while
2. the market is read in bulk (roles with their requirements, credentials, earners), then
   the supply the statistics hold;
3. credential value (``domain.value``) and skill trends (``domain.trends``) in Python;
4. written back in batches, then the refresh is recorded (``store.signals``).

Values are computed as of the database clock read at the start (``signals.begin``, which
also reads the change token); a write committed after that marks them stale again.
"""

from __future__ import annotations

import asyncio
import time as timer
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

from skillgraph.domain.requirements_index import (
    MarketRole,
    effective_requirements,
    outcome_counts,
)
from skillgraph.domain.trends import market_trend
from skillgraph.domain.value import (
    GOOD_VALUE,
    Component,
    CredentialFacts,
    CredentialValue,
    Market,
    credential_values,
)
from skillgraph.model.enums import CredentialStatus, Importance, RoleKind
from skillgraph.store import explore, signals
from skillgraph.store.database import Database, Record

__all__ = [
    "OVERLAP_IDS_KEPT",
    "Inputs",
    "Outputs",
    "Refresh",
    "compute_signals",
    "refresh_signals",
    "value_props",
]

OVERLAP_IDS_KEPT = 50
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Refresh:
    computed_at: datetime
    credentials: int
    skills: int
    active_postings: int
    seconds: dict[str, float]


_IMPORTANCE = {i.value: i for i in Importance}


def _requirements(rows: list[list[Any]]) -> list[tuple[str, Importance, int]]:
    return [(s, _IMPORTANCE[i], level) for s, i, level in rows]


def _active(row: Record, now: datetime) -> bool:
    posted, closed = row["postedAt"], row["closedAt"]
    return (posted is None or posted <= now) and (closed is None or closed > now)


def _facts(row: Record, outcomes: Mapping[str, tuple[int, int]]) -> CredentialFacts:
    earners, relevant = outcomes.get(row["id"], (0, 0))
    return CredentialFacts(
        credential_id=row["id"],
        active=row["status"] == CredentialStatus.ACTIVE.value,
        teaches={str(s): int(level) for s, level in row["teaches"]},
        cost=Decimal(row["cost"]) if row["cost"] is not None else None,
        currency=row["currency"],
        hours=float(row["hours"]) if row["hours"] is not None else None,
        provider_id=row["providerId"],
        provider_accredited=bool(row["accredited"]),
        endorsers=tuple((str(e), bool(a)) for e, a in row["endorsers"]),
        open_badges=bool(row["openBadges"]),
        known_issuer=bool(row["knownIssuer"]),
        earners=earners,
        relevant_earners=relevant,
    )


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def value_props(
    value: CredentialValue, facts: CredentialFacts, computed_at: datetime
) -> dict[str, Any]:
    """The stored properties of one credential's value (what ``api.types.value`` reads)."""
    parts = {
        f"valuePart{c.name.title().replace('_', '')}": _float(value.components.get(c))
        for c in Component
    }
    endorsers = [(e, a) for e, a in facts.endorsers if e != facts.provider_id]
    return {
        "valueScore": float(value.score),
        "valueComputedAt": computed_at,
        "valueActivePostings": value.postings,
        "valuePostingCount": value.posting_count,
        "valuePostingShare": _float(value.posting_share),
        "valueOccupations": value.occupations,
        "valueOccupationCount": value.occupation_count,
        "valueOccupationShare": _float(value.occupation_share),
        "valueDemandedSkills": list(value.demanded_skills),
        "valueScarceSkills": list(value.scarce_skills),
        "valueMarketGap": _float(value.market_gap_closed),
        "valueCostPerSkill": None
        if value.cost_per_demanded_skill is None
        else str(value.cost_per_demanded_skill),
        "valueCostCurrency": facts.currency if value.cost_per_demanded_skill is not None else None,
        "valueHoursPerSkill": _float(value.hours_per_demanded_skill),
        "valueTrust": float(value.trust),
        "valueProviderAccredited": facts.provider_accredited,
        "valueEndorsers": [e for e, _ in endorsers],
        "valueEndorsersAccredited": [a for _, a in endorsers],
        "valueOpenBadges": facts.open_badges,
        "valueKnownIssuer": facts.known_issuer,
        "valueEarners": value.earners,
        "valueRelevantEarners": value.relevant_earners,
        "valueOverlapCount": len(value.overlap.credential_ids),
        "valueOverlapIds": list(value.overlap.credential_ids[:OVERLAP_IDS_KEPT]),
        "valueOverlapCheapest": value.overlap.cheapest,
        "valueCheaperOverlap": value.overlap.cheaper_exists,
        **parts,
    }


def _month(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(), tzinfo=UTC)


@dataclass(frozen=True)
class Inputs:
    """What a refresh reads (see ``store.signals``); ``now`` is the database clock and
    ``token`` the change token when it began."""

    now: datetime
    roles: list[Record]
    credentials: list[Record]
    earners: list[Record]
    supply: dict[str, int]
    people: int
    token: str = ""


@dataclass(frozen=True)
class Outputs:
    credentials: list[dict[str, Any]]  # {id, props}
    skills: list[dict[str, Any]]  # {id, props}
    computed: dict[str, Any]
    active_postings: int


def compute_signals(inputs: Inputs) -> Outputs:
    """Every stored signal from the refresh's inputs (no I/O)."""
    now = inputs.now
    own = {row["id"]: _requirements(row["own"]) for row in inputs.roles}
    effective = {
        row["id"]: effective_requirements(own[row["id"]], own.get(row["occupationId"], []))
        for row in inputs.roles
    }
    postings = [row for row in inputs.roles if row["kind"] == RoleKind.JOB_POSTING.value]
    active = [row for row in postings if _active(row, now)]
    occupations = [row for row in inputs.roles if row["kind"] != RoleKind.JOB_POSTING.value]
    market = Market(
        postings=[MarketRole(r["id"], effective[r["id"]]) for r in active],
        occupations=[MarketRole(r["id"], effective[r["id"]]) for r in occupations],
        supply=inputs.supply,
        people=inputs.people,
    )
    teaches = {
        row["id"]: {str(s): int(level) for s, level in row["teaches"]} for row in inputs.credentials
    }
    outcomes = outcome_counts(
        ((row["credentials"], row["roles"]) for row in inputs.earners), effective, teaches
    )
    facts = [_facts(row, outcomes) for row in inputs.credentials]
    values = credential_values(market, facts)
    trend = market_trend([(row["postedAt"], frozenset(effective[row["id"]])) for row in postings])
    active_demand: Counter[str] = Counter()
    for row in active:
        active_demand.update(effective[row["id"]].keys())
    good: Counter[str] = Counter()
    for f in facts:
        if f.active and values[f.credential_id].score >= GOOD_VALUE:
            good.update(f.teaches.keys())
    skills = []
    for skill_id in inputs.supply:
        moved = trend.skills.get(skill_id)
        skills.append(
            {
                "id": skill_id,
                "props": {
                    "statActivePostings": active_demand.get(skill_id, 0),
                    "statGoodCredentials": good.get(skill_id, 0),
                    "statTrendRecent": moved.recent if moved else 0,
                    "statTrendPrevious": moved.previous if moved else 0,
                    "statTrendChange": float(moved.change) if moved else 0.0,
                },
            }
        )
    return Outputs(
        credentials=[
            {"id": f.credential_id, "props": value_props(values[f.credential_id], f, now)}
            for f in facts
        ],
        skills=skills,
        computed={
            "computedAt": now,
            "computedToken": inputs.token,
            "trendStart": _month(trend.start),
            "trendSplit": _month(trend.split),
            "trendEnd": _month(trend.end),
            "activePostings": len(active),
        },
        active_postings=len(active),
    )


async def refresh_signals(db: Database, progress: Progress | None = None) -> Refresh:
    """Recompute and store every signal. Safe to run again at any time (idempotent); a
    refresh that fails half-way leaves some credentials with the new values and the rest
    with the old, and the next refresh completes it."""
    clock: dict[str, float] = {}

    def step(name: str, started: float) -> float:
        now = timer.monotonic()
        clock[name] = round(now - started, 3)
        if progress is not None:
            progress(name)
        return now

    t = timer.monotonic()
    token, now = await signals.begin(db)
    # The skill statistics (written by Neo4j) and the market reads (decoded here) overlap.
    _, roles, credentials, earners = await asyncio.gather(
        explore.refresh_stats(db), signals.roles(db), signals.credentials(db), signals.earners(db)
    )
    supply, people = await signals.supply(db)  # reads the refreshed statistics
    inputs = Inputs(now, roles, credentials, earners, supply, people, token)
    t = step("read", t)
    outputs = compute_signals(inputs)
    t = step("compute", t)
    await signals.write_credentials(db, outputs.credentials)
    await signals.write_skills(db, outputs.skills)
    await signals.mark_computed(db, outputs.computed)
    step("write", t)
    return Refresh(
        now, len(outputs.credentials), len(outputs.skills), outputs.active_postings, clock
    )
