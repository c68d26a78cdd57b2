"""Matching for job boards: `candidatesForRole`, and `rolesForPerson`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import strawberry

from skillgraph.analysis.gap import held_from, requirements_from
from skillgraph.analysis.matching import match_requirements, min_units
from skillgraph.api.bounds import COVERAGE, WEIGHT
from skillgraph.api.context import Context, Info
from skillgraph.api.enums import RoleKind
from skillgraph.api.filters import text_param
from skillgraph.api.pagination import (
    Connection,
    Cursor,
    decode_cursor,
    encode_cursor,
    page_info,
    page_size,
)
from skillgraph.api.types.gap import (
    RequirementMatchType,
    SkillGap,
    gap_view,
    to_match,
)
from skillgraph.api.types.node import Money
from skillgraph.api.types.person import Person
from skillgraph.api.types.plan import CheapestPlans
from skillgraph.api.types.role import Role
from skillgraph.domain.gap import Gap, GapOptions, evaluate_gap
from skillgraph.domain.plan_model import to_units
from skillgraph.domain.skills import held_levels
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import matching
from skillgraph.store.gaps import Evidence
from skillgraph.store.matching import CandidateKey

__all__ = [
    "CandidateConnection",
    "MatchOptionsInput",
    "RoleMatchConnection",
    "RoleMatchFilter",
    "candidates_for",
    "roles_for",
]


@strawberry.input(description="How candidates are judged and which are listed.")
class MatchOptionsInput:
    match_narrower: bool = False
    essential_weight: float = strawberry.field(
        default=1.0, description=f"Weight of ESSENTIAL requirements, {WEIGHT.text()}."
    )
    optional_weight: float = strawberry.field(
        default=0.25, description=f"Weight of OPTIONAL requirements, {WEIGHT.text()}."
    )
    as_of: datetime | None = None
    require_verified: bool = strawberry.field(
        default=False,
        description="Count only verified evidence: skills taught by an ACTIVE, unexpired "
        "award whose badge verification is VERIFIED (declared skills, awards entered by hand "
        "and unverified or failed badges are ignored).",
    )
    min_coverage: float = strawberry.field(
        default=0.0,
        description="0..1: people whose `coverage` (as this API reports it) is lower are left "
        "out; one exactly at it is kept.",
    )

    def gap(self) -> GapOptions:
        return GapOptions(
            match_narrower=self.match_narrower,
            essential_weight=WEIGHT.check(self.essential_weight, "options.essentialWeight"),
            optional_weight=WEIGHT.check(self.optional_weight, "options.optionalWeight"),
        )


@strawberry.type(description="A person ranked for a role, with the explanation.")
class CandidateEdge:
    cursor: str
    node: Person
    score: float = strawberry.field(
        description="The ranking score: equal to coverage (ties: essentialCoverage, then "
        "verifiedSkills, then id)."
    )
    coverage: float
    essential_coverage: float
    verified_skills: int = strawberry.field(
        description="Requirements met through verified evidence: an ACTIVE, unexpired award "
        "whose badge verification is VERIFIED."
    )
    # The explanation is computed only when met or missing is selected.
    _explain: strawberry.Private[Callable[[], Gap]]
    _skills: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def met(self) -> list[RequirementMatchType]:
        return [to_match(m, self._skills) for m in self._explain().met]

    @strawberry.field
    def missing(self) -> list[RequirementMatchType]:
        return [to_match(m, self._skills) for m in self._explain().missing]


@strawberry.type(description="People ranked for a role, best first.")
class CandidateConnection(Connection[CandidateEdge]):
    pass


def _key(value: object) -> CandidateKey | None:
    if value is None:
        return None
    assert isinstance(value, str)
    parts = value.split(":")
    try:
        covered, essential, verified = (int(p) for p in parts[:3])
    except ValueError:
        raise BadUserInput(
            "after is not a cursor returned by this connection", field="after"
        ) from None
    return CandidateKey(covered, essential, verified, ":".join(parts[3:]))


async def candidates_for(
    info: Info,
    role_id: str,
    options: MatchOptionsInput | None,
    first: int | None,
    after: str | None,
) -> CandidateConnection:
    ctx = info.context
    ctx.permissions.require_matching()
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, "MATCH")
    chosen = options or MatchOptionsInput()
    COVERAGE.check(chosen.min_coverage, "options.minCoverage")
    gap_options = chosen.gap()
    as_of = chosen.as_of or datetime.now(UTC)
    rows = await ctx.loaders.requirements.load(role_id)  # primes the role's node
    if await ctx.loaders.node(NodeType.ROLE).load(role_id) is None:
        raise NotFound(f"no Role with id {role_id!r}")
    requirements = requirements_from(rows)
    skills = {row["skill"]["id"]: row["skill"] for row in rows}
    narrower: dict[str, frozenset[str]] = {}
    if gap_options.match_narrower and requirements:
        ids = [r.skill_id for r in requirements]
        narrower = dict(zip(ids, await ctx.loaders.narrower.load_many(ids), strict=True))
    reqs, total, essential_total = match_requirements(requirements, narrower, gap_options)
    min_covered = max(1, min_units(chosen.min_coverage, total))
    after_key = _key(f"{cursor.key}:{cursor.id}" if cursor else None)
    page = []
    if total > 0:
        page = await matching.candidate_page(
            ctx.db,
            reqs,
            as_of=as_of,
            verified_only=chosen.require_verified,
            min_covered=min_covered,
            visibilities=ctx.permissions.matchable_people(),
            after=after_key,
            limit=size + 1,
        )
    shown = page[:size]
    edges = []
    for scored in shown:

        def explain(evidence: Evidence = scored.evidence) -> Gap:
            held = held_from(evidence, as_of, verified_only=chosen.require_verified)
            return evaluate_gap(requirements, held, gap_options, narrower)

        coverage = scored.covered / total
        key = f"{scored.covered}:{scored.essential_met}:{scored.verified_skills}"
        edges.append(
            CandidateEdge(
                cursor=encode_cursor("MATCH", key, scored.person["id"]),
                node=Person.from_record(scored.person),
                score=coverage,
                coverage=coverage,
                essential_coverage=scored.essential_met / essential_total
                if essential_total
                else 1.0,
                verified_skills=scored.verified_skills,
                _explain=functools.cache(explain),
                _skills=skills,
            )
        )

    async def count() -> int:
        if total == 0:
            return 0
        return await matching.candidate_count(
            ctx.db,
            reqs,
            as_of=as_of,
            verified_only=chosen.require_verified,
            min_covered=min_covered,
            visibilities=ctx.permissions.matchable_people(),
        )

    return CandidateConnection(
        edges=edges,
        page_info=page_info([e.cursor for e in edges], has_next=len(page) > size, after=after),
        _total=count,
    )


@strawberry.input(description="Narrows rolesForPerson.")
class RoleMatchFilter:
    kind: RoleKind | None = None
    min_coverage: float = strawberry.field(
        default=0.0,
        description="0..1: roles whose `coverage` (as this API reports it) is lower are left "
        "out; one exactly at it is kept.",
    )
    text: str | None = strawberry.field(default=None, description="Full-text over titles.")


@strawberry.type(description="A role ranked for a person.")
class RoleMatchEdge:
    cursor: str
    node: Role
    coverage: float
    essential_coverage: float
    missing_count: int = strawberry.field(description="How many requirements are not met.")
    gap: SkillGap
    _plans: strawberry.Private[CheapestPlans]

    @strawberry.field(
        description="Total cost of the cheapest plan (objective COST, ESSENTIAL requirements) "
        "that closes the gap; computed only when asked for, for every role of the page at "
        "once. Empty when nothing is to buy."
    )
    async def cheapest_plan_cost(self, info: Info) -> list[Money]:
        return await self._plans.total_cost(info, self.node.id)


@strawberry.type(description="Roles ranked for a person, best first.")
class RoleMatchConnection(Connection[RoleMatchEdge]):
    pass


async def roles_for(
    info: Info,
    person_id: str,
    filter: RoleMatchFilter | None,
    first: int | None,
    after: str | None,
) -> RoleMatchConnection:
    ctx: Context = info.context
    size = page_size(first, ctx.settings)
    cursor = decode_cursor(after, "COVERAGE")
    chosen = filter or RoleMatchFilter()
    COVERAGE.check(chosen.min_coverage, "filter.minCoverage")
    ctx.permissions.require_person_details(person_id)
    text = text_param(chosen.text, "filter.text")
    person = await ctx.loaders.node(NodeType.PERSON).load(person_id)
    if person is None:
        raise NotFound(f"no Person with id {person_id!r}")
    as_of = datetime.now(UTC)
    options = GapOptions()
    held = held_from(await ctx.loaders.evidence.load(person_id), as_of)
    request = matching.RoleQuery(
        held=held_levels(held),
        essential_units=to_units(options.essential_weight),
        optional_units=to_units(options.optional_weight),
        kinds=[chosen.kind.value] if chosen.kind else None,
        text=text,
        min_coverage=chosen.min_coverage,
    )
    page = await matching.role_page(ctx.db, request, after=_role_key(cursor), limit=size + 1)
    shown = page[:size]
    # The explanation of each role on the page comes from the domain's evaluate_gap.
    requirement_rows = await ctx.loaders.requirements.load_many([r.role["id"] for r in shown])
    edges = []
    plans = CheapestPlans(person_id, [r.role["id"] for r in shown])
    for scored, rows in zip(shown, requirement_rows, strict=True):
        skills = {row["skill"]["id"]: row["skill"] for row in rows}
        gap = evaluate_gap(requirements_from(rows), held, options)
        edges.append(
            RoleMatchEdge(
                cursor=encode_cursor(
                    "COVERAGE",
                    f"{scored.coverage!r}:{scored.essential_coverage!r}",
                    scored.role["id"],
                ),
                node=Role.from_record(scored.role),
                coverage=scored.coverage,
                essential_coverage=scored.essential_coverage,
                missing_count=scored.missing,
                gap=gap_view(person, scored.role, gap, skills),
                _plans=plans,
            )
        )

    async def count() -> int:
        return await matching.role_count(ctx.db, request)

    return RoleMatchConnection(
        edges=edges,
        page_info=page_info([e.cursor for e in edges], has_next=len(page) > size, after=after),
        _total=count,
    )


def _role_key(cursor: Cursor | None) -> tuple[float, float, str] | None:
    if cursor is None:
        return None
    try:
        coverage, essential = (float(part) for part in str(cursor.key).split(":"))
    except ValueError:
        raise BadUserInput(
            "after is not a cursor returned by this connection", field="after"
        ) from None
    return coverage, essential, cursor.id
