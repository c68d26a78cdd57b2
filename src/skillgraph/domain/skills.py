"""The skills a person holds at a moment: declared skills plus skills taught by valid awards."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType

from skillgraph.domain.errors import DomainInputError
from skillgraph.domain.levels import check_level, level_or_default
from skillgraph.model.enums import AwardStatus, SkillSource

__all__ = [
    "Award",
    "DeclaredSkill",
    "EvidenceKind",
    "HeldSkill",
    "SkillEvidence",
    "after_earning",
    "held_levels",
    "held_skills",
]


class EvidenceKind(StrEnum):
    """Where a held level comes from: a declared source, or an earned credential."""

    SELF = "SELF"
    ASSESSED = "ASSESSED"
    ENDORSED = "ENDORSED"
    CREDENTIAL = "CREDENTIAL"


def _aware(value: datetime) -> datetime:
    # Naive times are UTC, as for AwardWrite.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@dataclass(frozen=True)
class DeclaredSkill:
    """A HAS_SKILL claim; ``level`` None means 1. Raises DomainInputError on a bad level/source."""

    skill_id: str
    level: int | None = None
    source: SkillSource = SkillSource.SELF

    def __post_init__(self) -> None:
        level_or_default(self.level, f"level of declared skill {self.skill_id}")
        try:
            object.__setattr__(self, "source", SkillSource(self.source))
        except ValueError:
            raise DomainInputError(
                f"source of declared skill {self.skill_id} must be SELF, ASSESSED or ENDORSED, "
                f"got {self.source!r}"
            ) from None


@dataclass(frozen=True, eq=False)
class Award:
    """An EARNED credential. ``taught`` maps skill id to level (None means 1). ``verified``:
    its badge's verification is VERIFIED (signature, issuer key, issuer, validity, status).

    Naive datetimes are taken as UTC.
    """

    credential_id: str
    status: AwardStatus
    issued_at: datetime
    expires_at: datetime | None = None
    taught: Mapping[str, int | None] = field(default_factory=dict)
    verified: bool = False

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "status", AwardStatus(self.status))
        except ValueError:
            raise DomainInputError(
                f"status of award {self.credential_id} must be ACTIVE or REVOKED, "
                f"got {self.status!r}"
            ) from None
        levels = {
            skill_id: level_or_default(level, f"level {self.credential_id} teaches {skill_id}")
            for skill_id, level in self.taught.items()
        }
        object.__setattr__(self, "taught", MappingProxyType(levels))

    def counts_at(self, as_of: datetime) -> bool:
        """ACTIVE, issued at or before ``as_of``, and expiring strictly after it (or never)."""
        moment = _aware(as_of)
        if self.status is not AwardStatus.ACTIVE or _aware(self.issued_at) > moment:
            return False
        return self.expires_at is None or _aware(self.expires_at) > moment


@dataclass(frozen=True)
class SkillEvidence:
    """One source of a held skill; ``credential_id`` is set only for kind CREDENTIAL, and
    ``verified`` only for an award whose badge is VERIFIED."""

    kind: EvidenceKind
    level: int
    credential_id: str | None = None
    verified: bool = False


@dataclass(frozen=True)
class HeldSkill:
    """``level`` is the maximum over ``sources``.

    ``sources`` is ordered by level (highest first), then kind, then credential id.
    """

    skill_id: str
    level: int
    sources: tuple[SkillEvidence, ...]

    @property
    def verified(self) -> bool:
        """Backed by at least one award that counts at the evaluation time and whose badge
        is VERIFIED. Declared skills and awards entered by hand are never verified."""
        return any(source.verified for source in self.sources)


def _evidence_order(evidence: SkillEvidence) -> tuple[int, int, str]:
    kinds = list(EvidenceKind)
    return (-evidence.level, kinds.index(evidence.kind), evidence.credential_id or "")


def held_skills(
    declared: Iterable[DeclaredSkill], awards: Iterable[Award], as_of: datetime
) -> dict[str, HeldSkill]:
    """Every skill held at ``as_of``, keyed and ordered by skill id.

    An award counts when ``Award.counts_at(as_of)``; each skill it teaches adds a CREDENTIAL
    source. The held level is the highest level of any source. Identical sources (the same
    credential earned twice) are listed once.
    """
    evidence: dict[str, set[SkillEvidence]] = {}
    for claim in declared:
        level = level_or_default(claim.level, f"level of declared skill {claim.skill_id}")
        kind = EvidenceKind(claim.source.value)
        evidence.setdefault(claim.skill_id, set()).add(SkillEvidence(kind, level))
    for award in awards:
        if not award.counts_at(as_of):
            continue
        for skill_id, taught in award.taught.items():
            level = check_level(taught, f"level {award.credential_id} teaches {skill_id}")
            source = SkillEvidence(
                EvidenceKind.CREDENTIAL, level, award.credential_id, verified=award.verified
            )
            evidence.setdefault(skill_id, set()).add(source)
    held: dict[str, HeldSkill] = {}
    for skill_id in sorted(evidence):
        sources = tuple(sorted(evidence[skill_id], key=_evidence_order))
        held[skill_id] = HeldSkill(skill_id, sources[0].level, sources)
    return held


def held_levels(held: Mapping[str, HeldSkill]) -> dict[str, int]:
    """Skill id -> held level, the shape the planner takes."""
    return {skill_id: skill.level for skill_id, skill in held.items()}


def after_earning(
    held: Mapping[str, HeldSkill], earned: Iterable[tuple[str, Mapping[str, int]]]
) -> dict[str, HeldSkill]:
    """What is held once each (credential id, skill id -> taught level) of ``earned`` is
    earned: ``held`` plus a CREDENTIAL source per taught skill, merged as ``held_skills``
    merges them (keyed and ordered by skill id)."""
    evidence: dict[str, set[SkillEvidence]] = {s: set(h.sources) for s, h in held.items()}
    for credential_id, taught in earned:
        for skill_id, level in taught.items():
            source = SkillEvidence(EvidenceKind.CREDENTIAL, level, credential_id)
            evidence.setdefault(skill_id, set()).add(source)
    after: dict[str, HeldSkill] = {}
    for skill_id in sorted(evidence):
        sources = tuple(sorted(evidence[skill_id], key=_evidence_order))
        after[skill_id] = HeldSkill(skill_id, sources[0].level, sources)
    return after
