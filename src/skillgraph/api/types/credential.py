from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON

from skillgraph.api.context import Info
from skillgraph.api.enums import CredentialFormat, CredentialKind, CredentialStatus
from skillgraph.api.pagination import Connection, Edge
from skillgraph.api.types.node import Money, Node, moment
from skillgraph.api.types.skill import Skill, SkillLevel
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store.links import Direction, Link, RelType

if TYPE_CHECKING:
    from skillgraph.api.types.provider import Provider
    from skillgraph.api.types.value import CredentialValue

__all__ = ["Credential", "CredentialConnection", "CredentialEdge"]

ProviderRef = Annotated["Provider", strawberry.lazy("skillgraph.api.types.provider")]
ValueRef = Annotated["CredentialValue", strawberry.lazy("skillgraph.api.types.value")]

OFFERED_BY = Link(NodeType.CREDENTIAL, RelType.OFFERS, NodeType.PROVIDER, Direction.IN)
TEACHES = Link(NodeType.CREDENTIAL, RelType.TEACHES, NodeType.SKILL)
PREREQUISITES = Link(NodeType.CREDENTIAL, RelType.REQUIRES, NodeType.SKILL)
ENDORSED_BY = Link(NodeType.CREDENTIAL, RelType.ENDORSES, NodeType.PROVIDER, Direction.IN)


@strawberry.type(
    description="A micro-credential (badge, nanodegree, certificate ...) offered by a provider."
)
class Credential(Node):
    name: str
    description: str | None
    kind: CredentialKind
    cost: Money | None = strawberry.field(description="Price to earn it; null when unknown.")
    duration_hours: float | None = strawberry.field(description="Expected learning hours.")
    format: CredentialFormat
    validity_months: int | None = strawberry.field(
        description="How long an award stays valid; null = does not expire."
    )
    url: str | None
    status: CredentialStatus
    alt_labels: list[str]
    _record: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Credential:
        amount = record.get("costAmount")
        return cls(
            id=strawberry.ID(record["id"]),
            uri=record.get("uri"),
            created_at=moment(record["createdAt"]),
            updated_at=moment(record["updatedAt"]),
            name=record["name"],
            description=record.get("description"),
            kind=enums.CredentialKind(record.get("kind") or "OTHER"),
            cost=Money(amount=Decimal(amount), currency=record["costCurrency"])
            if amount is not None
            else None,
            duration_hours=record.get("durationHours"),
            format=enums.CredentialFormat(record.get("format") or "ONLINE"),
            validity_months=record.get("validityMonths"),
            url=record.get("url"),
            status=enums.CredentialStatus(record.get("status") or "ACTIVE"),
            alt_labels=list(record.get("altLabels") or []),
            _record=record,
        )

    @strawberry.field(
        description="Whether it is worth it: demand, market gap closed, cost and hours per "
        "demanded skill, trust, outcomes, overlap and one composite score, as of the last "
        "`skillgraph stats refresh`; null until a refresh has run since it was created."
    )
    async def value(self, info: Info) -> ValueRef | None:
        from skillgraph.api.types.value import credential_value

        record = self._record
        if "valueScore" not in record:  # a light record: read the whole node (batched)
            record = await info.context.loaders.node(NodeType.CREDENTIAL).load(self.id) or {}
        return credential_value(record)

    @strawberry.field(description="Who issues it.")
    async def provider(self, info: Info) -> ProviderRef | None:
        from skillgraph.api.types.provider import Provider

        rows = await info.context.loaders.children(OFFERED_BY).load(self.id)
        return Provider.from_record(rows[0].node) if rows else None

    @strawberry.field(description="Skills it teaches, each at the level it reaches.")
    async def teaches(self, info: Info) -> list[SkillLevel]:
        rows = await info.context.loaders.children(TEACHES).load(self.id)
        return [
            SkillLevel(
                skill=Skill.from_record(r.node),
                level=int(r.rel.get("level") or 1),
                extracted=bool(r.rel.get("extracted")),
                confidence=r.rel.get("confidence"),
            )
            for r in rows
        ]

    @strawberry.field(description="Skills (at levels) a learner must hold before starting.")
    async def prerequisites(self, info: Info) -> list[SkillLevel]:
        rows = await info.context.loaders.children(PREREQUISITES).load(self.id)
        return [
            SkillLevel(skill=Skill.from_record(r.node), level=int(r.rel.get("level") or 1))
            for r in rows
        ]

    @strawberry.field(
        description="This credential as an Open Badges 3.0 Achievement (JSON-LD): one "
        "alignment per taught skill, targetFramework ESCO where the skill's uri is ESCO's."
    )
    async def open_badge(self, info: Info) -> JSON | None:
        document = await info.context.loaders.open_badges.load(self.id)
        return None if document is None else JSON(document)

    @strawberry.field(description="Employers and bodies that recognise it.")
    async def endorsed_by(self, info: Info) -> list[ProviderRef]:
        from skillgraph.api.types.provider import Provider

        rows = await info.context.loaders.children(ENDORSED_BY).load(self.id)
        return [Provider.from_record(r.node) for r in rows]


@strawberry.type
class CredentialEdge(Edge[Credential]):
    pass


@strawberry.type(description="A page of credentials.")
class CredentialConnection(Connection[CredentialEdge]):
    pass
