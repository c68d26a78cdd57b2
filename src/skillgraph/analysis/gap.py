"""Skill gap between a person and a role: the one place that turns stored evidence and
requirements into domain inputs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from skillgraph.domain.gap import (
    Gap,
    GapOptions,
    Requirement,
    effective_requirements,
    evaluate_gap,
)
from skillgraph.domain.skills import Award, DeclaredSkill, HeldSkill, held_skills
from skillgraph.model.enums import AwardStatus, Importance, SkillSource
from skillgraph.store.database import Record, instant
from skillgraph.store.gaps import Evidence

__all__ = ["GapInputs", "held_from", "ordered_requirements", "requirements_from", "skill_gap"]


def held_from(
    evidence: Evidence | None, as_of: datetime, *, verified_only: bool = False
) -> dict[str, HeldSkill]:
    """Held skills at ``as_of``; with ``verified_only`` only verified awards count (declared
    skills and awards whose badge is not VERIFIED are ignored)."""
    if evidence is None:
        return {}
    declared = [
        DeclaredSkill(
            skill_id=row["skillId"],
            level=row.get("level"),
            source=SkillSource(row.get("source") or "SELF"),
        )
        for row in evidence.declared
        if not verified_only
    ]
    awards = [
        Award(
            credential_id=row["credentialId"],
            status=AwardStatus(row.get("status") or "ACTIVE"),
            issued_at=instant(row["issuedAt"]),
            expires_at=instant(row.get("expiresAt")),
            taught={t["skillId"]: t.get("level") for t in row.get("taught") or []},
            verified=row.get("verificationStatus") == "VERIFIED",
        )
        for row in evidence.awards
        if not verified_only or row.get("verificationStatus") == "VERIFIED"
    ]
    return held_skills(declared, awards, as_of)


def requirements_from(rows: Sequence[Record]) -> tuple[Requirement, ...]:
    """Effective requirements from ``links.requirements`` rows (own wins over inherited)."""

    def requirement(row: Record) -> Requirement:
        return Requirement(
            skill_id=row["skill"]["id"],
            importance=Importance(row.get("importance") or "ESSENTIAL"),
            level=int(row.get("level") or 1),
            inherited=bool(row["inherited"]),
        )

    inherited = [requirement(r) for r in rows if r["inherited"]]
    own = [requirement(r) for r in rows if not r["inherited"]]
    return effective_requirements(inherited, own)


def ordered_requirements(
    rows: Sequence[tuple[str, str | None, str | None, int | None, bool]],
) -> list[Requirement]:
    """A role's effective requirements as ``Role.requirements`` lists them: from rows of
    (skill id, skill sort key, importance, level, inherited), own winning over inherited,
    ordered like every list by name: the skill's sort key (its lower-cased name), then id."""
    inherited: list[Requirement] = []
    own: list[Requirement] = []
    keys: dict[str, str] = {}
    for skill_id, sort_key, importance, level, is_inherited in rows:
        keys[skill_id] = sort_key or ""
        (inherited if is_inherited else own).append(
            Requirement(
                skill_id=skill_id,
                importance=Importance(importance or "ESSENTIAL"),
                level=int(level or 1),
                inherited=is_inherited,
            )
        )
    return sorted(
        effective_requirements(inherited, own), key=lambda r: (keys[r.skill_id], r.skill_id)
    )


@dataclass(frozen=True)
class GapInputs:
    """How a gap reads the graph; built over DataLoaders so many gaps batch together."""

    evidence: Callable[[str], Awaitable[Evidence | None]]
    requirements: Callable[[str], Awaitable[list[Record]]]
    narrower: Callable[[Sequence[str]], Awaitable[Mapping[str, frozenset[str]]]]


async def skill_gap(
    inputs: GapInputs,
    person_id: str,
    role_id: str,
    options: GapOptions,
    as_of: datetime,
) -> tuple[Gap, dict[str, HeldSkill], dict[str, Any]]:
    """The gap, the held skills it was judged on, and the skill records of the requirements."""
    evidence = await inputs.evidence(person_id)
    rows = await inputs.requirements(role_id)
    requirements = requirements_from(rows)
    narrower: Mapping[str, frozenset[str]] = {}
    if options.match_narrower and requirements:
        narrower = await inputs.narrower([r.skill_id for r in requirements])
    held = held_from(evidence, as_of)
    skills = {row["skill"]["id"]: row["skill"] for row in rows}
    return evaluate_gap(requirements, held, options, narrower), held, skills
