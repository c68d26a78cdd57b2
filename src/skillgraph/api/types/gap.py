"""Skill gap types: `skillGap`, `Person.gap`."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from skillgraph.analysis.gap import GapInputs, skill_gap
from skillgraph.api.bounds import WEIGHT
from skillgraph.api.context import Context, Info
from skillgraph.api.enums import Importance
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.domain.gap import Gap, GapOptions, RequirementMatch
from skillgraph.domain.skills import EvidenceKind, SkillEvidence
from skillgraph.errors import NotFound
from skillgraph.model.ids import NodeType

if TYPE_CHECKING:
    from skillgraph.api.types.person import Person

__all__ = [
    "GapOptionsInput",
    "RequirementMatchType",
    "SkillGap",
    "gap_for",
    "gap_inputs",
    "gap_view",
    "to_match",
]

PersonRef = Annotated["Person", strawberry.lazy("skillgraph.api.types.person")]

strawberry.enum(EvidenceKind, description="Where a held level comes from.")


@strawberry.input(description="How a gap is judged.")
class GapOptionsInput:
    match_narrower: bool = strawberry.field(
        default=False,
        description="A held skill up to two levels narrower than a required one meets it too.",
    )
    essential_weight: float = strawberry.field(
        default=1.0, description=f"Weight of ESSENTIAL requirements, {WEIGHT.text()}."
    )
    optional_weight: float = strawberry.field(
        default=0.25, description=f"Weight of OPTIONAL requirements, {WEIGHT.text()}."
    )
    as_of: datetime | None = strawberry.field(
        default=None, description="Judge held skills at this moment (default: now)."
    )

    def domain(self, field: str = "options") -> GapOptions:
        """BAD_USER_INPUT (naming ``{field}.essentialWeight`` ...) outside the ranges."""
        return GapOptions(
            match_narrower=self.match_narrower,
            essential_weight=WEIGHT.check(self.essential_weight, f"{field}.essentialWeight"),
            optional_weight=WEIGHT.check(self.optional_weight, f"{field}.optionalWeight"),
        )

    def moment(self) -> datetime:
        return self.as_of or datetime.now(UTC)


@strawberry.type(name="SkillEvidence", description="One source of a held skill.")
class SkillEvidenceType:
    kind: EvidenceKind
    level: int
    verified: bool = strawberry.field(
        description="From an award whose badge verification is VERIFIED; declared skills and "
        "awards entered by hand never are."
    )
    _credential_id: strawberry.Private[str | None]

    @strawberry.field(description="The earned credential, for kind CREDENTIAL.")
    async def credential(self, info: Info) -> Credential | None:
        if self._credential_id is None:
            return None
        record = await info.context.loaders.node(NodeType.CREDENTIAL).load(self._credential_id)
        return Credential.from_record(record) if record else None


@strawberry.type(name="RequirementMatch", description="A role requirement judged against a person.")
class RequirementMatchType:
    skill: Skill
    importance: Importance
    required_level: int
    held_level: int | None = strawberry.field(
        description="The held level of the skill that met it, or of the required skill when "
        "held too low; null when not held at all."
    )
    sources: list[SkillEvidenceType] = strawberry.field(description="Why held_level is held.")
    inherited: bool = strawberry.field(description="From the occupation a posting specialises.")
    _via: strawberry.Private[str | None]

    @strawberry.field(description="The narrower skill that met it (with matchNarrower).")
    async def matched_via(self, info: Info) -> Skill | None:
        if self._via is None:
            return None
        record = await info.context.loaders.node(NodeType.SKILL).load(self._via)
        return Skill.from_record(record) if record else None


@strawberry.type(description="Which of a role's effective requirements a person meets.")
class SkillGap:
    person: PersonRef
    role: Role
    coverage: float = strawberry.field(
        description="Weighted share of requirements met, 0..1 (ESSENTIAL weighs "
        "essentialWeight, OPTIONAL optionalWeight); 1 when the role asks nothing."
    )
    essential_coverage: float = strawberry.field(
        description="Share of ESSENTIAL requirements met, 0..1; 1 when there are none."
    )
    met: list[RequirementMatchType]
    missing: list[RequirementMatchType]


def to_match(match: RequirementMatch, skills: dict[str, Any]) -> RequirementMatchType:
    return RequirementMatchType(
        skill=Skill.from_record(skills[match.skill_id]),
        importance=match.importance,
        required_level=match.required_level,
        held_level=match.held_level,
        sources=[_evidence(e) for e in match.sources],
        inherited=match.inherited,
        _via=match.matched_via,
    )


def _evidence(evidence: SkillEvidence) -> SkillEvidenceType:
    return SkillEvidenceType(
        kind=evidence.kind,
        level=evidence.level,
        verified=evidence.verified,
        _credential_id=evidence.credential_id,
    )


def gap_inputs(ctx: Context) -> GapInputs:
    loaders = ctx.loaders

    async def narrower(ids: Any) -> dict[str, frozenset[str]]:
        found = await loaders.narrower.load_many(list(ids))
        return dict(zip(ids, found, strict=True))

    return GapInputs(
        evidence=loaders.evidence.load, requirements=loaders.requirements.load, narrower=narrower
    )


async def gap_for(
    info: Info, person_id: str, role_id: str, options: GapOptionsInput | None
) -> tuple[SkillGap, Gap]:
    """NOT_FOUND for an unknown person or role."""

    ctx = info.context
    ctx.permissions.require_person_details(person_id)
    # Both in one go: each primes the node loader with its person or role.
    await asyncio.gather(
        ctx.loaders.evidence.load(person_id), ctx.loaders.requirements.load(role_id)
    )
    person = await ctx.loaders.node(NodeType.PERSON).load(person_id)
    if person is None:
        raise NotFound(f"no Person with id {person_id!r}")
    role = await ctx.loaders.node(NodeType.ROLE).load(role_id)
    if role is None:
        raise NotFound(f"no Role with id {role_id!r}")
    chosen = options or GapOptionsInput()
    gap, _, skills = await skill_gap(
        gap_inputs(ctx), person_id, role_id, chosen.domain(), chosen.moment()
    )
    result = gap_view(person, role, gap, skills)
    return result, gap


def gap_view(
    person: dict[str, Any], role: dict[str, Any], gap: Gap, skills: dict[str, Any]
) -> SkillGap:
    from skillgraph.api.types.person import Person

    return SkillGap(
        person=Person.from_record(person),
        role=Role.from_record(role),
        coverage=gap.coverage,
        essential_coverage=gap.essential_coverage,
        met=[to_match(m, skills) for m in gap.met],
        missing=[to_match(m, skills) for m in gap.missing],
    )
