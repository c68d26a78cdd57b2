"""The reads `make bench-peer` times: each as SkillGraph's query, the peer's query and one
hand-written Cypher query (files in shapes/<name>/), with one normaliser per system that
turns its answer into the shape's canonical form (see canon.py).

Every list is ordered the way SkillGraph orders it: by ``sortKey`` (the lower-cased name or
title stored on every node), then id; the peer and the floor sort on the same properties.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from peerbench.canon import (
    Canon,
    CanonError,
    amount,
    at,
    boolean,
    enum,
    integer,
    items,
    text,
)
from skillgraph.model.enums import Importance, SkillType
from skillgraph.store.lucene import fulltext_query

__all__ = ["PICK", "SHAPES", "Params", "Shape", "params_from"]

HERE = Path(__file__).parent / "shapes"
PICK = (HERE / "pick.cypher").read_text()
MAX_COST = Decimal(500)
SEARCH_TEXT = "data"

Json = Any


@dataclass(frozen=True)
class Params:
    """What the shapes need from the loaded graph, picked once per run (pick.cypher)."""

    credential_id: str
    currency: str
    max_cost: Decimal = MAX_COST
    text: str = SEARCH_TEXT

    @property
    def phrase(self) -> str:
        """The Lucene query SkillGraph runs for ``text``; the peer and the floor get it too."""
        phrase = fulltext_query(self.text)
        if phrase is None:
            raise ValueError(f"{self.text!r} has nothing to search for")
        return phrase


def params_from(row: Mapping[str, Any]) -> Params:
    if row.get("credentialId") is None or row.get("currency") is None:
        raise ValueError(
            "the graph has no credential, or no ONLINE credential priced at or below "
            f"{MAX_COST}: seed it first (skillgraph seed demo)"
        )
    return Params(credential_id=str(row["credentialId"]), currency=str(row["currency"]))


@dataclass(frozen=True)
class Shape:
    name: str
    title: str
    # A list inside each item of a list: SkillGraph's p50 must stay within 2x the floor's.
    nested: bool
    skillgraph: str
    peer: str
    floor: str
    variables: Callable[[Params], tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]
    canon_skillgraph: Callable[[Json], Canon]
    canon_peer: Callable[[Json], Canon]
    # The floor answers with one record (see clients.CypherSystem.fetch): its fields by name.
    canon_floor: Callable[[Json], Canon]
    # Why an answer is too thin to prove anything (None: it is not).
    thin: Callable[[Canon], str | None]


def _files(name: str) -> tuple[str, str, str]:
    folder = HERE / name
    return (
        (folder / "skillgraph.graphql").read_text(),
        (folder / "peer.graphql").read_text(),
        (folder / "floor.cypher").read_text(),
    )


def _no_variables(_: Params) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return {}, {}, {}


def _name_of(node: Json) -> str | None:
    return None if node is None else text(at(node, "name"))


def _taught(level: Any, credential: Any, provider: Any) -> Canon:
    return {"level": integer(level), "credential": text(credential), "provider": text(provider)}


# -- 1. nested lists ---------------------------------------------------------------------------


def _nested_skillgraph(data: Json) -> Canon:
    return [
        {
            "id": text(at(e, "node", "id")),
            "name": text(at(e, "node", "name")),
            "taughtBy": [
                _taught(at(t, "level"), at(t, "node", "name"), _name_of(at(t, "node", "provider")))
                for t in items(e, "node", "taughtBy", "edges")
            ],
        }
        for e in items(data, "skills", "edges")
    ]


def _nested_peer(data: Json) -> Canon:
    return [
        {
            "id": text(at(s, "id")),
            "name": text(at(s, "name")),
            "taughtBy": [
                _taught(
                    at(t, "properties", "level"),
                    at(t, "node", "name"),
                    _name_of(at(t, "node", "provider")),
                )
                for t in items(s, "taughtByConnection", "edges")
            ],
        }
        for s in items(data, "skills")
    ]


def _nested_floor(record: Json) -> Canon:
    return [
        {
            "id": text(at(r, "id")),
            "name": text(at(r, "name")),
            "taughtBy": [
                _taught(at(t, "level"), at(t, "name"), at(t, "provider"))
                for t in items(r, "taughtBy")
            ],
        }
        for r in items(record, "rows")
    ]


def _nested_thin(answer: Canon) -> str | None:
    if len(answer) != 100:
        return f"{len(answer)} skills instead of 100"
    if not any(s["taughtBy"] for s in answer):
        return "no skill is taught by any credential"
    return None


# -- 2. four levels ----------------------------------------------------------------------------


def _requirement(
    level: Any, importance: Any, skill: Json, broader: list[Json], taught: list[Canon]
) -> Canon:
    return {
        "level": integer(level),
        "importance": enum(importance, Importance),
        "skill": {"id": text(at(skill, "id")), "name": text(at(skill, "name"))},
        "broader": [{"id": text(at(b, "id")), "name": text(at(b, "name"))} for b in broader],
        "taughtBy": taught,
    }


def _four_skillgraph(data: Json) -> Canon:
    return [
        {
            "id": text(at(e, "node", "id")),
            "title": text(at(e, "node", "title")),
            "requirements": [
                _requirement(
                    at(q, "level"),
                    at(q, "importance"),
                    at(q, "skill"),
                    items(q, "skill", "broader"),
                    [
                        _taught(
                            at(t, "level"),
                            at(t, "node", "name"),
                            _name_of(at(t, "node", "provider")),
                        )
                        for t in items(q, "skill", "taughtBy", "edges")
                    ],
                )
                for q in items(e, "node", "requirements")
            ],
        }
        for e in items(data, "roles", "edges")
    ]


def _four_peer(data: Json) -> Canon:
    return [
        {
            "id": text(at(r, "id")),
            "title": text(at(r, "title")),
            "requirements": [
                _requirement(
                    at(q, "properties", "level"),
                    at(q, "properties", "importance"),
                    at(q, "node"),
                    items(q, "node", "broader"),
                    [
                        _taught(
                            at(t, "properties", "level"),
                            at(t, "node", "name"),
                            _name_of(at(t, "node", "provider")),
                        )
                        for t in items(q, "node", "taughtByConnection", "edges")
                    ],
                )
                for q in items(r, "requiresConnection", "edges")
            ],
        }
        for r in items(data, "roles")
    ]


def _four_floor(record: Json) -> Canon:
    return [
        {
            "id": text(at(r, "id")),
            "title": text(at(r, "title")),
            "requirements": [
                _requirement(
                    at(q, "level"),
                    at(q, "importance"),
                    q,
                    items(q, "broader"),
                    [
                        _taught(at(t, "level"), at(t, "name"), at(t, "provider"))
                        for t in items(q, "taughtBy")
                    ],
                )
                for q in items(r, "requirements")
            ],
        }
        for r in items(record, "rows")
    ]


def _four_thin(answer: Canon) -> str | None:
    if len(answer) != 20:
        return f"{len(answer)} occupations instead of 20"
    requirements = [q for r in answer for q in r["requirements"]]
    if not requirements:
        return "no occupation has a requirement"
    if not any(q["taughtBy"] for q in requirements):
        return "no required skill is taught by any credential"
    return None


# -- 3. by id ----------------------------------------------------------------------------------


def _provider(node: Json) -> Canon:
    if node is None:
        return None
    return {"id": text(at(node, "id")), "name": text(at(node, "name"))}


def _credential(node: Json, teaches: list[Canon]) -> Canon:
    return {
        "id": text(at(node, "id")),
        "name": text(at(node, "name")),
        "provider": _provider(at(node, "provider")),
        "teaches": teaches,
    }


def _skill_level(level: Any, skill: Json) -> Canon:
    return {"level": integer(level), "id": text(at(skill, "id")), "name": text(at(skill, "name"))}


def _by_id_skillgraph(data: Json) -> Canon:
    node = at(data, "credential")
    return _credential(
        node, [_skill_level(at(t, "level"), at(t, "skill")) for t in items(node, "teaches")]
    )


def _by_id_peer(data: Json) -> Canon:
    found = items(data, "credentials")
    if len(found) != 1:
        raise CanonError(f"{len(found)} credentials with the id instead of 1")
    node = found[0]
    return _credential(
        node,
        [
            _skill_level(at(t, "properties", "level"), at(t, "node"))
            for t in items(node, "teachesConnection", "edges")
        ],
    )


def _by_id_floor(record: Json) -> Canon:
    rows = items(record, "rows")
    if len(rows) != 1:
        raise CanonError(f"{len(rows)} rows for the id instead of 1")
    row = rows[0]
    return _credential(row, [_skill_level(at(t, "level"), t) for t in items(row, "teaches")])


def _by_id_thin(answer: Canon) -> str | None:
    if answer["provider"] is None:
        return "the credential has no provider"
    if not answer["teaches"]:
        return "the credential teaches nothing"
    return None


def _by_id_variables(p: Params) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return {"id": p.credential_id}, {"id": p.credential_id}, {"id": p.credential_id}


# -- 4. full-text ------------------------------------------------------------------------------


def _hit(node: Json) -> Canon:
    return {
        "id": text(at(node, "id")),
        "name": text(at(node, "name")),
        "type": enum(at(node, "type"), SkillType),
    }


def _fulltext_skillgraph(data: Json) -> Canon:
    return [_hit(at(e, "node")) for e in items(data, "skills", "edges")]


def _fulltext_peer(data: Json) -> Canon:
    return [_hit(at(e, "node")) for e in items(data, "skillText", "edges")]


def _fulltext_floor(record: Json) -> Canon:
    return [_hit(r) for r in items(record, "rows")]


def _fulltext_thin(answer: Canon) -> str | None:
    return None if answer else f"no skill matches {SEARCH_TEXT!r}"


def _fulltext_variables(p: Params) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return {"text": p.text}, {"phrase": p.phrase}, {"phrase": p.phrase}


# -- 5. filtered and sorted root list ----------------------------------------------------------


def _priced(
    node: Json, cost_amount: Any, currency: Any, provider: Any, teaches: list[Canon]
) -> Canon:
    return {
        "id": text(at(node, "id")),
        "name": text(at(node, "name")),
        "cost": {"amount": amount(cost_amount), "currency": text(currency)},
        "provider": text(provider),
        "teaches": teaches,
    }


def _level_name(level: Any, name: Any) -> Canon:
    return {"level": integer(level), "name": text(name)}


def _filtered_skillgraph(data: Json) -> Canon:
    answer = []
    for e in items(data, "credentials", "edges"):
        node = at(e, "node")
        cost = at(node, "cost")
        if cost is None:
            raise CanonError(f"credential {node.get('id')} has no cost but passed maxCost")
        answer.append(
            _priced(
                node,
                at(cost, "amount"),
                at(cost, "currency"),
                _name_of(at(node, "provider")),
                [
                    _level_name(at(t, "level"), at(t, "skill", "name"))
                    for t in items(node, "teaches")
                ],
            )
        )
    return answer


def _filtered_peer(data: Json) -> Canon:
    return [
        _priced(
            c,
            at(c, "costAmount"),
            at(c, "costCurrency"),
            _name_of(at(c, "provider")),
            [
                _level_name(at(t, "properties", "level"), at(t, "node", "name"))
                for t in items(c, "teachesConnection", "edges")
            ],
        )
        for c in items(data, "credentials")
    ]


def _filtered_floor(record: Json) -> Canon:
    return [
        _priced(
            r,
            at(r, "amount"),
            at(r, "currency"),
            at(r, "provider"),
            [_level_name(at(t, "level"), at(t, "name")) for t in items(r, "teaches")],
        )
        for r in items(record, "rows")
    ]


def _filtered_thin(answer: Canon) -> str | None:
    if not answer:
        return "no credential passes the filter"
    if not any(c["teaches"] for c in answer):
        return "no listed credential teaches anything"
    return None


def _filtered_variables(p: Params) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    money = {"amount": str(p.max_cost), "currency": p.currency}
    bound = {"currency": p.currency, "maxCost": float(p.max_cost)}
    return {"maxCost": money}, dict(bound), dict(bound)


# -- 6. connection with totalCount -------------------------------------------------------------

PROVIDERS_FIRST = 10
OFFERED_FIRST = 5


def _page(total: Any, next_page: Any, previous_page: Any) -> dict[str, Canon]:
    return {
        "totalCount": integer(total),
        "hasNextPage": boolean(next_page),
        "hasPreviousPage": boolean(previous_page),
    }


def _named(node: Json) -> Canon:
    return {"id": text(at(node, "id")), "name": text(at(node, "name"))}


def _connection_graphql(data: Json, root: str, nested: str) -> Canon:
    connection = at(data, root)
    providers = []
    for e in items(connection, "edges"):
        offered = at(e, "node", nested)
        providers.append(
            {
                **_named(at(e, "node")),
                "credentials": {
                    **_page(
                        at(offered, "totalCount"),
                        at(offered, "pageInfo", "hasNextPage"),
                        at(offered, "pageInfo", "hasPreviousPage"),
                    ),
                    "items": [_named(at(c, "node")) for c in items(offered, "edges")],
                },
            }
        )
    return {
        **_page(
            at(connection, "totalCount"),
            at(connection, "pageInfo", "hasNextPage"),
            at(connection, "pageInfo", "hasPreviousPage"),
        ),
        "providers": providers,
    }


def _connection_skillgraph(data: Json) -> Canon:
    return _connection_graphql(data, "providers", "credentials")


def _connection_peer(data: Json) -> Canon:
    return _connection_graphql(data, "providersConnection", "offersConnection")


def _connection_floor(record: Json) -> Canon:
    total = integer(at(record, "total"))
    return {
        **_page(total, total > PROVIDERS_FIRST, False),
        "providers": [
            {
                **_named(r),
                "credentials": {
                    **_page(
                        at(r, "offeredTotal"),
                        integer(at(r, "offeredTotal")) > OFFERED_FIRST,
                        False,
                    ),
                    "items": [_named(c) for c in items(r, "offered")],
                },
            }
            for r in items(record, "rows")
        ],
    }


def _connection_thin(answer: Canon) -> str | None:
    if not answer["providers"]:
        return "no provider"
    if not any(p["credentials"]["items"] for p in answer["providers"]):
        return "no provider offers a credential"
    return None


def _shape(
    name: str,
    title: str,
    nested: bool,
    canon: tuple[Callable[[Json], Canon], Callable[[Json], Canon], Callable[[Json], Canon]],
    thin: Callable[[Canon], str | None],
    variables: Callable[
        [Params], tuple[dict[str, Any], dict[str, Any], dict[str, Any]]
    ] = _no_variables,
) -> Shape:
    skillgraph, peer, floor = _files(name)
    return Shape(name, title, nested, skillgraph, peer, floor, variables, *canon, thin)


SHAPES: tuple[Shape, ...] = (
    _shape(
        "nested_lists",
        "100 skills by name, each taughtBy(first: 10) -> credential -> provider",
        True,
        (_nested_skillgraph, _nested_peer, _nested_floor),
        _nested_thin,
    ),
    _shape(
        "four_levels",
        "20 occupations -> requirements -> skill -> broader, + taughtBy(first: 5) -> provider",
        True,
        (_four_skillgraph, _four_peer, _four_floor),
        _four_thin,
    ),
    _shape(
        "by_id",
        "one credential by id with its provider and taught skills",
        False,
        (_by_id_skillgraph, _by_id_peer, _by_id_floor),
        _by_id_thin,
        _by_id_variables,
    ),
    _shape(
        "fulltext",
        f'full-text "{SEARCH_TEXT}" over skills, first 50 by name',
        False,
        (_fulltext_skillgraph, _fulltext_peer, _fulltext_floor),
        _fulltext_thin,
        _fulltext_variables,
    ),
    _shape(
        "filtered_sorted",
        f"credentials ONLINE, cost <= {MAX_COST} (one currency), by cost, first 20,"
        " with provider and taught skills",
        True,
        (_filtered_skillgraph, _filtered_peer, _filtered_floor),
        _filtered_thin,
        _filtered_variables,
    ),
    _shape(
        "connection_total",
        f"providers connection (first {PROVIDERS_FIRST}, totalCount, pageInfo), each with"
        f" credentials(first: {OFFERED_FIRST}) totalCount and pageInfo",
        True,
        (_connection_skillgraph, _connection_peer, _connection_floor),
        _connection_thin,
    ),
)
