"""store.compiler on the real Neo4j: root pages read the (sortKey, id) index in order, and
the compiled text takes every value as a parameter."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.model.ids import NodeType
from skillgraph.store.compiler import Fetch, RootRead, compile_root, run_root
from skillgraph.store.database import Database


async def _operators(db: Database, root: RootRead) -> list[str]:
    _records, summary, _ = await db.driver.execute_query(
        "EXPLAIN " + compile_root(root), dict(root.params), database_=db.database
    )
    found: list[str] = []

    def walk(plan: dict[str, Any]) -> None:
        found.append(plan["operatorType"].split("@")[0])
        for child in plan.get("children", []):
            walk(child)

    assert summary.plan is not None
    walk(summary.plan)
    return found


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
