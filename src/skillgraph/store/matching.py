"""Candidate ranking for a role (in Cypher, over MATCHABLE and PUBLIC people only) and the
roles that share skills with a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record
from skillgraph.store.gaps import Evidence, evidence_of

__all__ = [
    "CandidateKey",
    "RoleQuery",
    "ScoredPerson",
    "ScoredRole",
    "candidate_count",
    "candidate_page",
    "role_count",
    "role_page",
]

CANDIDATES = query("match/candidates")
CANDIDATE_COUNT = query("match/candidate_count")
ROLES = query("match/roles")
ROLE_COUNT = query("match/role_count")
ROLE_TEXT = query("match/role_text")


@dataclass(frozen=True)
class CandidateKey:
    """Where a page starts: strictly after this (covered, essential, verified, id)."""

    covered: int
    essential: int
    verified: int
    person_id: str


@dataclass(frozen=True)
class ScoredPerson:
    person: Record
    covered: int
    essential_met: int
    verified_skills: int
    evidence: Evidence


def _params(
    reqs: Sequence[Mapping[str, Any]],
    as_of: datetime,
    verified_only: bool,
    min_covered: int,
    visibilities: Sequence[str],
) -> dict[str, Any]:
    return {
        "reqs": list(reqs),
        "visibilities": list(visibilities),
        "asOf": as_of,
        "verifiedOnly": verified_only,
        "minCovered": min_covered,
    }


async def candidate_page(
    db: Database,
    reqs: Sequence[Mapping[str, Any]],
    *,
    as_of: datetime,
    verified_only: bool,
    min_covered: int,
    visibilities: Sequence[str],
    after: CandidateKey | None,
    limit: int,
) -> list[ScoredPerson]:
    """``reqs``: [{skills, level, units, essential}] (see match/_scores.cypher); only people
    whose visibility is one of ``visibilities`` (the permission hook's) are ranked. Each
    person comes with the evidence of the skills in ``reqs`` only, which is all that explains
    a match."""
    rows = await db.read(
        CANDIDATES,
        {
            **_params(reqs, as_of, verified_only, min_covered, visibilities),
            "afterCovered": after.covered if after else None,
            "afterEssential": after.essential if after else None,
            "afterVerified": after.verified if after else None,
            "afterId": after.person_id if after else None,
            "limit": limit,
            # Each page row's evidence, narrowed to the skills the requirements judge.
            "relevant": sorted({sid for req in reqs for sid in req["skills"]}),
        },
    )
    return [
        ScoredPerson(
            person=row["person"],
            covered=int(row["covered"]),
            essential_met=int(row["essentialMet"]),
            verified_skills=int(row["verifiedSkills"]),
            evidence=evidence_of(row),
        )
        for row in rows
    ]


async def candidate_count(
    db: Database,
    reqs: Sequence[Mapping[str, Any]],
    *,
    as_of: datetime,
    verified_only: bool,
    min_covered: int,
    visibilities: Sequence[str],
) -> int:
    params = _params(reqs, as_of, verified_only, min_covered, visibilities)
    rows = await db.read(CANDIDATE_COUNT, params)
    return int(rows[0]["total"]) if rows else 0


@dataclass(frozen=True)
class RoleQuery:
    """Roles for one person: ``held`` maps skill id to held level (from the domain)."""

    held: Mapping[str, int]
    essential_units: int
    optional_units: int
    kinds: list[str] | None = None
    text: str | None = None
    min_coverage: float = 0.0


@dataclass(frozen=True)
class ScoredRole:
    role: Record
    coverage: float
    essential_coverage: float
    missing: int


async def _role_params(db: Database, q: RoleQuery) -> dict[str, Any]:
    text_ids: list[str] = []
    if q.text is not None:
        rows = await db.read(ROLE_TEXT, {"text": q.text})
        text_ids = list(rows[0]["ids"]) if rows else []
    return {
        "skills": sorted(q.held),
        "held": dict(q.held),
        "essentialUnits": q.essential_units,
        "optionalUnits": q.optional_units,
        "kinds": q.kinds,
        "text": q.text,
        "textIds": text_ids,
        "minCoverage": q.min_coverage,
    }


async def role_page(
    db: Database,
    q: RoleQuery,
    *,
    after: tuple[float, float, str] | None,
    limit: int,
) -> list[ScoredRole]:
    """Best first: coverage, essential coverage (descending), then id; ranked in Cypher."""
    params = await _role_params(db, q)
    rows = await db.read(
        ROLES,
        {
            **params,
            "afterCoverage": after[0] if after else None,
            "afterEssential": after[1] if after else None,
            "afterId": after[2] if after else None,
            "limit": limit,
        },
    )
    return [
        ScoredRole(
            role=row["role"],
            coverage=float(row["coverage"]),
            essential_coverage=float(row["essentialCoverage"]),
            missing=int(row["missing"]),
        )
        for row in rows
    ]


async def role_count(db: Database, q: RoleQuery) -> int:
    rows = await db.read(ROLE_COUNT, await _role_params(db, q))
    return int(rows[0]["total"]) if rows else 0
