"""For researchers and type-ahead: relatedSkills, skillPath and search (skillMarket and
Skill.stats are in ``market``). Aggregates only: nothing here reaches a person."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

import strawberry

from skillgraph.analysis.paths import Neighbour, shortest_path
from skillgraph.api.context import Info
from skillgraph.api.filters import text_param
from skillgraph.api.types.node import Node
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import explore
from skillgraph.store.explore import CooccurrenceCache, SearchType

__all__ = ["ExploreQuery"]

strawberry.enum(SearchType, description="What search may return.")


@strawberry.enum(description="Why two skills are related.")
class RelationBasis(Enum):
    EXPLICIT = "EXPLICIT"
    HIERARCHY = "HIERARCHY"
    COOCCURRENCE = "COOCCURRENCE"


@strawberry.type(description="One reason two skills are related, with its own score.")
class RelationReason:
    basis: RelationBasis
    detail: str = strawberry.field(
        description="EXPLICIT: the relationType; HIERARCHY: broader, narrower or sibling; "
        "COOCCURRENCE: how many roles require both."
    )
    score: float


@strawberry.type(
    description="A skill related to another: score is the best of its reasons' scores "
    "(EXPLICIT essential 1.0, other 0.5; HIERARCHY broader/narrower 0.8, sibling 0.4; "
    "COOCCURRENCE the Jaccard similarity of the roles requiring each)."
)
class SkillRelation:
    skill: Skill
    score: float
    reasons: list[RelationReason]


@strawberry.enum(description="How one skill of a path leads to the next.")
class PathLink(Enum):
    BROADER = "BROADER"
    NARROWER = "NARROWER"
    RELATED = "RELATED"
    CO_REQUIRED = "CO_REQUIRED"


@strawberry.type(description="One hop of a skill path.")
class PathHop:
    source: Skill
    target: Skill
    link: PathLink
    via: Role | None = strawberry.field(description="For CO_REQUIRED: a role requiring both.")


@strawberry.type(description="A shortest path; found is false (and lists empty) when none.")
class SkillPath:
    found: bool
    skills: list[Skill]
    hops: list[PathHop]


@strawberry.type(description="A full-text hit.")
class SearchHit:
    type: SearchType
    score: float
    label: str = strawberry.field(description="The name, title or alternative label matched.")
    node: Node


_HIERARCHY = {
    "BROADER": ("broader", 0.8),
    "NARROWER": ("narrower", 0.8),
    "SIBLING": ("sibling", 0.4),
}


def _label(node: dict[str, Any], text: str) -> str:
    words = [w.lower() for w in text.split() if w.strip()]
    primary = str(node.get("name") or node.get("title") or "")
    for label in [primary, *(node.get("altLabels") or [])]:
        if words and all(w in str(label).lower() for w in words):
            return str(label)
    return primary


def _first(first: int, limit: int = 100) -> int:
    if not 1 <= first <= limit:
        raise BadUserInput(f"first must be between 1 and {limit}, got {first}", field="first")
    return first


def _items(values: list[Any] | None, field: str, limit: int) -> None:
    if values is not None and len(values) > limit:
        raise BadUserInput(f"{field} takes at most {limit} items", field=field)


@strawberry.type
class ExploreQuery:
    @strawberry.field(
        description="Skills related to one, by explicit links, the hierarchy and "
        "co-occurrence in role requirements; best first (then name)."
    )
    async def related_skills(
        self,
        info: Info,
        skill_id: strawberry.ID,
        by: list[RelationBasis] | None = None,
        first: int = 10,
    ) -> list[SkillRelation]:
        ctx = info.context
        _first(first)
        _items(by, "by", ctx.settings.max_list_items)
        bases = set(by or list(RelationBasis))
        if await ctx.loaders.node(NodeType.SKILL).load(skill_id) is None:
            raise NotFound(f"no Skill with id {skill_id!r}")
        found: dict[str, tuple[dict[str, Any], list[RelationReason]]] = {}

        def add(skill: dict[str, Any], reason: RelationReason) -> None:
            found.setdefault(skill["id"], (skill, []))[1].append(reason)

        if bases & {RelationBasis.EXPLICIT, RelationBasis.HIERARCHY}:
            for row in await explore.linked(ctx.db, skill_id):
                if row["kind"] == "EXPLICIT" and RelationBasis.EXPLICIT in bases:
                    detail = str(row["detail"] or "")
                    score = 1.0 if detail.upper() == "ESSENTIAL" else 0.5
                    add(
                        row["skill"],
                        RelationReason(basis=RelationBasis.EXPLICIT, detail=detail, score=score),
                    )
                elif row["kind"] in _HIERARCHY and RelationBasis.HIERARCHY in bases:
                    detail, score = _HIERARCHY[row["kind"]]
                    add(
                        row["skill"],
                        RelationReason(basis=RelationBasis.HIERARCHY, detail=detail, score=score),
                    )
        if RelationBasis.COOCCURRENCE in bases:
            cache: CooccurrenceCache = ctx.request.app.state.cooccurrence
            for row in await cache.rows(ctx.db, skill_id, first):
                add(
                    row["skill"],
                    RelationReason(
                        basis=RelationBasis.COOCCURRENCE,
                        detail=f"{row['shared']} shared roles",
                        score=float(row["jaccard"]),
                    ),
                )
        ranked = sorted(
            found.values(),
            key=lambda item: (
                -max(r.score for r in item[1]),
                str(item[0]["name"]).lower(),
                item[0]["id"],
            ),
        )
        return [
            SkillRelation(
                skill=Skill.from_record(skill),
                score=max(r.score for r in reasons),
                reasons=sorted(reasons, key=lambda r: -r.score),
            )
            for skill, reasons in ranked[:first]
        ]

    @strawberry.field(
        description="A shortest path between two skills through BROADER, RELATED "
        "and co-requirement links (two skills one role requires); found: false "
        "when there is none within maxHops (1..6)."
    )
    async def skill_path(
        self,
        info: Info,
        from_skill_id: strawberry.ID,
        to_skill_id: strawberry.ID,
        max_hops: int = 4,
    ) -> SkillPath:
        ctx = info.context
        if not 1 <= max_hops <= 6:
            raise BadUserInput("maxHops must be between 1 and 6", field="maxHops")
        loader = ctx.loaders.node(NodeType.SKILL)
        ends = await loader.load_many([from_skill_id, to_skill_id])
        for skill_id, record in zip((from_skill_id, to_skill_id), ends, strict=True):
            if record is None:
                raise NotFound(f"no Skill with id {skill_id!r}")

        async def fetch(ids: Sequence[str]) -> list[Neighbour]:
            rows = await explore.neighbours(ctx.db, ids)
            return [Neighbour(r["from"], r["next"], r["kind"], r["via"]) for r in rows]

        hops = await shortest_path(from_skill_id, to_skill_id, max_hops, fetch)
        if hops is None:
            return SkillPath(found=False, skills=[], hops=[])
        path_ids = [from_skill_id] + [h.target for h in hops]
        skills = {r["id"]: r for r in await loader.load_many(path_ids) if r is not None}
        roles = await ctx.loaders.node(NodeType.ROLE).load_many([h.via for h in hops if h.via])
        role_by_id = {r["id"]: r for r in roles if r is not None}
        return SkillPath(
            found=True,
            skills=[Skill.from_record(skills[i]) for i in path_ids],
            hops=[
                PathHop(
                    source=Skill.from_record(skills[h.source]),
                    target=Skill.from_record(skills[h.target]),
                    link=PathLink(h.kind),
                    via=Role.from_record(role_by_id[h.via]) if h.via in role_by_id else None,
                )
                for h in hops
            ],
        )

    @strawberry.field(
        description="Full-text search over names, titles and alternative labels "
        "of skills, credentials, roles and providers, ranked by score across "
        "types; the last word matches as a prefix (type-ahead). Never people."
    )
    async def search(
        self,
        info: Info,
        text: str,
        types: list[SearchType] | None = None,
        first: int = 10,
    ) -> list[SearchHit]:
        lucene = text_param(text, "text")
        assert lucene is not None
        _first(first)
        _items(types, "types", info.context.settings.max_list_items)
        from skillgraph.api.query import to_node

        node_types = {
            SearchType.SKILL: NodeType.SKILL,
            SearchType.CREDENTIAL: NodeType.CREDENTIAL,
            SearchType.ROLE: NodeType.ROLE,
            SearchType.PROVIDER: NodeType.PROVIDER,
        }
        hits = await explore.search(info.context.db, lucene, types or list(SearchType), first)
        return [
            SearchHit(
                type=kind,
                score=score,
                label=_label(node, text),
                node=to_node(node_types[kind], node),
            )
            for kind, node, score in hits
        ]
