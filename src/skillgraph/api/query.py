"""Root reads: Relay `node`/`nodes`, lookups by id or uri, and the filtered lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry

from skillgraph.api.context import Info
from skillgraph.api.enums import OrderDirection
from skillgraph.api.filters import (
    CredentialFilter,
    CredentialOrder,
    PersonFilter,
    PersonOrder,
    ProviderFilter,
    ProviderOrder,
    RoleFilter,
    RoleOrder,
    SkillFilter,
    SkillOrder,
)
from skillgraph.api.listing import Slice, connection, root_slice
from skillgraph.api.permission import PEOPLE_POLICY
from skillgraph.api.types.credential import Credential, CredentialConnection, CredentialEdge
from skillgraph.api.types.gap import GapOptionsInput, SkillGap, gap_for
from skillgraph.api.types.matching import (
    CandidateConnection,
    MatchOptionsInput,
    RoleMatchConnection,
    RoleMatchFilter,
    candidates_for,
    roles_for,
)
from skillgraph.api.types.node import Node
from skillgraph.api.types.pathway import Pathway, pathway_for
from skillgraph.api.types.person import Person, PersonConnection, PersonEdge
from skillgraph.api.types.plan import CredentialPlan, PlanOptionsInput, plan_for
from skillgraph.api.types.provider import Provider, ProviderConnection, ProviderEdge
from skillgraph.api.types.ranking import CredentialGapConnection, ranked_for
from skillgraph.api.types.role import Role, RoleConnection, RoleEdge
from skillgraph.api.types.skill import Skill, SkillConnection, SkillEdge
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType, node_type_of
from skillgraph.store import nodes

__all__ = ["RootQuery", "to_node"]

_BUILDERS: dict[NodeType, Callable[[dict[str, Any]], Node]] = {
    NodeType.SKILL: Skill.from_record,
    NodeType.CREDENTIAL: Credential.from_record,
    NodeType.PROVIDER: Provider.from_record,
    NodeType.ROLE: Role.from_record,
    NodeType.PERSON: Person.from_record,
}


def to_node(node_type: NodeType, record: dict[str, Any]) -> Node:
    return _BUILDERS[node_type](record)


async def lookup(
    info: Info, node_type: NodeType, node_id: str | None, uri: str | None
) -> dict[str, Any]:
    """The record with this id or uri (exactly one must be given); NOT_FOUND otherwise."""
    if (node_id is None) == (uri is None):
        raise BadUserInput("give exactly one of id or uri", field="id")
    if node_id is not None:
        record = await info.context.loaders.node(node_type).load(node_id)
        what = f"id {node_id!r}"
    else:
        assert uri is not None
        found = (await nodes.get_by_uris(info.context.db, node_type, [uri])).get(uri)
        record = info.context.permissions.visible(node_type, found)
        what = f"uri {uri!r}"
    if record is None:
        raise NotFound(f"no {node_type.value} with {what}")
    return record


async def _none() -> None:
    return None


async def _root(
    info: Info,
    node_type: NodeType,
    params: dict[str, Any],
    order: Any,
    first: int | None,
    after: str | None,
) -> Slice[dict[str, Any]]:
    return await root_slice(
        info.context,
        node_type,
        params,
        order=order.field.value,
        descending=order.direction is OrderDirection.DESC,
        first=first,
        after=after,
    )


@strawberry.type
class RootQuery:
    @strawberry.field(description="Any object by its id (Relay). NOT_FOUND when there is none.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        node_type = node_type_of(id)
        if node_type is None:
            raise NotFound(f"no object with id {id!r}")
        record = await info.context.loaders.any_node.load(id)
        if record is None:
            raise NotFound(f"no {node_type.value} with id {id!r}")
        return to_node(node_type, record)

    @strawberry.field(
        description="Objects by id, in the order asked; null where an id matches nothing."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        limit = info.context.settings.max_list_items
        if len(ids) > limit:
            raise BadUserInput(f"ids takes at most {limit} items", field="ids")
        types = [node_type_of(node_id) for node_id in ids]
        records = await info.context.loaders.any_node.load_many(list(ids))
        found: list[Node | None] = [
            to_node(t, r) if t and r else None for t, r in zip(types, records, strict=True)
        ]
        return found

    @strawberry.field(
        description="Which of the role's effective requirements (a posting's inherited ones "
        "included) the person meets at `options.asOf`. A requirement is met when the held "
        "level (the highest of declared skills and skills taught by ACTIVE, unexpired awards) "
        "is at least the required level. NOT_FOUND for an unknown person or role."
    )
    async def skill_gap(
        self,
        info: Info,
        person_id: strawberry.ID,
        role_id: strawberry.ID,
        options: GapOptionsInput | None = None,
    ) -> SkillGap:
        result, _ = await gap_for(info, person_id, role_id, options)
        return result

    @strawberry.field(
        description="The set of credentials that closes the person's gap for the role at the "
        "least cost (or hours, or count), in an order that respects prerequisites. Provably "
        "optimal (an integer program solved by HiGHS) unless `optimal` is false. NOT_FOUND "
        "for an unknown person or role; BAD_USER_INPUT for bad options."
    )
    async def credential_plan(
        self,
        info: Info,
        person_id: strawberry.ID,
        role_id: strawberry.ID,
        options: PlanOptionsInput | None = None,
    ) -> CredentialPlan:
        return await plan_for(info, person_id, role_id, options)

    @strawberry.field(
        description="One plan toward several roles at once: the union of their requirements "
        "(the highest level wins), the steps in order, which roles each step serves, and for "
        "each role the step after which it is reachable. Optimal like credentialPlan for the "
        "summed weights of every role's missing requirements. 1 to 20 distinct roles; "
        "NOT_FOUND for an unknown person or role."
    )
    async def pathway(
        self,
        info: Info,
        person_id: strawberry.ID,
        role_ids: list[strawberry.ID],
        options: PlanOptionsInput | None = None,
    ) -> Pathway:
        return await pathway_for(info, person_id, role_ids, options)

    @strawberry.field(
        description="Single credentials ranked by the missing weight each closes per unit of "
        "the objective (see CredentialGapEdge.score), for UIs that list options."
    )
    async def credentials_for_gap(
        self,
        info: Info,
        person_id: strawberry.ID,
        role_id: strawberry.ID,
        options: PlanOptionsInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> CredentialGapConnection:
        return await ranked_for(info, person_id, role_id, options, first, after)

    @strawberry.field(
        description="People ranked for a role by coverage of its effective requirements "
        "(the gap's definition and weights), then essential coverage, then verified skills. "
        "Only MATCHABLE and PUBLIC people ever appear, and only people meeting at least one "
        "requirement. Each edge explains the match (met and missing). JOB_BOARD and ADMIN "
        "keys only. " + PEOPLE_POLICY[2]
    )
    async def candidates_for_role(
        self,
        info: Info,
        role_id: strawberry.ID,
        options: MatchOptionsInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> CandidateConnection:
        return await candidates_for(info, role_id, options, first, after)

    @strawberry.field(
        description="Roles ranked by the person's coverage (then essential coverage, then "
        "id), among roles sharing at least one skill with the person."
    )
    async def roles_for_person(
        self,
        info: Info,
        person_id: strawberry.ID,
        filter: RoleMatchFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> RoleMatchConnection:
        return await roles_for(info, person_id, filter, first, after)

    @strawberry.field(description="One skill by id or uri (exactly one).")
    async def skill(
        self, info: Info, id: strawberry.ID | None = None, uri: str | None = None
    ) -> Skill:
        return Skill.from_record(await lookup(info, NodeType.SKILL, id, uri))

    @strawberry.field(description="One credential by id or uri (exactly one).")
    async def credential(
        self, info: Info, id: strawberry.ID | None = None, uri: str | None = None
    ) -> Credential:
        return Credential.from_record(await lookup(info, NodeType.CREDENTIAL, id, uri))

    @strawberry.field(description="One provider by id or uri (exactly one).")
    async def provider(
        self, info: Info, id: strawberry.ID | None = None, uri: str | None = None
    ) -> Provider:
        return Provider.from_record(await lookup(info, NodeType.PROVIDER, id, uri))

    @strawberry.field(description="One role by id or uri (exactly one).")
    async def role(
        self, info: Info, id: strawberry.ID | None = None, uri: str | None = None
    ) -> Role:
        return Role.from_record(await lookup(info, NodeType.ROLE, id, uri))

    @strawberry.field(
        description="One person by id or uri (exactly one). " + " ".join(PEOPLE_POLICY)
    )
    async def person(
        self, info: Info, id: strawberry.ID | None = None, uri: str | None = None
    ) -> Person:
        return Person.from_record(await lookup(info, NodeType.PERSON, id, uri))

    @strawberry.field(description="Skills, filtered and sorted; `first` is 0..100 (default 20).")
    async def skills(
        self,
        info: Info,
        filter: SkillFilter | None = None,
        order_by: SkillOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> SkillConnection:
        order = order_by or SkillOrder()
        params = (filter or SkillFilter()).params(info.context.settings.max_list_items)
        page = await _root(info, NodeType.SKILL, params, order, first, after)
        return connection(SkillConnection, SkillEdge, Skill.from_record, page)

    @strawberry.field(description="Credentials, filtered and sorted; `first` is 0..100.")
    async def credentials(
        self,
        info: Info,
        filter: CredentialFilter | None = None,
        order_by: CredentialOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> CredentialConnection:
        order = order_by or CredentialOrder()
        params = (filter or CredentialFilter()).params(info.context.settings.max_list_items)
        page = await _root(info, NodeType.CREDENTIAL, params, order, first, after)
        return connection(CredentialConnection, CredentialEdge, Credential.from_record, page)

    @strawberry.field(description="Providers, filtered and sorted; `first` is 0..100.")
    async def providers(
        self,
        info: Info,
        filter: ProviderFilter | None = None,
        order_by: ProviderOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> ProviderConnection:
        order = order_by or ProviderOrder()
        params = (filter or ProviderFilter()).params(info.context.settings.max_list_items)
        page = await _root(info, NodeType.PROVIDER, params, order, first, after)
        return connection(ProviderConnection, ProviderEdge, Provider.from_record, page)

    @strawberry.field(description="Roles (occupations and postings), filtered and sorted.")
    async def roles(
        self,
        info: Info,
        filter: RoleFilter | None = None,
        order_by: RoleOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> RoleConnection:
        order = order_by or RoleOrder()
        params = (filter or RoleFilter()).params(info.context.settings.max_list_items)
        page = await _root(info, NodeType.ROLE, params, order, first, after)
        return connection(RoleConnection, RoleEdge, Role.from_record, page)

    @strawberry.field(
        description="People the caller may see, filtered and sorted; `first` is 0..100. "
        + " ".join(PEOPLE_POLICY)
    )
    async def people(
        self,
        info: Info,
        filter: PersonFilter | None = None,
        order_by: PersonOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> PersonConnection:
        order = order_by or PersonOrder()
        params = (filter or PersonFilter()).params(info.context.settings.max_list_items)
        allowed, self_id = info.context.permissions.visible_people()
        params.update(allowed=allowed, selfId=self_id)
        page = await _root(info, NodeType.PERSON, params, order, first, after)
        return connection(PersonConnection, PersonEdge, Person.from_record, page)
