"""Candidate ranking for a role (in Cypher, over MATCHABLE and PUBLIC people only) and the
roles that share skills with a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record

__all__ = ["CandidateKey", "ScoredPerson", "candidate_count", "candidate_page", "roles_sharing"]

CANDIDATES = query("match/candidates")
CANDIDATE_COUNT = query("match/candidate_count")
ROLES_SHARING = query("match/roles_sharing")
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


def _params(
    reqs: Sequence[Mapping[str, Any]], as_of: datetime, verified_only: bool, min_covered: int
) -> dict[str, Any]:
    return {
        "reqs": list(reqs),
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
    after: CandidateKey | None,
    limit: int,
) -> list[ScoredPerson]:
    """``reqs``: [{skills, level, units, essential}] (see match/_scores.cypher)."""
    rows = await db.read(
        CANDIDATES,
        {
            **_params(reqs, as_of, verified_only, min_covered),
            "afterCovered": after.covered if after else None,
            "afterEssential": after.essential if after else None,
            "afterVerified": after.verified if after else None,
            "afterId": after.person_id if after else None,
            "limit": limit,
        },
    )
    return [
        ScoredPerson(
            person=row["person"],
            covered=int(row["covered"]),
            essential_met=int(row["essentialMet"]),
            verified_skills=int(row["verifiedSkills"]),
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
) -> int:
    rows = await db.read(CANDIDATE_COUNT, _params(reqs, as_of, verified_only, min_covered))
    return int(rows[0]["total"]) if rows else 0


async def roles_sharing(
    db: Database, skills: Sequence[str], *, kinds: list[str] | None, text: str | None
) -> list[str]:
    """Ids of roles whose effective requirements include one of ``skills``."""
    text_ids: list[str] = []
    if text is not None:
        rows = await db.read(ROLE_TEXT, {"text": text})
        text_ids = list(rows[0]["ids"]) if rows else []
    rows = await db.read(
        ROLES_SHARING,
        {"skills": list(skills), "kinds": kinds, "text": text, "textIds": text_ids},
    )
    return [row["id"] for row in rows]
