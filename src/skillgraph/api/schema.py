from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import FieldExtension, ParserCache, ValidationCache
from strawberry.extensions.field_extension import AsyncExtensionResolver
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import get_object_definition

from skillgraph import __version__
from skillgraph.api.context import Context, Info
from skillgraph.api.errors import variable_error
from skillgraph.api.limits import RequestLimits, validation_rules
from skillgraph.api.loaders import Loaders
from skillgraph.api.mutations.badges import BadgeMutation
from skillgraph.api.mutations.extraction import ExtractionMutation
from skillgraph.api.mutations.nodes import NodeMutation
from skillgraph.api.mutations.relations import RelationMutation
from skillgraph.api.query import RootQuery
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.explore import ExploreQuery
from skillgraph.api.types.extraction import ExtractionQuery
from skillgraph.api.types.market import MarketQuery
from skillgraph.api.types.person import Person
from skillgraph.api.types.provider import Provider
from skillgraph.api.types.role import Role
from skillgraph.api.types.skill import Skill
from skillgraph.observability import tracing
from skillgraph.observability.requests import OperationNames
from skillgraph.settings import Settings

__all__ = ["Mutation", "Query", "build_schema"]

# Parsed and validated documents kept per process (each at most max_tokens long).
DOCUMENT_CACHE_SIZE = 512


@strawberry.type(description="The root of every read.")
class Query(RootQuery, ExploreQuery, MarketQuery, ExtractionQuery):
    @strawberry.field(description="The version of the SkillGraph API serving this request.")
    def api_version(self) -> str:
        return __version__


class SkillGraphSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Errors are logged once, with the request id, by :func:`api.errors.format_error`."""


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Variables that cannot be coerced to their declared types are the caller's mistake:
    BAD_USER_INPUT naming the variable, never an unexpected (INTERNAL) error."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        built = super().build(*args, **kwargs)
        if isinstance(built, list):
            return [variable_error(error) for error in built]
        return built


@strawberry.type(description="The root of every write; each mutation is one transaction.")
class Mutation(NodeMutation, RelationMutation, BadgeMutation, ExtractionMutation):
    pass


class FreshReads(FieldExtension):
    """Mutations run one after another; each starts, and its result is read, with fresh
    DataLoaders, so it sees every earlier write of the request and shows its own."""

    # Positional-only: a mutation may have an argument named `source`.
    async def resolve_async(  # type: ignore[override]
        self, next_: AsyncExtensionResolver, parent: Any, info: Info, /, **kwargs: Any
    ) -> Any:
        _renew(info.context)
        try:
            return await next_(parent, info, **kwargs)
        finally:
            _renew(info.context)


def _renew(context: Context) -> None:
    context.loaders = Loaders.create(context.db, context.permissions.may_see_person)


for _field in get_object_definition(Mutation, strict=True).fields:
    _field.extensions.append(FreshReads())


def build_schema(settings: Settings | None = None) -> SkillGraphSchema:
    """The schema with its per-request limits; the SDL does not depend on ``settings``."""
    limits = settings or Settings(_env_file=None)
    rules = validation_rules(limits)
    # Limits first: they add validation rules, which the validation cache then keys on.
    extensions: list[Any] = [
        lambda: RequestLimits(settings=limits, rules=rules),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        OperationNames,
    ]
    if tracing.enabled():  # a span per root field; no resolver hook at all while off
        extensions.append(tracing.RootFieldSpans)
    return SkillGraphSchema(
        query=Query,
        mutation=Mutation,
        types=[Skill, Credential, Provider, Role, Person],
        extensions=extensions,
        execution_context_class=ExecutionContext,
    )
