from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import Importance, Interval, SkillType
from skillgraph.api.listing import connection, nested_slice
from skillgraph.api.pagination import Connection, Edge
from skillgraph.api.types.node import Node, moment, stored
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store.links import Direction, Link, RelType

if TYPE_CHECKING:
    from skillgraph.api.types.credential import Credential
    from skillgraph.api.types.market import DemandTrend, SkillStats
    from skillgraph.api.types.role import Role

__all__ = ["RelatedSkill", "Skill", "SkillConnection", "SkillEdge", "SkillLevel"]

RoleRef = Annotated["Role", strawberry.lazy("skillgraph.api.types.role")]
CredentialRef = Annotated["Credential", strawberry.lazy("skillgraph.api.types.credential")]
StatsRef = Annotated["SkillStats", strawberry.lazy("skillgraph.api.types.market")]
TrendRef = Annotated["DemandTrend", strawberry.lazy("skillgraph.api.types.market")]

BROADER = Link(NodeType.SKILL, RelType.BROADER, NodeType.SKILL)
NARROWER = Link(NodeType.SKILL, RelType.BROADER, NodeType.SKILL, Direction.IN)
REQUIRED_BY = Link(NodeType.SKILL, RelType.REQUIRES, NodeType.ROLE, Direction.IN)
TAUGHT_BY = Link(NodeType.SKILL, RelType.TEACHES, NodeType.CREDENTIAL, Direction.IN)


@strawberry.type(description="A skill or knowledge concept, aligned to ESCO where `uri` is ESCO's.")
class Skill(Node):
    name: str
    type: SkillType
    # The stored record; store queries that list many skills (requirements) leave out the
    # long text fields, which are then read through the node loader only when selected.
    _record: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Skill:
        return cls(
            id=strawberry.ID(record["id"]),
            uri=record.get("uri"),
            created_at=moment(record["createdAt"]),
            updated_at=moment(record["updatedAt"]),
            name=record["name"],
            type=enums.SkillType(record.get("type") or "SKILL"),
            _record=record,
        )

    @strawberry.field
    async def description(self, info: Info) -> str | None:
        value = await stored(info, NodeType.SKILL, self._record, "description")
        return None if value is None else str(value)

    @strawberry.field(description="Alternative labels (synonyms).")
    async def alt_labels(self, info: Info) -> list[str]:
        return list(await stored(info, NodeType.SKILL, self._record, "altLabels") or [])

    @strawberry.field(description="Labour-market aggregates: demand, supply, credentials.")
    async def stats(self, info: Info) -> StatsRef:
        from skillgraph.api.types.market import skill_stats

        return await skill_stats(info, self.id)

    @strawberry.field(
        description="How many job postings required it per month or quarter from the period "
        "holding `from` to the one holding `to` (at most 120 periods), the change and the "
        "slope. Postings count in the period they were posted (UTC), open or closed."
    )
    async def demand_trend(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        interval: Interval = Interval.MONTH,
    ) -> TrendRef:
        from skillgraph.api.types.market import demand_trend

        return await demand_trend(info, self.id, from_, to, interval)

    @strawberry.field(description="Broader skills in the hierarchy (BROADER).")
    async def broader(self, info: Info) -> list[Skill]:
        rows = await info.context.loaders.children(BROADER).load(self.id)
        return [Skill.from_record(row.node) for row in rows]

    @strawberry.field(description="Narrower skills, by name.")
    async def narrower(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> SkillConnection:
        page = await nested_slice(info.context, NARROWER, self.id, first=first, after=after)
        return connection(SkillConnection, SkillEdge, lambda r: Skill.from_record(r.node), page)

    @strawberry.field(description="Skills linked by ESCO skill-skill relations, either way.")
    async def related(self, info: Info) -> list[RelatedSkill]:
        rows = await info.context.loaders.related.load(self.id)
        return [
            RelatedSkill(
                skill=Skill.from_record(row.node),
                relation_type=row.rel.get("relationType"),
                outgoing=outgoing,
            )
            for row, outgoing in rows
        ]

    @strawberry.field(description="Roles that require this skill directly, by title.")
    async def required_by(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> SkillRequirementConnection:
        from skillgraph.api.types.role import Role

        page = await nested_slice(info.context, REQUIRED_BY, self.id, first=first, after=after)
        return SkillRequirementConnection(
            edges=[
                SkillRequirementEdge(
                    cursor=c,
                    node=Role.from_record(r.node),
                    importance=enums.Importance(r.rel.get("importance") or "ESSENTIAL"),
                    level=int(r.rel.get("level") or 1),
                )
                for c, r in page.items
            ],
            page_info=page.page_info,
            _total=page.total,
        )

    @strawberry.field(description="Credentials that teach this skill, by name.")
    async def taught_by(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> SkillTeachingConnection:
        from skillgraph.api.types.credential import Credential

        page = await nested_slice(info.context, TAUGHT_BY, self.id, first=first, after=after)
        return SkillTeachingConnection(
            edges=[
                SkillTeachingEdge(
                    cursor=c,
                    node=Credential.from_record(r.node),
                    level=int(r.rel.get("level") or 1),
                )
                for c, r in page.items
            ],
            page_info=page.page_info,
            _total=page.total,
        )


@strawberry.type(description="A skill linked by a skill-skill relation.")
class RelatedSkill:
    skill: Skill
    relation_type: str | None = strawberry.field(description="ESCO's relationType, if any.")
    outgoing: bool = strawberry.field(description="True when stored as this skill -> `skill`.")


@strawberry.type(description="A skill at a level (1 awareness ... 5 expert).")
class SkillLevel:
    skill: Skill
    level: int
    extracted: bool = strawberry.field(
        default=False, description="Proposed by skill extraction and not reviewed yet."
    )
    confidence: float | None = strawberry.field(
        default=None, description="The extraction's confidence (extracted links only)."
    )


@strawberry.type
class SkillEdge(Edge[Skill]):
    pass


@strawberry.type(description="A page of skills.")
class SkillConnection(Connection[SkillEdge]):
    pass


@strawberry.type(description="A role requiring the skill, with how much and at what level.")
class SkillRequirementEdge(Edge[RoleRef]):
    importance: Importance
    level: int


@strawberry.type(description="A page of roles requiring a skill.")
class SkillRequirementConnection(Connection[SkillRequirementEdge]):
    pass


@strawberry.type(description="A credential teaching the skill, with the level it reaches.")
class SkillTeachingEdge(Edge[CredentialRef]):
    level: int


@strawberry.type(description="A page of credentials teaching a skill.")
class SkillTeachingConnection(Connection[SkillTeachingEdge]):
    pass
