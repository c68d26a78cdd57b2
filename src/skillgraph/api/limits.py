"""Limits checked before any Cypher runs: depth, aliases, tokens and cost.

Cost is computed like GitHub's: a connection multiplies what is under it by its `first`
(the default page size when absent), another list by ``LIST_ESTIMATE``; each object (or
connection page of objects) adds its count; scalars are free. So
``skills(first: 10) { edges { node { taughtBy(first: 5) { edges { node { name } } } } } }``
costs 10 (connection) + 10 (nodes) + 50 (taughtBy pages) + 50 (their nodes) = 120.
The computed cost is reported in the response's ``extensions.cost``.

Fields that run the planner cost more than the objects they return: each plan adds
``settings.plan_cost`` (times 1 + its ``alternatives``), multiplied like any object by the
connections and lists above it. ``Person.plans`` counts ``LIST_ESTIMATE`` plans (one per
target role); ``credentialsForGap`` reads like a plan without solving one and counts half.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInt,
    GraphQLSchema,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLObjectType
from graphql.utilities import value_from_ast
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from skillgraph.settings import Environment, Settings

__all__ = ["RequestLimits", "document_cost", "validation_rules"]

LIST_ESTIMATE = 10

# (type, field) -> plans it solves, per object of that type.
PLANNING_FIELDS: Mapping[tuple[str, str], float] = {
    ("Query", "credentialPlan"): 1,
    ("Query", "pathway"): 1,
    ("Query", "credentialsForGap"): 0.5,
    ("Person", "plans"): LIST_ESTIMATE,
    ("Person", "pathway"): 1,
    ("RoleMatchEdge", "cheapestPlanCost"): 1,
}


def _alternatives(selection: FieldNode, variables: Mapping[str, Any]) -> int:
    """The ``alternatives`` a planning field asks for (0 when absent or not an int)."""
    for argument in selection.arguments or ():
        if argument.name.value != "options":
            continue
        value = argument.value
        if isinstance(value, VariableNode):
            options = variables.get(value.name.value)
            found = options.get("alternatives") if isinstance(options, Mapping) else None
        elif isinstance(value, ObjectValueNode):
            found = None
            for entry in value.fields:
                if entry.name.value == "alternatives":
                    found = value_from_ast(entry.value, GraphQLInt, dict(variables))
        else:
            found = None
        return found if isinstance(found, int) and 0 <= found <= 3 else 0
    return 0


def _fragments(context: ValidationContext) -> dict[str, FragmentDefinitionNode]:
    return {
        d.name.value: d
        for d in context.document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> int:
    if selection_set is None:
        return 0
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                inner = _depth(fragments[name].selection_set, fragments, seen | {name})
                deepest = max(deepest, inner)
    return deepest


def _aliases(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> int:
    if selection_set is None:
        return 0
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            count += (selection.alias is not None) + _aliases(
                selection.selection_set, fragments, seen
            )
        elif isinstance(selection, InlineFragmentNode):
            count += _aliases(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                count += _aliases(fragments[name].selection_set, fragments, seen | {name})
    return count


def validation_rules(settings: Settings) -> list[type[ValidationRule]]:
    class DepthRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            fragments = _fragments(context)
            for definition in context.document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    depth = _depth(definition.selection_set, fragments)
                    if depth > settings.max_depth:
                        context.report_error(
                            GraphQLError(
                                f"the query is {depth} levels deep; at most "
                                f"{settings.max_depth} are allowed",
                                extensions={"code": "QUERY_TOO_DEEP"},
                            )
                        )

    class AliasRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            fragments = _fragments(context)
            total = sum(
                _aliases(d.selection_set, fragments)
                for d in context.document.definitions
                if isinstance(d, OperationDefinitionNode)
            )
            if total > settings.max_aliases:
                context.report_error(
                    GraphQLError(
                        f"the query uses {total} aliases; at most {settings.max_aliases} "
                        "are allowed",
                        extensions={"code": "TOO_MANY_ALIASES"},
                    )
                )

    rules: list[type[ValidationRule]] = [DepthRule, AliasRule]
    if settings.environment is Environment.PROD:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


def document_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    default_first: int,
    plan_cost: int = 0,
) -> int:
    """The estimated number of objects ``operation`` can return, plus ``plan_cost`` per plan
    it solves (see the module doc)."""
    root = schema.get_root_type(operation.operation)
    assert root is not None

    def cost(parent: Any, selection_set: SelectionSetNode | None, multiplier: int) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
                    continue
                if selection.name.value.startswith("__"):
                    continue  # introspection is answered from memory; its depth is limited
                definition = parent.fields.get(selection.name.value)
                plans = PLANNING_FIELDS.get((parent.name, selection.name.value), 0)
                if plans:
                    solved = plans * (1 + _alternatives(selection, variables))
                    total += int(multiplier * solved * plan_cost)
                if definition is None or selection.selection_set is None:
                    continue
                if "first" in definition.args:
                    first = default_first
                    for argument in selection.arguments or ():
                        if argument.name.value == "first":
                            value = value_from_ast(argument.value, GraphQLInt, dict(variables))
                            first = value if isinstance(value, int) and value >= 0 else first
                    inner = multiplier * max(first, 1)
                elif selection.name.value == "edges" and parent.name.endswith("Connection"):
                    # A connection's edges are what its `first` already counted.
                    total += cost(
                        get_named_type(definition.type), selection.selection_set, multiplier
                    )
                    continue
                elif is_list_type(get_nullable_type(definition.type)):
                    inner = multiplier * LIST_ESTIMATE
                else:
                    inner = multiplier
                total += inner + cost(
                    get_named_type(definition.type), selection.selection_set, inner
                )
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = schema.get_type(condition.name.value) if condition else parent
                total += cost(target, selection.selection_set, multiplier)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    target = schema.get_type(fragment.type_condition.name.value)
                    total += cost(target, fragment.selection_set, multiplier)
        return total

    return cost(root, operation.selection_set, 1)


class RequestLimits(SchemaExtension):
    """Token, depth, alias and cost limits, each with its own error code."""

    def __init__(
        self, *, settings: Settings, rules: Sequence[type[ValidationRule]] | None = None
    ) -> None:
        self.settings = settings
        # The same rule classes on every request, so validation results can be cached.
        self.rules = tuple(rules if rules is not None else validation_rules(settings))
        self.cost: int | None = None

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self.settings.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = (*context.validation_rules, *self.rules)
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            name = context.operation_name
            # Strawberry falls back to the first operation's name; the spec refuses that.
            if getattr(context, "_provided_operation_name", None) is None and len(operations) > 1:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            "the document holds several operations; name the one to run in "
                            "operationName",
                            extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                        )
                    ],
                )
                yield
                return
            chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            if chosen:
                self.cost = document_cost(
                    context.schema._schema,
                    chosen[0],
                    fragments,
                    context.variables or {},
                    self.settings.default_page_size,
                    self.settings.plan_cost,
                )
                if self.cost > self.settings.max_cost:
                    context.result = ExecutionResult(
                        data=None,
                        errors=[
                            GraphQLError(
                                f"the query could return about {self.cost} objects; at most "
                                f"{self.settings.max_cost} are allowed: lower `first` or "
                                "nest fewer connections",
                                extensions={"code": "QUERY_TOO_COSTLY"},
                            )
                        ],
                    )
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "maximum": self.settings.max_cost}}
