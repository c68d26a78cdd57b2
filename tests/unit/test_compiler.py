"""store.compiler without a database: what the generated text contains, and what not."""

from __future__ import annotations

import re

import pytest

from skillgraph.api.types.credential import OFFERED_BY, TEACHES
from skillgraph.api.types.skill import TAUGHT_BY
from skillgraph.model.ids import NodeType
from skillgraph.store.compiler import (
    Child,
    Fetch,
    Lookup,
    Mode,
    PageArgs,
    RootRead,
    Special,
    compile_root,
    filter_names,
    page_params,
)

PROVIDER = Child(OFFERED_BY, Mode.SINGLE, Fetch(NodeType.PROVIDER, ("name",)))
CREDENTIAL = Fetch(NodeType.CREDENTIAL, ("name", "costAmount"), (PROVIDER,))


def taught_by(limit: int, after: str | None = None, count: bool = False) -> Child:
    return Child(
        TAUGHT_BY,
        Mode.PAGE,
        CREDENTIAL,
        rel_props=("level",),
        count=count,
        page=PageArgs(limit=limit, after_key=after, after_id="cred_x" if after else None),
    )


def skills(*children: Child, **kwargs: object) -> RootRead:
    return RootRead(Fetch(NodeType.SKILL, ("name",), children), **kwargs)  # type: ignore[arg-type]


def test_only_selected_properties_are_fetched() -> None:
    text = compile_root(skills(taught_by(3)))
    assert "{.*}" not in text
    assert re.findall(r"\bn\.(\w+)", text) == [
        "sortKey",
        "id",
        "sortKey",
        "id",
        "sortKey",
        "id",
        "name",
    ]
    assert "c1.name" in text
    assert "c1.costAmount" in text
    assert "c2.name" in text
    assert "r1.level" in text


def test_values_are_parameters_and_shapes_share_one_text() -> None:
    a = skills(taught_by(3), params={"limit": 5})
    b = skills(taught_by(50, after="zzz' OR 1=1 //"), params={"limit": 99})
    assert compile_root(a) is compile_root(b)
    text = compile_root(b)
    assert "zzz" not in text
    assert "50" not in text
    assert "99" not in text
    assert "LIMIT $l1" in text
    assert page_params(b) == {"l1": 50, "a1": "zzz' OR 1=1 //", "b1": "cred_x"}


def test_a_count_is_fetched_only_when_asked_for() -> None:
    assert "COUNT {" not in compile_root(skills(taught_by(3)))
    assert "COUNT {" in compile_root(skills(taught_by(3, count=True)))
    assert "count(n)" not in compile_root(skills())
    assert "count(n)" in compile_root(skills(count=True))


def test_pages_are_numbered_in_pre_order() -> None:
    nested = Child(
        TEACHES,
        Mode.PAGE,
        Fetch(NodeType.SKILL, ("name",), (taught_by(7),)),
        page=PageArgs(limit=2),
    )
    root = RootRead(Fetch(NodeType.CREDENTIAL, ("name",), (PROVIDER, nested, PROVIDER)))
    text = compile_root(root)
    assert page_params(root) == {"l2": 2, "a2": None, "b2": None, "l3": 7, "a3": None, "b3": None}
    assert "LIMIT $l2" in text
    assert "LIMIT $l3" in text
    assert "c4" in text


def test_lookups_match_one_node_by_id_or_uri() -> None:
    assert "{id: $id}" in compile_root(skills(lookup=Lookup.ID))
    assert "{uri: $uri}" in compile_root(skills(lookup=Lookup.URI))


def test_requirements_and_related_are_special_reads() -> None:
    skill = Fetch(NodeType.SKILL, ("name",))
    role = RootRead(
        Fetch(NodeType.ROLE, ("title",), (Child(Special.REQUIREMENTS, Mode.LIST, skill),))
    )
    assert ":SPECIALIZES" in compile_root(role)
    related = skills(Child(Special.RELATED, Mode.LIST, skill))
    assert "-[r1:RELATED]-" in compile_root(related)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"text": None, "types": None, "uris": None}, set()),
        ({"text": "py*", "types": ["SKILL"], "uris": None}, {"text", "types"}),
    ],
)
def test_filter_names_of_skills(params: dict[str, object], expected: set[str]) -> None:
    assert filter_names(NodeType.SKILL, params) == expected


def test_filter_names_of_credentials_and_people() -> None:
    assert filter_names(
        NodeType.CREDENTIAL, {"teaches": ["s"], "teachesAll": True, "maxCostCurrency": "EUR"}
    ) == {"teachesAll", "maxCost"}
    assert filter_names(NodeType.CREDENTIAL, {"teaches": ["s"], "teachesAll": False}) == {"teaches"}
    assert filter_names(NodeType.PERSON, {}) == {"allowed"}


def test_an_unknown_order_or_filter_is_refused() -> None:
    with pytest.raises(ValueError, match="order"):
        compile_root(skills(order="PRICE"))
    with pytest.raises(ValueError, match="filters"):
        compile_root(skills(filters=frozenset({"hacked"})))


def test_a_page_without_cursors_leaves_its_rows_keys_out() -> None:
    """Only a selected cursor (an edge's, or pageInfo's start or end) needs a child's
    (sortKey, id) in its row; without one the row is its relationship properties and node."""
    with_keys = compile_root(skills(taught_by(3)))
    assert "RETURN [c1.sortKey, c1.id, r1.level, [c1.name" in with_keys
    child = Child(TAUGHT_BY, Mode.PAGE, CREDENTIAL, rel_props=("level",), keys=False)
    without = compile_root(skills(child))
    assert "RETURN [r1.level, [c1.name" in without
    # The page is still ordered by the keys it no longer returns.
    assert "ORDER BY c1.sortKey, c1.id LIMIT $l1" in without
