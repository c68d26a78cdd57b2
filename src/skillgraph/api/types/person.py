from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import AwardStatus, SkillSource, Visibility
from skillgraph.api.pagination import Connection, Edge
from skillgraph.api.permission import PEOPLE_POLICY
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.gap import GapOptionsInput, SkillGap, gap_for
from skillgraph.api.types.node import Node, moment
from skillgraph.api.types.pathway import Pathway, pathway_for
from skillgraph.api.types.plan import CredentialPlan, PlanOptionsInput, plans_for_targets
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.api.types.verification import VerificationType, stored_verification
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store.links import Link, RelType

__all__ = [
    "EARNED",
    "HAS_SKILL",
    "HOLDS",
    "TARGETS",
    "Award",
    "Person",
    "PersonConnection",
    "PersonEdge",
    "PersonSkill",
]

HAS_SKILL = Link(NodeType.PERSON, RelType.HAS_SKILL, NodeType.SKILL)
EARNED = Link(NodeType.PERSON, RelType.EARNED, NodeType.CREDENTIAL)
TARGETS = Link(NodeType.PERSON, RelType.TARGETS, NodeType.ROLE)
HOLDS = Link(NodeType.PERSON, RelType.HOLDS, NodeType.ROLE)


@strawberry.type(description="A learner or candidate. " + " ".join(PEOPLE_POLICY))
class Person(Node):
    name: str
    headline: str | None
    visibility: Visibility = strawberry.field(
        description="PRIVATE: the person and ADMIN only. MATCHABLE: also job boards, through "
        "matching (candidatesForRole) only. PUBLIC: also other people, editors and job boards "
        "on every path."
    )
    email_visible: bool = strawberry.field(
        description="Whether job boards may see the email of this MATCHABLE/PUBLIC person. "
        + PEOPLE_POLICY[2]
    )
    _record: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Person:
        return cls(
            id=strawberry.ID(record["id"]),
            uri=record.get("uri"),
            created_at=moment(record["createdAt"]),
            updated_at=moment(record["updatedAt"]),
            name=record["name"],
            headline=record.get("headline"),
            visibility=enums.Visibility(record.get("visibility") or "PRIVATE"),
            email_visible=bool(record.get("emailVisible")),
            _record=record,
        )

    @strawberry.field(
        description="Null unless the caller may see this person's email: ADMIN, the person "
        "themself, and a JOB_BOARD when the person set emailVisible."
    )
    def email(self, info: Info) -> str | None:
        if not info.context.permissions.can_read_private(self._record):
            return None
        email: str | None = self._record.get("email")
        return email

    @strawberry.field(description="Skills the person declares (not those earned via credentials).")
    async def skills(self, info: Info) -> list[PersonSkill]:
        rows = await info.context.loaders.children(HAS_SKILL).load(self.id)
        return [
            PersonSkill(
                skill=Skill.from_record(r.node),
                level=int(r.rel.get("level") or 1),
                source=enums.SkillSource(r.rel.get("source") or "SELF"),
                updated_at=r.rel.get("updatedAt"),
                extracted=bool(r.rel.get("extracted")),
                confidence=r.rel.get("confidence"),
            )
            for r in rows
        ]

    @strawberry.field(
        description="Credentials awarded to the person, active or not, each with its badge's "
        "verification. verifiedOnly: only awards that are verified now (see Award.verified)."
    )
    async def credentials(self, info: Info, verified_only: bool = False) -> list[Award]:
        rows = await info.context.loaders.children(EARNED).load(self.id)
        awards = [
            Award(
                credential=Credential.from_record(r.node),
                issued_at=r.rel["issuedAt"],
                expires_at=r.rel.get("expiresAt"),
                status=enums.AwardStatus(r.rel.get("status") or "ACTIVE"),
                evidence_url=r.rel.get("evidenceUrl"),
                verification=stored_verification(r.rel),
                revoked_reason=r.rel.get("revokedReason"),
                revoked_seen_at=r.rel.get("revokedSeenAt"),
            )
            for r in rows
        ]
        return [a for a in awards if a.verified()] if verified_only else awards

    @strawberry.field(description="This person's skill gap for a role (see Query.skillGap).")
    async def gap(
        self, info: Info, role_id: strawberry.ID, options: GapOptionsInput | None = None
    ) -> SkillGap:
        result, _ = await gap_for(info, self.id, role_id, options)
        return result

    @strawberry.field(
        description="For each role the person targets: the gap and the plan that closes it."
    )
    async def plans(self, info: Info, options: PlanOptionsInput | None = None) -> list[TargetPlan]:
        info.context.permissions.require_person_details(self.id)
        rows = await info.context.loaders.children(TARGETS).load(self.id)
        gap_options = options.gap if options is not None else None
        role_ids = [row.node["id"] for row in rows]
        plans = await plans_for_targets(info, self.id, role_ids, options)
        # Together, so the loaders batch the gaps' reads.
        gaps = await asyncio.gather(*(gap_for(info, self.id, r, gap_options) for r in role_ids))
        return [
            TargetPlan(role=Role.from_record(row.node), gap=gap, plan=plan)
            for row, (gap, _), plan in zip(rows, gaps, plans, strict=True)
        ]

    @strawberry.field(
        description="One plan toward several roles at once (see Query.pathway); by default "
        "toward every role the person targets. Null when no role is given and none is "
        "targeted."
    )
    async def pathway(
        self,
        info: Info,
        role_ids: list[strawberry.ID] | None = None,
        options: PlanOptionsInput | None = None,
    ) -> Pathway | None:
        info.context.permissions.require_person_details(self.id)
        if role_ids is None:
            rows = await info.context.loaders.children(TARGETS).load(self.id)
            role_ids = [strawberry.ID(row.node["id"]) for row in rows]
            if not role_ids:
                return None
        return await pathway_for(info, self.id, role_ids, options)

    @strawberry.field(description="Roles the person is aiming for (the person and admins).")
    async def targets(self, info: Info) -> list[Role]:
        info.context.permissions.require_person_details(self.id)
        rows = await info.context.loaders.children(TARGETS).load(self.id)
        return [Role.from_record(r.node) for r in rows]

    @strawberry.field(
        description="Roles the person works in now (the person and admins). Credential "
        "outcomes count earners who hold or target a role the credential serves."
    )
    async def held_roles(self, info: Info) -> list[Role]:
        info.context.permissions.require_person_details(self.id)
        rows = await info.context.loaders.children(HOLDS).load(self.id)
        return [Role.from_record(r.node) for r in rows]


@strawberry.type(description="A role a person targets, with their gap and plan for it.")
class TargetPlan:
    role: Role
    gap: SkillGap
    plan: CredentialPlan


@strawberry.type(description="A skill a person declares, at a level.")
class PersonSkill:
    skill: Skill
    level: int
    source: SkillSource
    updated_at: datetime | None
    extracted: bool = strawberry.field(
        default=False, description="Read from a CV by addPersonSkillsFromText."
    )
    confidence: float | None = strawberry.field(
        default=None, description="The extraction's confidence (extracted skills only)."
    )


@strawberry.type(description="A credential awarded to a person (EARNED).")
class Award:
    credential: Credential
    issued_at: datetime
    expires_at: datetime | None
    status: AwardStatus
    evidence_url: str | None
    verification: VerificationType = strawberry.field(
        description="What verifying the badge found when it was imported (or when a status "
        "list was last imported); UNVERIFIED with no checks for an award entered by hand."
    )
    revoked_reason: str | None = strawberry.field(
        description="Why the issuer revoked it, as its status list says."
    )
    revoked_seen_at: datetime | None = strawberry.field(
        description="When SkillGraph first saw the issuer's revocation."
    )

    @strawberry.field(description="ACTIVE and not expired now.")
    def active(self) -> bool:
        expired = self.expires_at is not None and self.expires_at <= datetime.now(UTC)
        return self.status is enums.AwardStatus.ACTIVE and not expired

    @strawberry.field(
        description="Verified evidence: active now and its badge's verification is VERIFIED. "
        "Only verified awards count for requireVerified and verifiedSkills."
    )
    def verified(self) -> bool:
        return self.active() and self.verification.status.value == "VERIFIED"


@strawberry.type
class PersonEdge(Edge[Person]):
    pass


@strawberry.type(description="A page of people.")
class PersonConnection(Connection[PersonEdge]):
    pass
