"""store.compiler on the real Neo4j: root pages read the (sortKey, id) index in order, and
the compiled text takes every value as a parameter."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.model.ids import NodeType
from skillgraph.store.compiler import Fetch, RootRead, compile_root, run_root
from skillgraph.store.database import Database
from skillgraph.store.lucene import fulltext_query


async def _plan(db: Database, root: RootRead, profile: bool = False) -> list[tuple[str, Any]]:
    """The compiled query's plan operators, pre-order, each with the rows it produced
    (``profile``: the query runs) or None (EXPLAIN)."""
    _records, summary, _ = await db.driver.execute_query(
        ("PROFILE " if profile else "EXPLAIN ") + compile_root(root),
        dict(root.params),
        database_=db.database,
    )
    found: list[tuple[str, Any]] = []

    def walk(plan: dict[str, Any]) -> None:
        found.append((plan["operatorType"].split("@")[0], plan.get("rows")))
        for child in plan.get("children", []):
            walk(child)

    plan = summary.profile if profile else summary.plan
    assert plan is not None
    walk(plan)
    return found


async def _operators(db: Database, root: RootRead) -> list[str]:
    return [operator for operator, _ in await _plan(db, root)]


NAMED = [
    (NodeType.SKILL, "NAME"),
    (NodeType.CREDENTIAL, "NAME"),
    (NodeType.PROVIDER, "NAME"),
    (NodeType.ROLE, "TITLE"),
    (NodeType.PERSON, "NAME"),
]


@pytest.mark.parametrize(("node_type", "order"), NAMED)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("after", [False, True])
async def test_a_page_ordered_by_name_reads_the_index_in_order(
    db: Database, node_type: NodeType, order: str, descending: bool, after: bool
) -> None:
    params: dict[str, Any] = {"limit": 21, "afterKey": "m", "afterId": "x"}
    filters: frozenset[str] = frozenset()
    if node_type is NodeType.PERSON:
        filters = frozenset({"allowed"})
        params.update(allowed=["PUBLIC"], selfId=None)
    root = RootRead(
        Fetch(node_type, ("id",)),
        order=order,
        descending=descending,
        after=after,
        filters=filters,
        params=params,
    )
    operators = await _operators(db, root)
    assert "NodeByLabelScan" not in operators, operators
    assert not {"Sort", "Top", "PartialSort", "PartialTop"} & set(operators), operators
    assert {"NodeIndexScan", "NodeIndexSeek"} & set(operators), operators


async def test_keyset_pages_cover_every_node_once_in_order(db: Database) -> None:
    names = ["b", "A", "c", "a", "B", "b"]
    await db.run_raw(
        "UNWIND range(0, size($names) - 1) AS i "
        "CREATE (:Skill {id: 'skill_' + i, name: $names[i], sortKey: toLower($names[i]),"
        " createdAt: datetime(), updatedAt: datetime()})",
        {"names": names},
    )
    for descending in (False, True):
        seen: list[str] = []
        after: tuple[Any, str] | None = None
        while True:
            params = {"limit": 2, "afterKey": after[0] if after else None}
            params["afterId"] = after[1] if after else None
            result = await run_root(
                db,
                RootRead(
                    Fetch(NodeType.SKILL, ("name",)),
                    descending=descending,
                    after=after is not None,
                    params=params,
                ),
            )
            if not result.rows:
                break
            seen.extend(row[1] for row in result.rows)
            after = (result.rows[-1][0], result.rows[-1][1])
        expected = sorted(
            (f"skill_{i}" for i in range(len(names))),
            key=lambda i: (names[int(i.split("_")[1])].lower(), i),
            reverse=descending,
        )
        assert seen == expected


@pytest.mark.parametrize("descending", [False, True])
async def test_a_page_by_cost_within_a_budget_reads_the_cost_index_in_order(
    db: Database, descending: bool
) -> None:
    """With maxCost on, no credential lacks a cost, so the page sorts on the indexed property
    itself: a partial top-N over the index seek, not a sort of every credential in budget."""
    root = RootRead(
        Fetch(NodeType.CREDENTIAL, ("id",)),
        order="COST",
        descending=descending,
        filters=frozenset({"maxCost", "formats"}),
        params={
            "limit": 21,
            "formats": ["ONLINE"],
            "maxCostCurrency": "EUR",
            "maxCostValue": 500.0,
        },
    )
    operators = await _operators(db, root)
    assert "PartialTop" in operators, operators
    assert not {"Sort", "Top"} & set(operators), operators


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("after", [False, True])
@pytest.mark.parametrize("minimum", [False, True])
async def test_a_page_ordered_by_value_reads_the_value_index_in_order(
    db: Database, descending: bool, after: bool, minimum: bool
) -> None:
    params: dict[str, Any] = {"limit": 21, "afterKey": 0.5, "afterId": "x", "minValue": 0.3}
    root = RootRead(
        Fetch(NodeType.CREDENTIAL, ("id",)),
        order="VALUE",
        descending=descending,
        after=after,
        filters=frozenset({"minValue"}) if minimum else frozenset(),
        params=params,
    )
    operators = await _operators(db, root)
    assert "NodeByLabelScan" not in operators, operators
    assert not {"Sort", "Top", "PartialSort", "PartialTop"} & set(operators), operators
    assert {"NodeIndexScan", "NodeIndexSeek", "NodeIndexSeekByRange"} & set(operators), operators


async def _seed_text(db: Database, names: list[str], types: list[str]) -> None:
    await db.run_raw(
        "UNWIND range(0, size($names) - 1) AS i "
        "CREATE (:Skill {id: 'skill_' + i, name: $names[i], sortKey: toLower($names[i]),"
        " type: $types[i], createdAt: datetime(), updatedAt: datetime()})",
        {"names": names, "types": types},
    )


def _text_names(broad: bool) -> list[str]:
    """40 skills; "data" is in 30 of them (broad: the page walks the name index) or in 2
    (narrow: it sorts the hits). Names repeat, so ties fall to the id."""
    words = ["alpha", "beta", "gamma", "delta", "omega"]
    names = []
    for i in range(40):
        word = words[i % 5]
        hit = i % 4 != 0 if broad else i in (7, 33)
        names.append(f"{word} data" if hit else f"{word} {i % 3}")
    return names


@pytest.mark.parametrize("broad", [False, True])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("typed", [False, True])
async def test_full_text_pages_match_sorting_every_hit(
    db: Database, broad: bool, descending: bool, typed: bool
) -> None:
    """Both ways of ordering full-text hits (sorting them, or walking the name index when
    they are many) give the pages and the count a full sort gives, filters and cursors
    included."""
    names = _text_names(broad)
    types = ["SKILL" if i % 3 else "KNOWLEDGE" for i in range(len(names))]
    await _seed_text(db, names, types)
    hits = [
        f"skill_{i}"
        for i, name in enumerate(names)
        if "data" in name and (not typed or types[i] == "SKILL")
    ]
    expected = sorted(hits, key=lambda i: (names[int(i[6:])].lower(), i), reverse=descending)
    filters = frozenset({"text", "types"} if typed else {"text"})
    seen: list[str] = []
    after: tuple[Any, str] | None = None
    while True:
        params: dict[str, Any] = {
            "text": fulltext_query("data"),
            "types": ["SKILL"],
            "limit": 4,
            "afterKey": after[0] if after else None,
            "afterId": after[1] if after else None,
        }
        result = await run_root(
            db,
            RootRead(
                Fetch(NodeType.SKILL, ("name",)),
                descending=descending,
                after=after is not None,
                filters=filters,
                count=True,
                params=params,
            ),
        )
        assert result.total == len(expected)
        if not result.rows:
            break
        assert all(row[2][0] == names[int(row[1][6:])] for row in result.rows)
        seen.extend(row[1] for row in result.rows)
        after = (result.rows[-1][0], result.rows[-1][1])
    assert seen == expected


@pytest.mark.parametrize("broad", [False, True])
async def test_a_broad_full_text_page_walks_the_name_index(db: Database, broad: bool) -> None:
    """Many hits: the page walks the (sortKey, id) index and stops once it has the page, so
    it reads fewer index entries than there are skills. Few hits: it does not touch the
    index at all."""
    await _seed_text(db, _text_names(broad), ["SKILL"] * 40)
    root = RootRead(
        Fetch(NodeType.SKILL, ("name",)),
        filters=frozenset({"text"}),
        params={"text": fulltext_query("data"), "limit": 4, "afterKey": None, "afterId": None},
    )
    plan = await _plan(db, root, profile=True)
    scanned = [rows for operator, rows in plan if operator == "NodeIndexScan"]
    assert len(scanned) == 1
    if broad:
        assert 4 <= scanned[0] < 40
    else:
        assert scanned[0] == 0
