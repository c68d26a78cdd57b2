"""Compiled catalogue reads: a validated GraphQL operation becomes a plan that builds one
:class:`~skillgraph.store.compiler.RootRead` per root field and shapes its rows straight into
the response, with no resolver per field.

:func:`prepare` either returns a :class:`Prepared` plan or raises :class:`NotCompilable`
(the operation uses something outside :mod:`.registry`: people, computed fields, directives,
interfaces, introspection, mutations). A plan is built once per document and reused; per
request it only reads arguments and variables. Whenever a request needs an error (a bad
argument, a missing node, a value the resolvers would reject), :meth:`Prepared.execute`
raises :class:`~.registry.Fallback` and the resolvers answer instead, so both paths give
the same response for the same request.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.types.arguments import convert_arguments

from skillgraph import __version__
from skillgraph.analysis.gap import ordered_requirements
from skillgraph.api.compiled.builder import Builder, Entry, dict_builder
from skillgraph.api.compiled.registry import (
    MONEY,
    NODE_TYPES,
    RELATIONS,
    SCALARS,
    Fallback,
    Relation,
    money,
)
from skillgraph.api.filters import CredentialFilter, ProviderFilter, RoleFilter, SkillFilter
from skillgraph.api.limits import document_cost
from skillgraph.api.pagination import decode_cursor, encode_cursor, page_size
from skillgraph.errors import SkillGraphError
from skillgraph.lru import Lru
from skillgraph.model.ids import NodeType
from skillgraph.settings import Settings
from skillgraph.store.compiler import (
    Child,
    Fetch,
    Lookup,
    Mode,
    PageArgs,
    RootRead,
    Special,
    filter_names,
    run_root,
)
from skillgraph.store.database import Database

__all__ = ["NotCompilable", "Prepared", "prepare"]

NESTED_ORDER = "NAME"
# Argument sets kept per list root, and variable sets per operation for its cost.
PAGE_ARGUMENTS_KEPT = 256
COSTS_KEPT = 256
Fragments = Mapping[str, FragmentDefinitionNode]


class NotCompilable(Exception):
    """The operation is answered by the resolvers; the message says what is outside the
    compiled path (for metrics and tests)."""


# -- collecting fields ----------------------------------------------------------------------


def _collect(
    selection_set: SelectionSetNode,
    typename: str,
    fragments: Fragments,
    out: dict[str, list[FieldNode]],
    visited: set[str],
) -> None:
    applies = {typename, "Node"} if typename in NODE_TYPES else {typename}
    for selection in selection_set.selections:
        if selection.directives:
            raise NotCompilable("directives")
        if isinstance(selection, FieldNode):
            key = selection.alias.value if selection.alias else selection.name.value
            out.setdefault(key, []).append(selection)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            if condition is not None and condition.name.value not in applies:
                raise NotCompilable(f"fragment on {condition.name.value}")
            _collect(selection.selection_set, typename, fragments, out, visited)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visited:
                continue
            visited.add(name)
            fragment = fragments.get(name)
            if fragment is None or fragment.directives:
                raise NotCompilable("fragment")
            if fragment.type_condition.name.value not in applies:
                raise NotCompilable(f"fragment on {fragment.type_condition.name.value}")
            _collect(fragment.selection_set, typename, fragments, out, visited)


def _fields(
    nodes: Sequence[FieldNode], typename: str, fragments: Fragments
) -> dict[str, list[FieldNode]]:
    """The sub-fields of ``nodes`` (one response key's field nodes), merged by response key."""
    out: dict[str, list[FieldNode]] = {}
    visited: set[str] = set()
    for node in nodes:
        if node.selection_set is None:
            raise NotCompilable("a composite field without a selection")
        _collect(node.selection_set, typename, fragments, out, visited)
    return out


# -- shapes -----------------------------------------------------------------------------------

Item = Callable[[list[Any], "Request"], Any]
# How a node's response key gets its value: ("const", value), ("scalar", (slot, convert)),
# ("call", item) or ("child", ChildShape); see NodeShape.shape.
NodeItem = tuple[str, str, Any]
PageInfoShape = Callable[[list[Any], bool, bool, str], Any]


@dataclass
class Request:
    """Per-request values the shapes need: each page's size and whether it had `after`."""

    pages: dict[int, tuple[int, bool]] = field(default_factory=dict)


@dataclass
class NodeShape:
    typename: str
    node_type: NodeType
    props: list[str] = field(default_factory=list)
    children: list[ChildShape] = field(default_factory=list)
    items: list[NodeItem] = field(default_factory=list)
    # Built on first use, once planning has fixed every slot.
    _build: Builder | None = field(default=None, init=False, repr=False, compare=False)

    def slot(self, prop: str) -> int:
        if prop not in self.props:
            self.props.append(prop)
        return self.props.index(prop)

    def fetch(self, request: Request, bind: Callable[[ChildShape], PageArgs | None]) -> Fetch:
        children = tuple(
            Child(
                via=c.relation.via,
                mode=c.relation.mode,
                node=c.node.fetch(request, bind),
                rel_props=tuple(c.rel_props),
                count=c.count,
                page=(page := bind(c)),
                after=page is not None and page.after_key is not None,
                keys=c.keys,
            )
            for c in self.children
        )
        return Fetch(self.node_type, tuple(self.props), children)

    def shape(self, value: list[Any], request: Request) -> dict[str, Any]:
        build = self._build
        if build is None:
            build = self._build = dict_builder([self._entry(*item) for item in self.items])
        return build(value, request)

    def _entry(self, key: str, kind: str, arg: Any) -> Entry:
        if kind == "const":
            return Entry(key, arg, const=True)
        if kind == "scalar":
            slot, convert = arg
            return Entry(key, convert, slot=slot)
        if kind == "child":
            # A child's value follows the node's properties.
            return Entry(key, arg.shape, slot=len(self.props) + arg.slot, request=True)
        return Entry(key, arg, request=True)


@dataclass
class ChildShape:
    relation: Relation
    nodes: list[FieldNode]
    definition: GraphQLField
    node: NodeShape
    index: int = 0
    slot: int = 0
    rel_props: list[str] = field(default_factory=list)
    count: bool = False
    # A page's rows carry (sortKey, id) only when a cursor is selected.
    keys: bool = False
    # One row past the page is fetched only when pageInfo.hasNextPage is selected.
    more: bool = False
    shape: Callable[[Any, Request], Any] = field(default=lambda v, r: v)

    def rel_slot(self, prop: str) -> int:
        if prop not in self.rel_props:
            self.rel_props.append(prop)
        return self.rel_props.index(prop)


class _Planner:
    def __init__(self, schema: GraphQLSchema, fragments: Fragments) -> None:
        self.schema = schema
        self.fragments = fragments
        self.pages: list[ChildShape] = []

    def _type(self, name: str) -> GraphQLObjectType:
        named = self.schema.get_type(name)
        assert isinstance(named, GraphQLObjectType), name
        return named

    # A node selection on Skill, Credential, Provider or Role.
    def node(self, typename: str, nodes: Sequence[FieldNode]) -> NodeShape:
        shape = NodeShape(typename, NODE_TYPES[typename])
        scalars = SCALARS[typename]
        for key, group in _fields(nodes, typename, self.fragments).items():
            name = group[0].name.value
            if name == "__typename":
                shape.items.append((key, "const", typename))
            elif name in scalars:
                spec = scalars[name]
                shape.items.append((key, "scalar", (shape.slot(spec.prop), spec.convert)))
            elif (typename, name) in MONEY:
                amount, currency = MONEY[(typename, name)]
                shape.items.append(
                    (key, "call", self._money(group, shape.slot(amount), shape.slot(currency)))
                )
            elif (typename, name) in RELATIONS:
                child = self.relation(typename, name, group)
                shape.children.append(child)
                child.slot = len(shape.children) - 1
                shape.items.append((key, "child", child))
            else:
                raise NotCompilable(f"{typename}.{name}")
        return shape

    def _money(self, group: Sequence[FieldNode], amount: int, currency: int) -> Item:
        sub: list[tuple[str, str]] = []
        for key, nodes in _fields(group, "Money", self.fragments).items():
            name = nodes[0].name.value
            if name not in ("amount", "currency", "__typename"):
                raise NotCompilable(f"Money.{name}")
            sub.append((key, name))

        def item(value: list[Any], _r: Request) -> Any:
            price = money(value[amount], value[currency])
            if price is None:
                return None
            parts = {"amount": price[0], "currency": price[1], "__typename": "Money"}
            return {key: parts[name] for key, name in sub}

        return item

    def relation(self, typename: str, name: str, group: list[FieldNode]) -> ChildShape:
        relation = RELATIONS[(typename, name)]
        definition = self._type(typename).fields[name]
        placeholder = NodeShape(relation.child, NODE_TYPES[relation.child])
        child = ChildShape(relation, group, definition, placeholder)
        # Numbered in the compiler's pre-order: this child before its own children.
        self.pages.append(child)
        child.index = len(self.pages)
        if relation.mode is Mode.PAGE:
            child.shape = self._page(child, group)
        elif relation.mode is Mode.SINGLE:
            node = child.node = self.node(relation.child, group)
            child.shape = lambda v, r: None if v is None else node.shape(v, r)
        elif relation.via is Special.REQUIREMENTS:
            child.shape = self._requirements(child, group)
        elif relation.wrapper is not None:
            child.shape = self._wrapped(child, group)
        else:
            node = child.node = self.node(relation.child, group)
            child.shape = lambda rows, r: [node.shape(row[-1], r) for row in rows]
        return child

    def _node_under(self, child: ChildShape, nodes: list[FieldNode]) -> None:
        child.node = self.node(child.relation.child, nodes)

    def _wrapped(self, child: ChildShape, group: list[FieldNode]) -> Callable[[Any, Request], Any]:
        relation = child.relation
        wrapper = relation.wrapper
        assert wrapper is not None
        related = relation.via is Special.RELATED
        edge = {f: (p, c) for f, p, c in relation.edge_fields}
        items: list[tuple[str, str, Any]] = []
        node_groups: list[FieldNode] = []
        for key, nodes in _fields(group, wrapper, self.fragments).items():
            name = nodes[0].name.value
            if name == "__typename":
                items.append((key, "const", wrapper))
            elif name == relation.node_field:
                node_groups.extend(nodes)
                items.append((key, "node", None))
            elif related and name in ("relationType", "outgoing"):
                items.append((key, name, None))
            elif name in edge:
                prop, convert = edge[name]
                items.append((key, "rel", (child.rel_slot(prop), convert)))
            else:
                raise NotCompilable(f"{wrapper}.{name}")
        if node_groups:
            self._node_under(child, node_groups)
        node = child.node
        one = _rows_builder(items, node, 0)
        return lambda rows, request: [one(row, request) for row in rows]

    def _requirements(
        self, child: ChildShape, group: list[FieldNode]
    ) -> Callable[[Any, Request], Any]:
        items: list[tuple[str, str]] = []
        node_groups: list[FieldNode] = []
        for key, nodes in _fields(group, "RoleRequirement", self.fragments).items():
            name = nodes[0].name.value
            if name not in (
                "skill",
                "importance",
                "level",
                "inherited",
                "extracted",
                "confidence",
                "__typename",
            ):
                raise NotCompilable(f"RoleRequirement.{name}")
            if name == "skill":
                node_groups.extend(nodes)
            items.append((key, name))
        if node_groups:
            self._node_under(child, node_groups)
        node = child.node

        def shape(rows: list[list[Any]], request: Request) -> list[dict[str, Any]]:
            by_skill = {row[4]: row[-1] for row in rows}
            own = {row[4]: row for row in rows if not row[2]}
            effective = ordered_requirements(
                [(row[4], row[3], row[0], row[1], bool(row[2])) for row in rows]
            )
            out = []
            for requirement in effective:
                mine = None if requirement.inherited else own[requirement.skill_id]
                values = {
                    "importance": requirement.importance.value,
                    "level": requirement.level,
                    "inherited": requirement.inherited,
                    "extracted": mine is not None and bool(mine[5]),
                    "confidence": _opt_float(mine[6]) if mine is not None else None,
                    "__typename": "RoleRequirement",
                }
                out.append(
                    {
                        key: node.shape(by_skill[requirement.skill_id], request)
                        if name == "skill"
                        else values[name]
                        for key, name in items
                    }
                )
            return out

        return shape

    def _page(self, child: ChildShape, group: list[FieldNode]) -> Callable[[Any, Request], Any]:
        relation = child.relation
        connection, edge_type = relation.connection, relation.edge
        assert connection is not None
        assert edge_type is not None
        edge = {f: (p, c) for f, p, c in relation.edge_fields}
        top: list[tuple[str, str, Any]] = []
        node_groups: list[FieldNode] = []
        for key, nodes in _fields(group, connection, self.fragments).items():
            name = nodes[0].name.value
            if name == "__typename":
                top.append((key, "const", connection))
            elif name == "totalCount":
                child.count = True
                top.append((key, "total", None))
            elif name == "pageInfo":
                info, cursors, more = self._page_info(nodes)
                child.keys = child.keys or cursors
                child.more = child.more or more
                top.append((key, "pageInfo", info))
            elif name == "edges":
                edge_items: list[tuple[str, str, Any]] = []
                for ekey, enodes in _fields(nodes, edge_type, self.fragments).items():
                    ename = enodes[0].name.value
                    if ename == "__typename":
                        edge_items.append((ekey, "const", edge_type))
                    elif ename == "cursor":
                        child.keys = True
                        edge_items.append((ekey, "cursor", None))
                    elif ename == "node":
                        node_groups.extend(enodes)
                        edge_items.append((ekey, "node", None))
                    elif ename in edge:
                        prop, convert = edge[ename]
                        edge_items.append((ekey, "rel", (child.rel_slot(prop), convert)))
                    else:
                        raise NotCompilable(f"{edge_type}.{ename}")
                top.append((key, "edges", edge_items))
            else:
                raise NotCompilable(f"{connection}.{name}")
        if node_groups:
            self._node_under(child, node_groups)
        node = child.node
        index = child.index
        # Where a row's relationship properties start: after (sortKey, id) when it has them.
        offset = 2 if child.keys else 0
        edge_of = {
            key: _rows_builder(arg, node, offset) for key, kind, arg in top if kind == "edges"
        }

        def shape(value: list[Any], request: Request) -> dict[str, Any]:
            size, after = request.pages[index]
            rows, total = value[0], value[1]
            has_next = len(rows) > size
            rows = rows[:size]
            out: dict[str, Any] = {}
            for key, kind, arg in top:
                if kind == "const":
                    out[key] = arg
                elif kind == "total":
                    out[key] = int(total)
                elif kind == "pageInfo":
                    out[key] = arg(rows, has_next, after, NESTED_ORDER)
                else:
                    edge = edge_of[key]
                    out[key] = [edge(row, request) for row in rows]
            return out

        return shape

    def _page_info(self, nodes: list[FieldNode]) -> tuple[PageInfoShape, bool, bool]:
        """The pageInfo shaper, whether it needs the rows' keys (a start or end cursor) and
        whether it needs to know if there is a next page (one row past the page)."""
        items: list[tuple[str, str]] = []
        for key, group in _fields(nodes, "PageInfo", self.fragments).items():
            name = group[0].name.value
            if name not in (
                "hasNextPage",
                "hasPreviousPage",
                "startCursor",
                "endCursor",
                "__typename",
            ):
                raise NotCompilable(f"PageInfo.{name}")
            items.append((key, name))

        def info(rows: list[Any], has_next: bool, after: bool, order: str) -> dict[str, Any]:
            values: dict[str, Any] = {}
            for key, name in items:
                if name == "hasNextPage":
                    values[key] = has_next
                elif name == "hasPreviousPage":
                    values[key] = after
                elif name == "__typename":
                    values[key] = "PageInfo"
                elif not rows:
                    values[key] = None
                else:
                    row = rows[0] if name == "startCursor" else rows[-1]
                    values[key] = encode_cursor(order, row[0], row[1])
            return values

        names = {name for _, name in items}
        return info, bool(names & {"startCursor", "endCursor"}), "hasNextPage" in names


class _LazyBuilder:
    """A dict builder made on first call, from entries known only once planning is done
    (a nested node's slots)."""

    def __init__(self, entries: Callable[[], list[Entry]]) -> None:
        self._entries = entries
        self._build: Builder | None = None

    def __call__(self, row: Any, request: Request) -> dict[str, Any]:
        build = self._build
        if build is None:
            build = self._build = dict_builder(self._entries())
        return build(row, request)


def _rows_builder(items: list[tuple[str, str, Any]], node: NodeShape, offset: int) -> _LazyBuilder:
    return _LazyBuilder(lambda: [_row_entry(k, kind, a, node, offset) for k, kind, a in items])


def _row_entry(key: str, kind: str, arg: Any, node: NodeShape, offset: int) -> Entry:
    """How a nested row (a page's edge, a wrapper such as SkillLevel) fills ``key``: the
    row is ``[*keys, *rel_props, node]``, its relationship properties from ``offset``."""
    if kind == "const":
        return Entry(key, arg, const=True)
    if kind == "cursor":
        return Entry(key, _nested_cursor)
    if kind == "node":
        return Entry(key, node.shape, slot=-1, request=True)
    if kind == "relationType":
        return Entry(key, _opt, slot=0)
    if kind == "outgoing":
        return Entry(key, bool, slot=1)
    slot, convert = arg
    return Entry(key, convert, slot=offset + slot)


def _nested_cursor(row: list[Any]) -> str:
    return encode_cursor(NESTED_ORDER, row[0], row[1])


def _opt_float(value: Any) -> Any:
    return None if value is None else float(value)


def _opt(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise Fallback("not a string")


# -- roots ------------------------------------------------------------------------------------


class RunContext:
    """What a compiled root needs per request."""

    def __init__(self, db: Database, settings: Settings, variables: Any, schema: Any) -> None:
        self.db = db
        self.settings = settings
        self.variables = variables
        self.schema = schema


class Root(ABC):
    """A compiled root field: runs its one query and shapes the answer."""

    @abstractmethod
    async def run(self, ctx: RunContext) -> Any: ...


@dataclass
class ConstRoot(Root):
    value: Any

    async def run(self, ctx: RunContext) -> Any:
        return self.value


def _bind_pages(ctx: RunContext, request: Request) -> Callable[[ChildShape], PageArgs | None]:
    def bind(child: ChildShape) -> PageArgs | None:
        if child.relation.mode is not Mode.PAGE:
            return None
        args = get_argument_values(child.definition, child.nodes[0], ctx.variables)
        size = page_size(args.get("first"), ctx.settings)
        after = args.get("after")
        cursor = decode_cursor(after, NESTED_ORDER)
        request.pages[child.index] = (size, after is not None)
        return PageArgs(
            limit=size + 1 if child.more else size,
            after_key=str(cursor.key) if cursor else None,
            after_id=cursor.id if cursor else None,
        )

    return bind


@dataclass
class LookupRoot(Root):
    node: NodeShape
    definition: GraphQLField
    field_node: FieldNode

    async def run(self, ctx: RunContext) -> Any:
        args = get_argument_values(self.definition, self.field_node, ctx.variables)
        node_id, uri = args.get("id"), args.get("uri")
        if (node_id is None) == (uri is None):
            raise Fallback("give exactly one of id or uri")
        request = Request()
        fetch = self.node.fetch(request, _bind_pages(ctx, request))
        lookup = Lookup.ID if node_id is not None else Lookup.URI
        params = {"id": node_id} if node_id is not None else {"uri": uri}
        result = await run_root(ctx.db, RootRead(fetch, lookup=lookup, params=params))
        if not result.rows:
            raise Fallback("not found")
        return self.node.shape(result.rows[0][2], request)


@dataclass
class ListRoot(Root):
    node: NodeShape | None
    definition: GraphQLField
    field_node: FieldNode
    strawberry_field: Any
    top: list[tuple[str, str, Any]]
    count: bool
    order_field: str
    filter_type: Any
    # Whether pageInfo.hasNextPage is selected (then one row past the page is fetched).
    more: bool = False
    pages: Lru[str, PageArguments] = field(default_factory=lambda: Lru(PAGE_ARGUMENTS_KEPT))

    async def run(self, ctx: RunContext) -> Any:
        raw = get_argument_values(self.definition, self.field_node, ctx.variables)
        key = repr(raw)
        page = self.pages.get(key)
        if page is None or page.settings is not ctx.settings:
            page = self._page(raw, ctx)
            if page.after is None:  # a first page (no cursor to verify) is worth keeping
                self.pages.put(key, page)
        params, order, descending, size = page.params, page.order, page.descending, page.size
        after = page.after
        cursor = decode_cursor(after, order)
        node_type = NODE_TYPES[self.node.typename] if self.node else None
        request = Request()
        assert self.node is not None
        assert node_type is not None
        fetch = self.node.fetch(request, _bind_pages(ctx, request))
        read = RootRead(
            fetch,
            order=order,
            descending=descending,
            filters=filter_names(node_type, params),
            after=cursor is not None,
            rows=any(kind != "total" and kind != "const" for _, kind, _ in self.top),
            count=self.count,
            params={
                **params,
                # One row past the page tells whether there is a next one, when asked.
                "limit": size + 1 if self.more else size,
                "afterKey": cursor.key if cursor else None,
                "afterId": cursor.id if cursor else None,
            },
        )
        result = await run_root(ctx.db, read)
        rows = result.rows[:size]
        has_next = len(result.rows) > size
        out: dict[str, Any] = {}
        node = self.node
        for key, kind, arg in self.top:
            if kind == "const":
                out[key] = arg
            elif kind == "total":
                out[key] = result.total
            elif kind == "pageInfo":
                out[key] = arg(rows, has_next, after is not None, order)
            else:
                out[key] = [_root_edge(arg, row, node, request, order) for row in rows]
        return out

    def _page(self, raw: dict[str, Any], ctx: RunContext) -> PageArguments:
        args = convert_arguments(
            raw,
            self.strawberry_field.arguments,
            scalar_registry=ctx.schema.schema_converter.scalar_registry,
            config=ctx.schema.config,
        )
        filters = args.get("filter")
        order_input = args.get("order_by")
        params = (filters if filters is not None else self.filter_type()).params(
            ctx.settings.max_list_items
        )
        order = order_input.field.value if order_input is not None else self.order_field
        return PageArguments(
            settings=ctx.settings,
            params=params,
            order=order,
            descending=order_input is not None and order_input.direction.value == "DESC",
            size=page_size(args.get("first"), ctx.settings),
            after=args.get("after"),
        )


@dataclass(frozen=True)
class PageArguments:
    """A list root's arguments as the store takes them, derived from the GraphQL arguments
    (kept per argument values: converting and validating them is a fair share of a small
    read's CPU). Holds no query result."""

    settings: Settings
    params: Mapping[str, Any]
    order: str
    descending: bool
    size: int
    after: str | None


def _root_edge(
    items: list[tuple[str, str, Any]], row: list[Any], node: NodeShape, request: Request, order: str
) -> Any:
    out: dict[str, Any] = {}
    for key, kind, arg in items:
        if kind == "const":
            out[key] = arg
        elif kind == "cursor":
            out[key] = encode_cursor(order, row[0], row[1])
        else:
            out[key] = node.shape(row[2], request)
    return out


_ROOT_LISTS: dict[str, tuple[str, str, str, str, Any]] = {
    "skills": ("Skill", "SkillConnection", "SkillEdge", "NAME", SkillFilter),
    "credentials": (
        "Credential",
        "CredentialConnection",
        "CredentialEdge",
        "NAME",
        CredentialFilter,
    ),
    "providers": ("Provider", "ProviderConnection", "ProviderEdge", "NAME", ProviderFilter),
    "roles": ("Role", "RoleConnection", "RoleEdge", "TITLE", RoleFilter),
}
_ROOT_LOOKUPS = {
    "skill": "Skill",
    "credential": "Credential",
    "provider": "Provider",
    "role": "Role",
}


class _RootPlanner(_Planner):
    def __init__(self, schema: GraphQLSchema, fragments: Fragments, strawberry_schema: Any) -> None:
        super().__init__(schema, fragments)
        self.strawberry_schema = strawberry_schema

    def root(self, name: str, group: list[FieldNode]) -> Root:
        query_type = self.schema.query_type
        assert query_type is not None
        if name == "__typename":
            return ConstRoot("Query")
        if name == "apiVersion":
            return ConstRoot(__version__)
        definition = query_type.fields[name]
        if name in _ROOT_LOOKUPS:
            typename = _ROOT_LOOKUPS[name]
            return LookupRoot(self.node(typename, group), definition, group[0])
        if name in _ROOT_LISTS:
            return self._list(name, group, definition)
        raise NotCompilable(f"Query.{name}")

    def _list(self, name: str, group: list[FieldNode], definition: GraphQLField) -> Root:
        typename, connection, edge_type, default_order, filter_type = _ROOT_LISTS[name]
        query_def = self.strawberry_schema.get_type_by_name("Query")
        strawberry_field = next(f for f in query_def.fields if f.python_name == name)
        top: list[tuple[str, str, Any]] = []
        node_groups: list[FieldNode] = []
        count = more = False
        for key, nodes in _fields(group, connection, self.fragments).items():
            field_name = nodes[0].name.value
            if field_name == "__typename":
                top.append((key, "const", connection))
            elif field_name == "totalCount":
                count = True
                top.append((key, "total", None))
            elif field_name == "pageInfo":
                info, _cursors, page_more = self._page_info(nodes)
                more = more or page_more
                top.append((key, "pageInfo", info))
            elif field_name == "edges":
                items: list[tuple[str, str, Any]] = []
                for ekey, enodes in _fields(nodes, edge_type, self.fragments).items():
                    ename = enodes[0].name.value
                    if ename == "__typename":
                        items.append((ekey, "const", edge_type))
                    elif ename == "cursor":
                        items.append((ekey, "cursor", None))
                    elif ename == "node":
                        node_groups.extend(enodes)
                        items.append((ekey, "node", None))
                    else:
                        raise NotCompilable(f"{edge_type}.{ename}")
                top.append((key, "edges", items))
            else:
                raise NotCompilable(f"{connection}.{field_name}")
        node = (
            self.node(typename, node_groups)
            if node_groups
            else NodeShape(typename, NODE_TYPES[typename])
        )
        return ListRoot(
            node,
            definition,
            group[0],
            strawberry_field,
            top,
            count,
            default_order,
            filter_type,
            more,
        )


# -- the prepared operation --------------------------------------------------------------------


@dataclass
class Prepared:
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    roots: list[tuple[str, Root]]
    costs: Lru[tuple[str, int], int] = field(default_factory=lambda: Lru(COSTS_KEPT))

    async def execute(
        self,
        db: Database,
        settings: Settings,
        strawberry_schema: Any,
        raw_variables: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        """The response (``data`` and ``extensions``). Raises Fallback whenever the
        resolvers must answer (bad variables, too costly, a bad argument, not found)."""
        schema: GraphQLSchema = strawberry_schema._schema
        coerced = get_variable_values(
            schema, self.operation.variable_definitions or (), dict(raw_variables or {})
        )
        if isinstance(coerced, list):
            raise Fallback("variables")
        key = (repr(coerced.coerced), settings.default_page_size)
        cost = self.costs.get(key)
        if cost is None:
            cost = document_cost(
                schema, self.operation, self.fragments, coerced.coerced, settings.default_page_size
            )
            self.costs.put(key, cost)
        if cost > settings.max_cost:
            raise Fallback("too costly")
        ctx = RunContext(db, settings, coerced, strawberry_schema)
        try:
            if len(self.roots) == 1:  # no task to spawn for the common one-root read
                values = [await self.roots[0][1].run(ctx)]
            else:
                values = await asyncio.gather(*(root.run(ctx) for _, root in self.roots))
        except SkillGraphError as exc:
            raise Fallback(exc.message) from exc
        return {
            "data": {key: value for (key, _), value in zip(self.roots, values, strict=True)},
            "extensions": {"cost": {"requested": cost, "maximum": settings.max_cost}},
        }


def prepare(
    strawberry_schema: Any,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
) -> Prepared:
    """The compiled plan for a validated ``operation``; NotCompilable when it is not one."""
    if operation.operation is not OperationType.QUERY:
        raise NotCompilable(operation.operation.value)
    if operation.directives:
        raise NotCompilable("directives")
    schema: GraphQLSchema = strawberry_schema._schema
    planner = _RootPlanner(schema, fragments, strawberry_schema)
    query_type = schema.query_type
    assert query_type is not None
    grouped: dict[str, list[FieldNode]] = {}
    _collect(operation.selection_set, "Query", fragments, grouped, set())
    roots: list[tuple[str, Root]] = []
    for key, group in grouped.items():
        name = group[0].name.value
        if name.startswith("__") and name != "__typename":
            raise NotCompilable("introspection")
        planner.pages = []
        roots.append((key, planner.root(name, group)))
    return Prepared(operation, fragments, roots)
