"""The read compiler: a catalogue read becomes one Cypher query per root field.

A :class:`RootRead` says what a GraphQL selection asks for: which node properties, which
relationships (each a :class:`Child`: every child, the first child, or a keyset page per
parent with an optional count), nested to any depth. :func:`compile_root` turns it into one
query that fetches exactly that: selected properties only, each nested page ordered and
limited per parent inside Cypher (``COLLECT { ... ORDER BY ... LIMIT $l }``), counts only
where asked for, and a root page that reads the ``(sortKey, id)`` index in order.

This module is the one place where Cypher is generated rather than read from ``cypher/``.
The text is built only from this module's registry (labels, relationship types, property
names, order keys, filter predicates) and generated variable names; every value (ids, text,
limits, cursor keys, filter values) is a parameter. Texts are cached per shape, so Neo4j
reuses their plans.

Result layout (the contract with the shaper in ``api/compiled``):

* a node is a list: its ``props`` in order, then one value per ``children`` entry; with
  ``whole=True`` it is the map of all its properties instead; ``createdAt`` and
  ``updatedAt`` come as ISO 8601 text;
* a LIST child is a list of rows ``[*rel_props, node]`` in (sortKey, id) order;
  REQUIREMENTS rows are ``[importance, level, inherited, sortKey, id, extracted,
  confidence, node]`` (own and inherited, unmerged); RELATED rows are
  ``[relationType, outgoing, node]``;
* a SINGLE child is the first such node, or null;
* a PAGE child is ``[rows, total]``: rows ``[sortKey, id, *rel_props, node]`` (at most
  ``limit``; ``[*rel_props, node]`` when ``keys`` is off), total the number of children
  (null unless ``count``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from skillgraph.model.ids import NodeType
from skillgraph.store.database import Database
from skillgraph.store.links import Direction, Link

__all__ = [
    "Child",
    "Fetch",
    "Lookup",
    "Mode",
    "PageArgs",
    "RootRead",
    "RootResult",
    "Special",
    "compile_root",
    "filter_names",
    "run_root",
]


class Mode(enum.Enum):
    LIST = "list"
    SINGLE = "single"
    PAGE = "page"


class Special(enum.Enum):
    """Relationship reads that are not a plain :class:`Link`."""

    REQUIREMENTS = "requirements"  # a role's own and inherited REQUIRES, unmerged
    RELATED = "related"  # RELATED in either direction, with which way it points


class Lookup(enum.Enum):
    LIST = "list"
    ID = "id"
    URI = "uri"


@dataclass(frozen=True)
class PageArgs:
    """One nested page's values: ``limit`` rows strictly after (after_key, after_id)."""

    limit: int
    after_key: str | None = None
    after_id: str | None = None


@dataclass(frozen=True)
class Fetch:
    node_type: NodeType
    props: tuple[str, ...] = ()
    children: tuple[Child, ...] = ()
    whole: bool = False


@dataclass(frozen=True)
class Child:
    """``page`` carries values, not shape: it is left out of equality, so every request of
    the same shape shares one compiled text."""

    via: Link | Special
    mode: Mode
    node: Fetch
    rel_props: tuple[str, ...] = ()
    count: bool = False
    page: PageArgs | None = field(default=None, compare=False)
    # Shape: whether the page starts after a cursor (a first page's query has no condition
    # for the planner to evaluate per row).
    after: bool = False
    # Shape: whether a PAGE child's rows carry their (sortKey, id) keys, which only cursors
    # need: left out, a row is ``[*rel_props, node]``.
    keys: bool = True


@dataclass(frozen=True)
class RootRead:
    """A root list page (``lookup=LIST``) or one node by id or uri.

    ``filters`` names the set filters of the node type (see :func:`filter_names`); their
    values, and ``limit``, ``afterKey``, ``afterId``, ``id`` or ``uri``, are in ``params``.
    ``rows=False`` skips the page (only the count was asked for).
    """

    node: Fetch
    lookup: Lookup = Lookup.LIST
    order: str = "NAME"
    descending: bool = False
    filters: frozenset[str] = frozenset()
    after: bool = False
    rows: bool = True
    count: bool = False
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RootResult:
    rows: list[list[Any]]  # [key, id, node]
    total: int | None


# -- registry -------------------------------------------------------------------------------

_FULLTEXT = {
    NodeType.SKILL: "skill_text",
    NodeType.CREDENTIAL: "credential_text",
    NodeType.PROVIDER: "provider_text",
    NodeType.ROLE: "role_text",
}

_HIGH = "1.0e18"  # unknown cost or duration sorts last in either direction
_ORDER_KEYS: dict[str, str] = {
    "NAME": "n.sortKey",
    "TITLE": "n.sortKey",
    "CREATED_AT": "n.createdAt.epochMillis",
    "UPDATED_AT": "n.updatedAt.epochMillis",
    "COST": "coalesce(n.costValue, __HIGH__)",
    "DURATION": "coalesce(n.durationHours, __HIGH__)",
    # Every credential write sets valueScore (0 until a refresh), so no coalesce: the
    # (valueScore, id) index gives the order.
    "VALUE": "n.valueScore",
}
# Sent as ISO 8601 text: a driver DateTime costs far more to receive than a string.
_TEMPORAL = {"createdAt", "updatedAt"}
# Keys that are a stored property, so a range index on (property, id) gives them in order;
# with the filters that index still serves.
_INDEXED_KEYS: dict[str, tuple[str, frozenset[str]]] = {
    "NAME": ("sortKey", frozenset({"allowed"})),
    "TITLE": ("sortKey", frozenset({"allowed"})),
    "VALUE": ("valueScore", frozenset({"minValue"})),
}
# Keys that coalesce an optional property, with that property and the filters that leave out
# nodes without it. Ordering by the bare property gives the same order when no node lacks it
# (such a filter is on) or when ascending (Cypher sorts null last, as the coalesced key does),
# and lets the planner read the property's range index in order (a partial top-N) instead of
# sorting every match.
_NULLABLE_KEYS: dict[str, tuple[str, frozenset[str]]] = {
    "COST": ("n.costValue", frozenset({"maxCost"})),
    "DURATION": ("n.durationHours", frozenset({"maxHours"})),
}

_FILTERS: dict[NodeType, dict[str, str]] = {
    NodeType.SKILL: {
        "types": "n.type IN $types",
        "uris": "n.uri IN $uris",
    },
    NodeType.CREDENTIAL: {
        "teaches": "EXISTS { MATCH (n)-[:TEACHES]->(t:Skill) WHERE t.id IN $teaches }",
        "teachesAll": "all(sid IN $teaches WHERE EXISTS { (n)-[:TEACHES]->(:Skill {id: sid}) })",
        "providers": "EXISTS { MATCH (p:Provider)-[:OFFERS]->(n) WHERE p.id IN $providers }",
        "kinds": "n.kind IN $kinds",
        "formats": "n.format IN $formats",
        "statuses": "n.status IN $statuses",
        "maxHours": "n.durationHours <= $maxHours",
        "maxCost": "n.costCurrency = $maxCostCurrency AND n.costValue <= $maxCostValue",
        "minValue": "n.valueScore >= $minValue",
    },
    NodeType.PROVIDER: {
        "kinds": "n.kind IN $kinds",
        "accredited": "n.accredited = $accredited",
    },
    NodeType.ROLE: {
        "kinds": "n.kind IN $kinds",
        "employer": "toLower(n.employer) = toLower($employer)",
        "requiresSkill": "(EXISTS { (n)-[:REQUIRES]->(:Skill {id: $requiresSkill}) }"
        " OR EXISTS { (n)-[:SPECIALIZES]->(:Role)-[:REQUIRES]->(:Skill {id: $requiresSkill}) })",
    },
    NodeType.PERSON: {
        # The permission hook's answer: who the caller may see at all. (A CASE, not an OR,
        # so the planner keeps one index scan in order instead of a union of two.)
        "allowed": "CASE WHEN n.id = $selfId THEN true ELSE n.visibility IN $allowed END",
        "visibilities": "n.visibility IN $visibilities",
        "hasSkill": "all(sid IN $hasSkill WHERE EXISTS { (n)-[:HAS_SKILL]->(:Skill {id: sid}) }"
        " OR EXISTS { MATCH (n)-[e:EARNED]->(:Credential)-[:TEACHES]->(:Skill {id: sid})"
        " WHERE e.status = 'ACTIVE' AND (e.expiresAt IS NULL OR e.expiresAt > datetime()) })",
    },
}


def filter_names(node_type: NodeType, params: Mapping[str, Any]) -> frozenset[str]:
    """The filters set in ``params`` (a root list's parameters; None means unset).

    ``teaches`` becomes ``teachesAll`` when ``teachesAll`` is true, ``maxCostCurrency``
    means ``maxCost``, and a person list is always narrowed by ``allowed``."""
    names: set[str] = set()
    if params.get("text") is not None:
        names.add("text")
    for name in _FILTERS[node_type]:
        if name == "teachesAll":
            continue
        if name == "teaches":
            if params.get("teaches") is not None:
                names.add("teachesAll" if params.get("teachesAll") else "teaches")
        elif name == "maxCost":
            if params.get("maxCostCurrency") is not None:
                names.add("maxCost")
        elif name == "allowed" or params.get(name) is not None:
            names.add(name)
    return frozenset(names)


# A full-text page walks the order's index instead of sorting the hits when there are at least
# one hit per _WALK_RATIO nodes of the label. Measured on `seed synthetic --scale 1` (14,000
# skills): sorting costs about 1.6-2.3 us per hit, walking the index about 0.17 us per entry,
# so a walk, even one that visits every entry, costs no more than sorting from about one hit
# in ten; for evenly spread hits it stops far sooner ("data": 1,613 hits, 2.9 ms against 5.2).
_WALK_RATIO = 10


def _direction(root: RootRead) -> str:
    return "DESC" if root.descending else "ASC"


def _after(root: RootRead, key: str) -> str:
    """Strictly after ($afterKey, $afterId), written without a top-level OR so the planner
    can seek the index from afterKey and keep its order."""
    from_, back = ("<=", ">=") if root.descending else (">=", "<=")
    return f"{key} {from_} $afterKey AND NOT ({key} = $afterKey AND n.id {back} $afterId)"


# -- compilation ----------------------------------------------------------------------------

_CACHE: dict[RootRead, str] = {}
_CACHE_LIMIT = 2048


def _sort_expression(root: RootRead, key: str) -> str:
    """What a page's ORDER BY sorts on: ``key`` itself, or the property it coalesces when
    that orders the same (see ``_NULLABLE_KEYS``)."""
    nullable = _NULLABLE_KEYS.get(root.order)
    if nullable is not None and (not root.descending or root.filters & nullable[1]):
        return nullable[0]
    return key


def compile_root(root: RootRead) -> str:
    """The Cypher text for ``root``'s shape (cached). Raises ValueError for a shape the
    registry does not know (an unknown order key or filter)."""
    text = _CACHE.get(root)
    if text is None:
        text = _Compiler().root(root)
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[root] = text
    return text


class _Compiler:
    def __init__(self) -> None:
        self.counter = 0

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def root(self, root: RootRead) -> str:
        label = root.node.node_type.value
        if root.lookup is not Lookup.LIST:
            key = "id" if root.lookup is Lookup.ID else "uri"
            return (
                f"MATCH (n:{label} {{{key}: ${key}}})\nWITH n LIMIT 1\n"
                f"RETURN collect([null, n.id, {self.node('n', root.node)}]) AS rows, "
                "null AS total"
            )
        if root.order not in _ORDER_KEYS:
            raise ValueError(f"no order key {root.order!r}")
        unknown = root.filters - _FILTERS[root.node.node_type].keys() - {"text"}
        if unknown:
            raise ValueError(f"unknown filters {sorted(unknown)} for {label}")
        high = f"-{_HIGH}" if root.descending else _HIGH
        key = _ORDER_KEYS[root.order].replace("__HIGH__", high)
        source = self._source(root)
        conditions = [_FILTERS[root.node.node_type][f] for f in sorted(root.filters - {"text"})]
        if root.rows and "text" in root.filters and root.order in _INDEXED_KEYS:
            return self._text_page(root, key, source, conditions)
        parts: list[str] = []
        if root.count:
            where = f"\n  WHERE {' AND '.join(conditions)}" if conditions else ""
            parts.append(f"CALL () {{\n  {source}{where}\n  RETURN count(n) AS total\n}}")
        if root.rows:
            indexed = _INDEXED_KEYS.get(root.order)
            hinted = indexed is not None and root.filters <= indexed[1]
            page_source = self._source(root, indexed[0] if hinted and indexed else None)
            page_conditions = list(conditions)
            if root.order in _INDEXED_KEYS and "text" not in root.filters:
                # Existence on both properties lets the (key, id) index give the order.
                page_conditions.append(f"{key} IS NOT NULL AND n.id IS NOT NULL")
            if root.after:
                page_conditions.append(_after(root, key))
            where = f"\n  WHERE {' AND '.join(page_conditions)}" if page_conditions else ""
            direction = _direction(root)
            parts.append(
                f"CALL () {{\n  {page_source}{where}\n"
                f"  WITH n ORDER BY {_sort_expression(root, key)} {direction}, n.id {direction}"
                " LIMIT $limit\n"
                f"  RETURN collect([{key}, n.id, {self.node('n', root.node)}]) AS rows\n}}"
            )
        rows = "rows" if root.rows else "[] AS rows"
        total = "total" if root.count else "null AS total"
        return "\n".join(parts) + f"\nRETURN {rows}, {total}"

    def _text_page(self, root: RootRead, key: str, source: str, conditions: list[str]) -> str:
        """A full-text page in an indexed order (name, title, value).

        Lucene gives its hits by score, so the page must order them by ``key``. Sorting them
        reads two properties of every hit; a broad search ("d", "data") has thousands. So
        when the hits are at least ``1/_WALK_RATIO`` of the label, the page walks the
        ``(key, id)`` index in order instead, keeping the hits until it has ``$limit`` (the
        index holds both sort values, so the walk reads no property; it visits at most every
        node of the label, which costs about as much as sorting that many hits). Fewer hits
        are sorted. Both branches take the filters and the cursor, so both give the same
        page; the count, when asked for, is the number of hits."""
        label = root.node.node_type.value
        prop = _INDEXED_KEYS[root.order][0]
        direction = _direction(root)
        order = f"ORDER BY {key} {direction}, n.id {direction}"
        after = [_after(root, key)] if root.after else []
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sort_where = f" WHERE {' AND '.join(after)}" if after else ""
        walk_where = " AND ".join([f"{key} IS NOT NULL AND n.id IS NOT NULL", *after, "n IN hits"])
        total = "size(hits)" if root.count else "null"
        return (
            f"{source}{where}\n"
            "WITH collect(n) AS hits\n"
            f"WITH hits, size(hits) * {_WALK_RATIO} >= COUNT {{ MATCH (:{label}) }} AS walk\n"
            "CALL (hits, walk) {\n"
            "  CALL (hits, walk) {\n"
            "    WITH hits WHERE NOT walk\n"
            f"    UNWIND hits AS n\n    WITH n{sort_where} {order} LIMIT $limit\n"
            "    RETURN n\n"
            "    UNION ALL\n"
            # The walk is a subquery of its own: the planner cannot then scan the index before
            # it has checked `walk`.
            "    WITH hits WHERE walk\n"
            "    CALL (hits) {\n"
            f"      MATCH (n:{label}) USING INDEX n:{label}({prop}, id)\n"
            f"      WHERE {walk_where}\n"
            f"      WITH n {order} LIMIT $limit\n"
            "      RETURN n\n"
            "    }\n"
            "    RETURN n\n"
            "  }\n"
            f"  WITH n {order}\n"
            f"  RETURN collect([{key}, n.id, {self.node('n', root.node)}]) AS rows\n"
            "}\n"
            f"RETURN rows, {total} AS total"
        )

    @staticmethod
    def _source(root: RootRead, hint: str | None = None) -> str:
        node_type = root.node.node_type
        if "text" in root.filters:
            if node_type not in _FULLTEXT:
                raise ValueError(f"{node_type.value} has no full-text index")
            return (
                f"CALL db.index.fulltext.queryNodes('{_FULLTEXT[node_type]}', $text) "
                "YIELD node AS n"
            )
        if hint is not None:
            # An unfiltered page in an indexed order: read the (key, id) index in order,
            # whatever the planner's statistics say about a small or empty label.
            return f"MATCH (n:{node_type.value}) USING INDEX n:{node_type.value}({hint}, id)"
        return f"MATCH (n:{node_type.value})"

    def node(self, var: str, fetch: Fetch) -> str:
        if fetch.whole:
            return (
                f"{var} {{.*, createdAt: toString({var}.createdAt), "
                f"updatedAt: toString({var}.updatedAt)}}"
            )
        items = [
            f"toString({var}.{prop})" if prop in _TEMPORAL else f"{var}.{prop}"
            for prop in fetch.props
        ]
        items.extend(self.child(var, child) for child in fetch.children)
        return f"[{', '.join(items)}]"

    def child(self, parent: str, child: Child) -> str:
        i = self._next()
        node, rel = f"c{i}", f"r{i}"
        label = child.node.node_type.value
        if child.via is Special.REQUIREMENTS:
            return (
                f"COLLECT {{ CALL ({parent}) {{ "
                f"MATCH ({parent})-[{rel}:REQUIRES]->({node}:Skill) "
                f"RETURN {rel}, {node}, false AS inherited "
                f"UNION ALL MATCH ({parent})-[:SPECIALIZES]->(:Role)"
                f"-[{rel}:REQUIRES]->({node}:Skill) "
                f"RETURN {rel}, {node}, true AS inherited }} "
                f"RETURN [{rel}.importance, {rel}.level, inherited, {node}.sortKey, {node}.id, "
                f"coalesce({rel}.extracted, false), {rel}.confidence, "
                f"{self.node(node, child.node)}] }}"
            )
        if child.via is Special.RELATED:
            return (
                f"COLLECT {{ MATCH ({parent})-[{rel}:RELATED]-({node}:Skill) "
                f"WITH {rel}, {node} ORDER BY {node}.sortKey, {node}.id "
                f"RETURN [{rel}.relationType, startNode({rel}) = {parent}, "
                f"{self.node(node, child.node)}] }}"
            )
        assert isinstance(child.via, Link)
        link = child.via
        if link.child is not child.node.node_type:
            raise ValueError(f"{link} does not lead to {label}")
        arrow = (
            f"-[{rel}:{link.type.value}]->"
            if link.direction is Direction.OUT
            else f"<-[{rel}:{link.type.value}]-"
        )
        pattern = f"({parent}){arrow}({node}:{label})"
        rel_items = [f"{rel}.{prop}" for prop in child.rel_props]
        projection = self.node(node, child.node)
        order = f"ORDER BY {node}.sortKey, {node}.id"
        if child.mode is Mode.SINGLE:
            return (
                f"head(COLLECT {{ MATCH {pattern} WITH {rel}, {node} {order} LIMIT 1 "
                f"RETURN {projection} }})"
            )
        if child.mode is Mode.LIST:
            row = ", ".join([*rel_items, projection])
            return f"COLLECT {{ MATCH {pattern} WITH {rel}, {node} {order} RETURN [{row}] }}"
        after = (
            f"WHERE {node}.sortKey > $a{i} OR ({node}.sortKey = $a{i} AND {node}.id > $b{i})"
            if child.after
            else ""
        )
        keys = [f"{node}.sortKey", f"{node}.id"] if child.keys else []
        row = ", ".join([*keys, *rel_items, projection])
        rows = (
            f"COLLECT {{ MATCH {pattern} {after} WITH {rel}, {node} {order} LIMIT $l{i} "
            f"RETURN [{row}] }}"
        )
        plain = pattern.replace(f"[{rel}:", "[:").replace(f"({node}:", "(:")
        total = f"COUNT {{ {plain} }}" if child.count else "null"
        return f"[{rows}, {total}]"


def page_params(root: RootRead) -> dict[str, Any]:
    """The ``$l/$a/$b`` values of every PAGE child, numbered as :func:`compile_root` does."""
    params: dict[str, Any] = {}
    counter = 0

    def walk(fetch: Fetch) -> None:
        nonlocal counter
        for child in fetch.children:
            counter += 1
            if child.mode is Mode.PAGE:
                page = child.page or PageArgs(limit=0)
                params[f"l{counter}"] = page.limit
                params[f"a{counter}"] = page.after_key
                params[f"b{counter}"] = page.after_id
            walk(child.node)

    walk(root.node)
    return params


async def run_root(db: Database, root: RootRead) -> RootResult:
    """One round trip: the root's rows (``[key, id, node]``) and, if asked for, its count."""
    text = compile_root(root)
    params = {**root.params, **page_params(root)}
    # Named for traces like a query file: "compiled/skill/list", "compiled/role/id".
    name = f"compiled/{root.node.node_type.prefix}/{root.lookup.value}"
    records = await db.read_text(text, params, name)
    record = records[0] if records else [[], None]
    rows, total = record[0], record[1]
    return RootResult(rows=list(rows), total=None if total is None else int(total))
