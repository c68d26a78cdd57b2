"""Plans toward several roles at once: `pathway`, `Person.pathway`."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from skillgraph.analysis.plan import PlanAnswer, RolePlan
from skillgraph.api.context import Info
from skillgraph.api.enums import Importance
from skillgraph.api.types.node import Money
from skillgraph.api.types.plan import (
    ExcludedCredential,
    PlanOptionsInput,
    PlanStep,
    answer_for,
    excluded_of,
    skills_of,
    steps_of,
    total_cost_of,
)
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.domain.gap import requirement_order
from skillgraph.errors import BadUserInput
from skillgraph.model.enums import Importance as ImportanceValue
from skillgraph.model.ids import NodeType

__all__ = ["MAX_ROLES", "Pathway", "pathway_for"]

MAX_ROLES = 20


@strawberry.type(description="One of a pathway's target roles.")
class PathwayRole:
    role: Role
    coverage_before: float = strawberry.field(description="skillGap's coverage today.")
    coverage_after: float = strawberry.field(
        description="skillGap's coverage once every step of the pathway is earned."
    )
    reachable_after: int | None = strawberry.field(
        description="The position of the step after which every requirement of this role "
        "the pathway covers (see `include`) is met: 0 when none was missing; null when the "
        "pathway never meets them all (uncoverable ones, or limits)."
    )
    _uncoverable: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="This role's missing requirements no credential can close.")
    async def uncoverable(self, info: Info) -> list[Skill]:
        return await skills_of(info, self._uncoverable)


@strawberry.type(description="A skill the pathway's roles require, merged over the roles.")
class PathwayRequirement:
    _skill_id: strawberry.Private[str]
    level: int = strawberry.field(description="The highest level any of the roles requires.")
    importance: Importance = strawberry.field(description="ESSENTIAL if any role says so.")
    met: bool = strawberry.field(description="Held at that level today.")
    _roles: strawberry.Private[tuple[str, ...]]

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        record = await info.context.loaders.node(NodeType.SKILL).load(self._skill_id)
        assert record is not None
        return Skill.from_record(record)

    @strawberry.field(description="The roles that require it.")
    async def roles(self, info: Info) -> list[Role]:
        records = await info.context.loaders.node(NodeType.ROLE).load_many(list(self._roles))
        return [Role.from_record(r) for r in records if r is not None]


@strawberry.type(
    description="One plan toward several roles at once: the union of their requirements "
    "(highest level wins), the steps in order, which roles each step serves, and when each "
    "role becomes reachable."
)
class Pathway:
    roles: list[PathwayRole]
    requirements: list[PathwayRequirement]
    steps: list[PlanStep] = strawberry.field(
        description="Prerequisite order, role by role: the role needing the fewest steps "
        "first, its steps before those only later roles need."
    )
    total_cost: list[Money]
    total_hours: float
    complete: bool = strawberry.field(
        description="Every coverable missing requirement of every role is covered."
    )
    optimal: bool
    solver: str
    unpriced_steps: list[PlanStep]
    untimed_steps: list[PlanStep]
    excluded: list[ExcludedCredential]
    alternatives: list[Pathway]


def _requirements(roles: Sequence[RolePlan]) -> list[PathwayRequirement]:
    merged: dict[str, tuple[int, ImportanceValue, bool, list[str]]] = {}
    for role in roles:
        for match in (*role.gap.met, *role.gap.missing):
            level, importance, met, ids = merged.get(
                match.skill_id, (0, ImportanceValue.OPTIONAL, True, [])
            )
            if match.required_level > level:
                level, met = match.required_level, match.met
            elif match.required_level == level:
                met = met and match.met
            if match.importance is ImportanceValue.ESSENTIAL:
                importance = ImportanceValue.ESSENTIAL
            merged[match.skill_id] = (level, importance, met, [*ids, role.role_id])
    ordered = sorted(merged.items(), key=lambda item: requirement_order(item[1][1], item[0]))
    return [
        PathwayRequirement(
            _skill_id=skill_id,
            level=level,
            importance=importance,
            met=met,
            _roles=tuple(ids),
        )
        for skill_id, (level, importance, met, ids) in ordered
    ]


def to_pathway(answer: PlanAnswer, index: int = 0) -> Pathway:
    result = answer.result if index == 0 else answer.result.alternatives[index - 1]
    steps = steps_of(result, dict(answer.serves[index]))
    by_id = {s._credential_id: s for s in steps}
    return Pathway(
        roles=[
            PathwayRole(
                role=Role.from_record(dict(r.role)),
                coverage_before=r.gap.coverage,
                coverage_after=r.coverage_after[index],
                reachable_after=r.reachable_after[index],
                _uncoverable=r.uncoverable,
            )
            for r in answer.roles
        ],
        requirements=_requirements(answer.roles),
        steps=steps,
        total_cost=total_cost_of(answer, result),
        total_hours=result.total_hours,
        complete=result.complete,
        optimal=result.optimal,
        solver=result.solver,
        unpriced_steps=[by_id[c] for c in result.unpriced],
        untimed_steps=[by_id[c] for c in result.untimed],
        excluded=excluded_of(answer),
        alternatives=[]
        if index
        else [to_pathway(answer, k) for k in range(1, len(answer.result.alternatives) + 1)],
    )


async def pathway_for(
    info: Info, person_id: str, role_ids: Sequence[str], options: PlanOptionsInput | None
) -> Pathway:
    if not role_ids:
        raise BadUserInput("roleIds needs at least one role", field="roleIds")
    if len(role_ids) > MAX_ROLES:
        raise BadUserInput(f"roleIds takes at most {MAX_ROLES} roles", field="roleIds")
    unique = list(dict.fromkeys(role_ids))
    return to_pathway(await answer_for(info, person_id, unique, options))
