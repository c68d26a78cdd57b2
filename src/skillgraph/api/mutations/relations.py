"""Mutations on relationships. Each returns the object at the start of the relationship.

A person setting a requirement, a TEACHES link or a person's skill reviews it: an extracted
proposal on the same link loses its ``extracted``, ``confidence`` and ``evidence``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import Importance, SkillSource
from skillgraph.api.mutations.extraction import REVIEWED
from skillgraph.api.query import lookup
from skillgraph.api.types.credential import PREREQUISITES, TEACHES, Credential
from skillgraph.api.types.person import EARNED, HAS_SKILL, HOLDS, TARGETS, Person
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import BROADER, Skill
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.model.relations import AwardWrite, LevelWrite, PersonSkillWrite, RequirementWrite
from skillgraph.store import links, nodes
from skillgraph.store.links import Link, RelType

__all__ = ["RelationMutation"]

ROLE_REQUIRES = Link(NodeType.ROLE, RelType.REQUIRES, NodeType.SKILL)
ENDORSES = Link(NodeType.PROVIDER, RelType.ENDORSES, NodeType.CREDENTIAL)
RELATED = Link(NodeType.SKILL, RelType.RELATED, NodeType.SKILL)
_LEVEL = "1 (awareness) to 5 (expert); default 1."


async def _fresh(info: Info, node_type: NodeType, node_id: str) -> dict[str, Any]:
    found = await nodes.get_by_ids(info.context.db, node_type, [node_id])
    if node_id not in found:  # deleted concurrently
        return await lookup(info, node_type, node_id, None)
    return found[node_id]


async def _role_guard(info: Info, role_id: str) -> None:
    role = (await nodes.get_by_ids(info.context.db, NodeType.ROLE, [role_id])).get(role_id)
    info.context.permissions.require_role_write(role)


async def _person_guard(info: Info, person_id: str) -> None:
    info.context.permissions.require_person_write(person_id)


@strawberry.type
class RelationMutation:
    @strawberry.mutation(description="Add or change a role's requirement of a skill.")
    async def set_role_requirement(
        self,
        info: Info,
        role_id: strawberry.ID,
        skill_id: strawberry.ID,
        importance: Importance = Importance.ESSENTIAL,
        level: Annotated[int, strawberry.argument(description=_LEVEL)] = 1,
    ) -> Role:
        await _role_guard(info, role_id)
        props = RequirementWrite(importance=enums.Importance(importance.value), level=level)
        await links.set_link(
            info.context.db,
            ROLE_REQUIRES,
            role_id,
            skill_id,
            {**props.model_dump(mode="json"), **REVIEWED},
        )
        return Role.from_record(await _fresh(info, NodeType.ROLE, role_id))

    @strawberry.mutation(description="Remove a role's own requirement of a skill (idempotent).")
    async def remove_role_requirement(
        self, info: Info, role_id: strawberry.ID, skill_id: strawberry.ID
    ) -> Role:
        await _role_guard(info, role_id)
        await links.remove(info.context.db, ROLE_REQUIRES, role_id, skill_id)
        return Role.from_record(await _fresh(info, NodeType.ROLE, role_id))

    @strawberry.mutation(description="Say that a credential teaches a skill, up to a level.")
    async def set_credential_teaches(
        self,
        info: Info,
        credential_id: strawberry.ID,
        skill_id: strawberry.ID,
        level: Annotated[int, strawberry.argument(description=_LEVEL)] = 1,
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        props = {**LevelWrite(level=level).model_dump(), **REVIEWED}
        await links.set_link(info.context.db, TEACHES, credential_id, skill_id, props)
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Remove a skill a credential teaches (idempotent).")
    async def remove_credential_teaches(
        self, info: Info, credential_id: strawberry.ID, skill_id: strawberry.ID
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.remove(info.context.db, TEACHES, credential_id, skill_id)
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Require a skill (at a level) before starting a credential.")
    async def set_credential_prerequisite(
        self,
        info: Info,
        credential_id: strawberry.ID,
        skill_id: strawberry.ID,
        level: Annotated[int, strawberry.argument(description=_LEVEL)] = 1,
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        props = LevelWrite(level=level).model_dump()
        await links.set_link(info.context.db, PREREQUISITES, credential_id, skill_id, props)
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Remove a credential's prerequisite (idempotent).")
    async def remove_credential_prerequisite(
        self, info: Info, credential_id: strawberry.ID, skill_id: strawberry.ID
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.remove(info.context.db, PREREQUISITES, credential_id, skill_id)
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Record that a provider endorses a credential.")
    async def endorse_credential(
        self, info: Info, provider_id: strawberry.ID, credential_id: strawberry.ID
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.set_link(info.context.db, ENDORSES, provider_id, credential_id, {})
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Remove an endorsement (idempotent).")
    async def remove_endorsement(
        self, info: Info, provider_id: strawberry.ID, credential_id: strawberry.ID
    ) -> Credential:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.remove(info.context.db, ENDORSES, provider_id, credential_id)
        return Credential.from_record(await _fresh(info, NodeType.CREDENTIAL, credential_id))

    @strawberry.mutation(description="Add or change a skill a person declares.")
    async def add_person_skill(
        self,
        info: Info,
        person_id: strawberry.ID,
        skill_id: strawberry.ID,
        level: Annotated[int, strawberry.argument(description=_LEVEL)] = 1,
        source: SkillSource = SkillSource.SELF,
    ) -> Person:
        await _person_guard(info, person_id)
        props = PersonSkillWrite(level=level, source=enums.SkillSource(source.value))
        await links.set_link(
            info.context.db,
            HAS_SKILL,
            person_id,
            skill_id,
            {**props.model_dump(mode="json"), **REVIEWED},
        )
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Remove a skill a person declares (idempotent).")
    async def remove_person_skill(
        self, info: Info, person_id: strawberry.ID, skill_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.remove(info.context.db, HAS_SKILL, person_id, skill_id)
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(
        description="Award a credential to a person (or replace the award). issuedAt defaults "
        "to now; expiresAt must be after it. Times without a zone are UTC."
    )
    async def award_credential(
        self,
        info: Info,
        person_id: strawberry.ID,
        credential_id: strawberry.ID,
        issued_at: datetime | None = None,
        expires_at: datetime | None = None,
        evidence_url: str | None = None,
    ) -> Person:
        await _person_guard(info, person_id)
        data: dict[str, Any] = {"expiresAt": expires_at, "evidenceUrl": evidence_url}
        if issued_at is not None:
            data["issuedAt"] = issued_at
        award = AwardWrite.model_validate(data)
        await links.set_link(
            info.context.db, EARNED, person_id, credential_id, award.to_properties()
        )
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Revoke a person's award; NOT_FOUND when there is none.")
    async def revoke_credential(
        self, info: Info, person_id: strawberry.ID, credential_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.revoke_award(info.context.db, person_id, credential_id)
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Add a role the person is aiming for.")
    async def set_target(
        self, info: Info, person_id: strawberry.ID, role_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.set_link(info.context.db, TARGETS, person_id, role_id, {})
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Remove a target role (idempotent).")
    async def remove_target(
        self, info: Info, person_id: strawberry.ID, role_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.remove(info.context.db, TARGETS, person_id, role_id)
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Record a role the person works in now.")
    async def set_held_role(
        self, info: Info, person_id: strawberry.ID, role_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.set_link(info.context.db, HOLDS, person_id, role_id, {})
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(description="Remove a role the person works in (idempotent).")
    async def remove_held_role(
        self, info: Info, person_id: strawberry.ID, role_id: strawberry.ID
    ) -> Person:
        await _person_guard(info, person_id)
        await links.remove(info.context.db, HOLDS, person_id, role_id)
        return Person.from_record(await _fresh(info, NodeType.PERSON, person_id))

    @strawberry.mutation(
        description="Place a skill under a broader one. BAD_USER_INPUT if that makes a cycle."
    )
    async def set_broader_skill(
        self, info: Info, skill_id: strawberry.ID, broader_id: strawberry.ID
    ) -> Skill:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.set_link(info.context.db, BROADER, skill_id, broader_id, {})
        return Skill.from_record(await _fresh(info, NodeType.SKILL, skill_id))

    @strawberry.mutation(description="Remove a BROADER link (idempotent).")
    async def remove_broader_skill(
        self, info: Info, skill_id: strawberry.ID, broader_id: strawberry.ID
    ) -> Skill:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.remove(info.context.db, BROADER, skill_id, broader_id)
        return Skill.from_record(await _fresh(info, NodeType.SKILL, skill_id))

    @strawberry.mutation(description="Relate two skills (ESCO skill-skill relation).")
    async def relate_skills(
        self,
        info: Info,
        skill_id: strawberry.ID,
        related_id: strawberry.ID,
        relation_type: Annotated[
            str | None,
            strawberry.argument(description="e.g. essential or optional (ESCO's relationType)."),
        ] = None,
    ) -> Skill:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        props = {"relationType": relation_type}
        await links.set_link(info.context.db, RELATED, skill_id, related_id, props)
        return Skill.from_record(await _fresh(info, NodeType.SKILL, skill_id))

    @strawberry.mutation(description="Remove a skill-skill relation (idempotent).")
    async def unrelate_skills(
        self, info: Info, skill_id: strawberry.ID, related_id: strawberry.ID
    ) -> Skill:
        info.context.permissions.require_catalogue_write("changing the catalogue")
        await links.remove(info.context.db, RELATED, skill_id, related_id)
        return Skill.from_record(await _fresh(info, NodeType.SKILL, skill_id))
