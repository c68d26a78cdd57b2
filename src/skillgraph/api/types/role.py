from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from skillgraph.analysis.gap import ordered_requirements
from skillgraph.api.context import Info
from skillgraph.api.enums import Importance, RoleKind
from skillgraph.api.listing import connection, nested_slice
from skillgraph.api.pagination import Connection, Edge
from skillgraph.api.types.node import Node, moment
from skillgraph.api.types.skill import Skill
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store.links import Direction, Link, RelType

__all__ = ["Role", "RoleConnection", "RoleEdge", "RoleRequirement"]

OCCUPATION = Link(NodeType.ROLE, RelType.SPECIALIZES, NodeType.ROLE)
POSTINGS = Link(NodeType.ROLE, RelType.SPECIALIZES, NodeType.ROLE, Direction.IN)


@strawberry.type(description="An occupation (ESCO) or a concrete job posting that specialises one.")
class Role(Node):
    title: str
    description: str | None
    kind: RoleKind
    employer: str | None
    location: str | None
    remote: bool | None
    isco_group: str | None = strawberry.field(description="ISCO-08 group code, e.g. 2512.")
    alt_labels: list[str]
    posted_at: datetime | None = strawberry.field(
        description="JOB_POSTING only: when it was published (its creation time unless given)."
    )
    closed_at: datetime | None = strawberry.field(
        description="JOB_POSTING only: when it stopped taking applications; null while open."
    )

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Role:
        posting = record.get("kind") == enums.RoleKind.JOB_POSTING.value
        created = moment(record["createdAt"])
        return cls(
            id=strawberry.ID(record["id"]),
            uri=record.get("uri"),
            created_at=created,
            updated_at=moment(record["updatedAt"]),
            title=record["title"],
            description=record.get("description"),
            kind=enums.RoleKind(record.get("kind") or "OCCUPATION"),
            employer=record.get("employer"),
            location=record.get("location"),
            remote=record.get("remote"),
            isco_group=record.get("iscoGroup"),
            alt_labels=list(record.get("altLabels") or []),
            posted_at=(record.get("postedAt") or created) if posting else None,
            closed_at=record.get("closedAt") if posting else None,
        )

    @strawberry.field(
        description="JOB_POSTING only: posted and not closed now (false for occupations)."
    )
    def active(self) -> bool:
        if self.kind is not enums.RoleKind.JOB_POSTING:
            return False
        now = datetime.now(UTC)
        posted = self.posted_at is None or self.posted_at <= now
        return posted and (self.closed_at is None or self.closed_at > now)

    @strawberry.field(
        description="Effective requirements: the occupation's (inherited) plus the role's own; "
        "on the same skill the role's own requirement wins. Ordered by skill name, then skill id."
    )
    async def requirements(self, info: Info) -> list[RoleRequirement]:
        rows = await info.context.loaders.requirements.load(self.id)
        skills = {row["skill"]["id"]: row["skill"] for row in rows}
        own = {row["skill"]["id"]: row for row in rows if not row["inherited"]}
        effective = ordered_requirements(
            [
                (s["id"], s.get("sortKey"), row["importance"], row["level"], row["inherited"])
                for row in rows
                for s in (row["skill"],)
            ]
        )
        return [
            RoleRequirement(
                skill=Skill.from_record(skills[r.skill_id]),
                importance=r.importance,
                level=r.level,
                inherited=r.inherited,
                extracted=not r.inherited and bool(own[r.skill_id].get("extracted")),
                confidence=None if r.inherited else own[r.skill_id].get("confidence"),
            )
            for r in effective
        ]

    @strawberry.field(description="The occupation this posting specialises, if any.")
    async def occupation(self, info: Info) -> Role | None:
        rows = await info.context.loaders.children(OCCUPATION).load(self.id)
        return Role.from_record(rows[0].node) if rows else None

    @strawberry.field(description="Job postings that specialise this occupation, by title.")
    async def postings(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> RoleConnection:
        page = await nested_slice(info.context, POSTINGS, self.id, first=first, after=after)
        return connection(RoleConnection, RoleEdge, lambda r: Role.from_record(r.node), page)


@strawberry.type(description="A skill a role requires, how much, and at what level.")
class RoleRequirement:
    skill: Skill
    importance: Importance
    level: int = strawberry.field(description="Required level, 1..5.")
    inherited: bool = strawberry.field(
        description="True when it comes from the occupation the posting specialises."
    )
    extracted: bool = strawberry.field(
        default=False,
        description="Proposed by upsertRole(extractRequirements) and not reviewed yet: accept "
        "with setRoleRequirement, reject with removeRoleRequirement.",
    )
    confidence: float | None = strawberry.field(
        default=None, description="The extraction's confidence (extracted requirements only)."
    )


@strawberry.type
class RoleEdge(Edge[Role]):
    pass


@strawberry.type(description="A page of roles.")
class RoleConnection(Connection[RoleEdge]):
    pass
