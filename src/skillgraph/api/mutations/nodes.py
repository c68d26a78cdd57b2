"""create / update / upsert / delete for every node type."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.unset import UnsetType

from skillgraph.analysis.extraction import to_extracted
from skillgraph.analysis.skill_embedding import SkillLabelsWrite, embedding_write
from skillgraph.api.context import Info
from skillgraph.api.mutations.inputs import (
    CreateCredentialInput,
    CreatePersonInput,
    CreateProviderInput,
    CreateRoleInput,
    CreateSkillInput,
    UpdateCredentialInput,
    UpdatePersonInput,
    UpdateProviderInput,
    UpdateRoleInput,
    UpdateSkillInput,
    to_write,
)
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.extraction import extract, extractor, options_from
from skillgraph.api.types.person import Person
from skillgraph.api.types.provider import Provider
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.errors import BadUserInput, Forbidden, NotFound
from skillgraph.model.fields import check_uri
from skillgraph.model.ids import NodeType
from skillgraph.model.nodes import SkillWrite
from skillgraph.store import extraction as extraction_store
from skillgraph.store import nodes
from skillgraph.store.database import Transaction
from skillgraph.store.specs import SPECS

__all__ = ["DeletePayload", "NodeMutation"]


@strawberry.type(description="What a delete removed.")
class DeletePayload:
    id: strawberry.ID
    deleted: bool = strawberry.field(description="Always true: a delete either works or errors.")


def _uri(value: str | None, field: str = "uri") -> str | None:
    if value is None:
        return None
    try:
        return check_uri(value)
    except ValueError as exc:
        raise BadUserInput(f"{field} {exc}", field=field) from None


async def _guard(
    info: Info, node_type: NodeType, existing: dict[str, Any] | None, data: Any, node_id: str
) -> dict[str, Any]:
    """Ask the permission hook; returns the extra properties the write must carry."""
    perms = info.context.permissions
    if node_type is NodeType.PERSON:
        if existing is None:
            perms.require_admin("creating people")
        else:
            perms.require_person_write(node_id)
        return {}
    if node_type is not NodeType.ROLE:
        perms.require_catalogue_write(f"changing {node_type.value} data")
        return {}
    perms.require_role_write(existing)
    if perms.owner is None:
        return {}
    kind = getattr(data, "kind", None) if data is not None else None
    if kind is not None and not isinstance(kind, UnsetType) and kind.value != "JOB_POSTING":
        raise Forbidden("a job board may only write roles of kind JOB_POSTING")
    if existing is None and (kind is None or isinstance(kind, UnsetType)):
        raise Forbidden("a job board may only write roles of kind JOB_POSTING")
    return {"owner": perms.owner}


async def _existing(info: Info, node_type: NodeType, node_id: str) -> dict[str, Any]:
    found = await nodes.get_by_ids(info.context.db, node_type, [node_id])
    if node_id not in found or (
        node_type is NodeType.PERSON and not info.context.permissions.may_see_person(found[node_id])
    ):
        raise NotFound(f"no {node_type.value} with id {node_id!r}")
    return found[node_id]


async def _extracted_links(
    info: Info, node_type: NodeType, data: Any, existing: dict[str, Any] | None
) -> nodes.Then | None:
    """When the input asks for it (extractRequirements / extractTeaches), read skills from
    the description now and return the write to run in the node's own transaction."""
    role = node_type is NodeType.ROLE
    asked = getattr(data, "extract_requirements" if role else "extract_teaches", False)
    # Options are validated even when unused: a bad value is an error wherever it is sent.
    options = options_from(getattr(data, "extraction", None), "input.extraction")
    if asked is not True:
        return None
    description = data.description
    if isinstance(description, UnsetType):
        description = (existing or {}).get("description")
    if not description or not str(description).strip():
        raise BadUserInput(
            "a description is needed to extract skills from; give input.description",
            field="input.description",
        )
    result = await extract(info, description, options, field="input.description")
    rows = to_extracted(result)
    writer = extraction_store.write_requirements if role else extraction_store.write_teaches

    async def then(tx: Transaction, node_id: str) -> None:
        await writer(tx, node_id, rows)

    return then


def _labels(write: dict[str, Any]) -> SkillLabelsWrite:
    """A skill's labels as they will be stored (validated as the write validates them)."""
    skill = SkillWrite.model_validate(write)
    return SkillLabelsWrite(skill.name, tuple(skill.alt_labels))


async def _then(
    info: Info,
    node_type: NodeType,
    data: Any,
    existing: dict[str, Any] | None,
    write: dict[str, Any],
) -> nodes.Then | None:
    """What runs in the node's own transaction after its write: extracted links (roles,
    credentials) or, for a skill whose labels change, its new embedding."""
    if node_type is not NodeType.SKILL:
        return await _extracted_links(info, node_type, data, existing)
    before = _labels(SPECS[node_type].to_input(existing)) if existing is not None else None
    return await embedding_write(extractor(info), before, _labels(write))


async def _create(info: Info, node_type: NodeType, data: Any) -> dict[str, Any]:
    extra = await _guard(info, node_type, None, data, "")
    write = to_write(data)
    return await nodes.create(
        info.context.db,
        SPECS[node_type],
        write,
        node_id=data.id,
        uri=_uri(data.uri),
        extra=extra,
        then=await _then(info, node_type, data, None, write),
    )


async def _update(info: Info, node_type: NodeType, node_id: str, data: Any) -> dict[str, Any]:
    existing = await _existing(info, node_type, node_id)
    await _guard(info, node_type, existing, data, node_id)
    set_uri = not isinstance(data.uri, UnsetType)
    patch = to_write(data, patch=True)
    merged = {**SPECS[node_type].to_input(existing), **patch}
    return await nodes.update(
        info.context.db,
        SPECS[node_type],
        node_id,
        patch,
        uri=_uri(data.uri) if set_uri else None,
        set_uri=set_uri,
        then=await _then(info, node_type, data, existing, merged),
    )


async def _upsert(info: Info, node_type: NodeType, uri: str, data: Any) -> dict[str, Any]:
    key = _uri(uri)
    assert key is not None
    if data.uri is not None and _uri(data.uri, "input.uri") != key:
        raise BadUserInput("input.uri must be absent or equal to uri", field="input.uri")
    existing = (await nodes.get_by_uris(info.context.db, node_type, [key])).get(key)
    if node_type is NodeType.PERSON:
        info.context.permissions.require_person_upsert(existing, key)
        extra: dict[str, Any] = {}
    else:
        extra = await _guard(info, node_type, existing, data, existing["id"] if existing else "")
    write = to_write(data)
    record, _ = await nodes.upsert(
        info.context.db,
        SPECS[node_type],
        key,
        write,
        node_id=data.id,
        extra=extra,
        then=await _then(info, node_type, data, existing, write),
    )
    return record


async def _delete(info: Info, node_type: NodeType, node_id: str, cascade: bool) -> DeletePayload:
    await _guard(info, node_type, await _existing(info, node_type, node_id), None, node_id)
    await nodes.delete(info.context.db, SPECS[node_type], node_id, cascade=cascade)
    return DeletePayload(id=strawberry.ID(node_id), deleted=True)


_CASCADE = "Also remove what depends on it (see the CONFLICT message); default false."


@strawberry.type
class NodeMutation:
    @strawberry.mutation(description="Create a skill. CONFLICT when the id or uri is taken.")
    async def create_skill(self, info: Info, input: CreateSkillInput) -> Skill:
        return Skill.from_record(await _create(info, NodeType.SKILL, input))

    @strawberry.mutation(description="Change a skill. NOT_FOUND for an unknown id.")
    async def update_skill(self, info: Info, id: strawberry.ID, input: UpdateSkillInput) -> Skill:
        return Skill.from_record(await _update(info, NodeType.SKILL, id, input))

    @strawberry.mutation(description="Create or replace the skill with this uri (idempotent).")
    async def upsert_skill(self, info: Info, uri: str, input: CreateSkillInput) -> Skill:
        return Skill.from_record(await _upsert(info, NodeType.SKILL, uri, input))

    @strawberry.mutation(
        description="Delete a skill. CONFLICT while credentials, roles or people use it, "
        "unless cascade (which removes those links, not the other nodes)."
    )
    async def delete_skill(
        self,
        info: Info,
        id: strawberry.ID,
        cascade: Annotated[bool, strawberry.argument(description=_CASCADE)] = False,
    ) -> DeletePayload:
        return await _delete(info, NodeType.SKILL, id, cascade)

    @strawberry.mutation(description="Create a provider. CONFLICT when the id or uri is taken.")
    async def create_provider(self, info: Info, input: CreateProviderInput) -> Provider:
        return Provider.from_record(await _create(info, NodeType.PROVIDER, input))

    @strawberry.mutation(description="Change a provider.")
    async def update_provider(
        self, info: Info, id: strawberry.ID, input: UpdateProviderInput
    ) -> Provider:
        return Provider.from_record(await _update(info, NodeType.PROVIDER, id, input))

    @strawberry.mutation(description="Create or replace the provider with this uri.")
    async def upsert_provider(self, info: Info, uri: str, input: CreateProviderInput) -> Provider:
        return Provider.from_record(await _upsert(info, NodeType.PROVIDER, uri, input))

    @strawberry.mutation(
        description="Delete a provider. CONFLICT while it offers credentials, unless cascade "
        "(which deletes the credentials it offers, with their awards)."
    )
    async def delete_provider(
        self,
        info: Info,
        id: strawberry.ID,
        cascade: Annotated[bool, strawberry.argument(description=_CASCADE)] = False,
    ) -> DeletePayload:
        return await _delete(info, NodeType.PROVIDER, id, cascade)

    @strawberry.mutation(description="Create a credential offered by an existing provider.")
    async def create_credential(self, info: Info, input: CreateCredentialInput) -> Credential:
        return Credential.from_record(await _create(info, NodeType.CREDENTIAL, input))

    @strawberry.mutation(description="Change a credential.")
    async def update_credential(
        self, info: Info, id: strawberry.ID, input: UpdateCredentialInput
    ) -> Credential:
        return Credential.from_record(await _update(info, NodeType.CREDENTIAL, id, input))

    @strawberry.mutation(description="Create or replace the credential with this uri.")
    async def upsert_credential(
        self, info: Info, uri: str, input: CreateCredentialInput
    ) -> Credential:
        return Credential.from_record(await _upsert(info, NodeType.CREDENTIAL, uri, input))

    @strawberry.mutation(
        description="Delete a credential. CONFLICT while people hold awards of it, unless "
        "cascade (which removes those awards)."
    )
    async def delete_credential(
        self,
        info: Info,
        id: strawberry.ID,
        cascade: Annotated[bool, strawberry.argument(description=_CASCADE)] = False,
    ) -> DeletePayload:
        return await _delete(info, NodeType.CREDENTIAL, id, cascade)

    @strawberry.mutation(description="Create a role. CONFLICT when the id or uri is taken.")
    async def create_role(self, info: Info, input: CreateRoleInput) -> Role:
        return Role.from_record(await _create(info, NodeType.ROLE, input))

    @strawberry.mutation(description="Change a role.")
    async def update_role(self, info: Info, id: strawberry.ID, input: UpdateRoleInput) -> Role:
        return Role.from_record(await _update(info, NodeType.ROLE, id, input))

    @strawberry.mutation(
        description="Create or replace the role with this uri: how job boards write postings "
        "by their own keys."
    )
    async def upsert_role(self, info: Info, uri: str, input: CreateRoleInput) -> Role:
        return Role.from_record(await _upsert(info, NodeType.ROLE, uri, input))

    @strawberry.mutation(
        description="Delete a role. CONFLICT while postings specialise it or people target it, "
        "unless cascade (which removes those links; postings remain)."
    )
    async def delete_role(
        self,
        info: Info,
        id: strawberry.ID,
        cascade: Annotated[bool, strawberry.argument(description=_CASCADE)] = False,
    ) -> DeletePayload:
        return await _delete(info, NodeType.ROLE, id, cascade)

    @strawberry.mutation(
        description="Create a person. CONFLICT when the id, uri or email is taken."
    )
    async def create_person(self, info: Info, input: CreatePersonInput) -> Person:
        return Person.from_record(await _create(info, NodeType.PERSON, input))

    @strawberry.mutation(description="Change a person.")
    async def update_person(
        self, info: Info, id: strawberry.ID, input: UpdatePersonInput
    ) -> Person:
        return Person.from_record(await _update(info, NodeType.PERSON, id, input))

    @strawberry.mutation(description="Create or replace the person with this uri.")
    async def upsert_person(self, info: Info, uri: str, input: CreatePersonInput) -> Person:
        return Person.from_record(await _upsert(info, NodeType.PERSON, uri, input))

    @strawberry.mutation(
        description="Delete a person with their skills, awards, targets and held roles "
        "(nothing else depends on a person)."
    )
    async def delete_person(self, info: Info, id: strawberry.ID) -> DeletePayload:
        return await _delete(info, NodeType.PERSON, id, True)
