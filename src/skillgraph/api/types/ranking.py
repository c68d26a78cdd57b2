"""Single credentials ranked for a gap: `credentialsForGap`."""

from __future__ import annotations

import strawberry

from skillgraph.analysis.ranking import rank_credentials
from skillgraph.api.context import Info
from skillgraph.api.pagination import (
    Connection,
    decode_cursor,
    encode_cursor,
    page_info,
    page_size,
)
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.plan import PlanOptionsInput, request_of, skills_of
from skillgraph.api.types.skill import Skill
from skillgraph.model.ids import NodeType

__all__ = ["CredentialGapConnection", "CredentialGapEdge", "ranked_for"]


@strawberry.type(description="A credential ranked by how much of a gap it closes.")
class CredentialGapEdge:
    cursor: str
    node: Credential
    closed_weight: float = strawberry.field(description="Weight of missing requirements closed.")
    score: float = strawberry.field(
        description="closedWeight per unit of the objective: COST closedWeight/(1+cost), "
        "HOURS closedWeight/(1+hours), COUNT closedWeight. An unknown cost (hours) counts "
        "as one more than the highest known one among the ranked credentials."
    )
    _closes: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The missing requirements it closes on its own.")
    async def closes(self, info: Info) -> list[Skill]:
        return await skills_of(info, self._closes)


@strawberry.type(description="Credentials ranked for a gap, best first.")
class CredentialGapConnection(Connection[CredentialGapEdge]):
    pass


async def ranked_for(
    info: Info,
    person_id: str,
    role_id: str,
    options: PlanOptionsInput | None,
    first: int | None,
    after: str | None,
) -> CredentialGapConnection:
    ctx = info.context
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, "SCORE")
    ctx.permissions.require_person_details(person_id)
    request, gap = request_of(ctx, options)
    ranked = await rank_credentials(
        ctx.db, person_id, role_id, request, gap.moment(), ctx.permissions.may_see_person
    )
    total = len(ranked)
    if cursor is not None:
        ranked = [
            r
            for r in ranked
            if r.score < cursor.key or (r.score == cursor.key and r.credential_id > cursor.id)
        ]
    page = ranked[:size]
    records = await ctx.loaders.node(NodeType.CREDENTIAL).load_many([r.credential_id for r in page])
    edges = [
        CredentialGapEdge(
            cursor=encode_cursor("SCORE", r.score, r.credential_id),
            node=Credential.from_record(record),
            closed_weight=r.closed_weight,
            score=r.score,
            _closes=r.closes,
        )
        for r, record in zip(page, records, strict=True)
        if record is not None
    ]

    async def count() -> int:
        return total

    return CredentialGapConnection(
        edges=edges,
        page_info=page_info([e.cursor for e in edges], has_next=len(ranked) > size, after=after),
        _total=count,
    )
