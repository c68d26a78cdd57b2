"""Keyset pagination: stable under inserts, every order, clear errors for bad arguments."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Api

CREATE = "mutation($name: String!) { createSkill(input: {name: $name}) { id } }"
PAGE = """
query($first: Int, $after: String, $order: SkillOrder) {
  skills(first: $first, after: $after, orderBy: $order) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def make_skills(api: Api, names: list[str]) -> list[str]:
    ids = []
    for name in names:
        ids.append((await api.data(CREATE, {"name": name}))["createSkill"]["id"])
    return ids


async def walk(api: Api, first: int, order: dict[str, str], between: list[str]) -> list[str]:
    """Page to the end, creating one skill from ``between`` after each page."""
    seen: list[str] = []
    after = None
    while True:
        data = await api.data(PAGE, {"first": first, "after": after, "order": order})
        connection = data["skills"]
        seen.extend(edge["node"]["name"] for edge in connection["edges"])
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if between:
            await make_skills(api, [between.pop(0)])
        if not connection["pageInfo"]["hasNextPage"]:
            return seen
        after = connection["pageInfo"]["endCursor"]


async def test_walking_by_name_sees_every_row_once_while_rows_are_inserted(api: Api) -> None:
    original = [f"skill {i:02d}" for i in range(23)]
    await make_skills(api, original)
    # Inserted names sort before and after the cursor; none may duplicate or hide a row.
    inserted = ["aaa early", "zzz late", "skill 05b", "skill 99"]
    seen = await walk(api, 5, {"field": "NAME", "direction": "ASC"}, list(inserted))
    assert len(seen) == len(set(seen))
    assert set(original) <= set(seen)
    assert seen == sorted(seen)
    # Rows inserted behind the cursor are not seen; rows ahead of it are.
    assert "aaa early" not in seen
    assert "zzz late" in seen


async def test_descending_order_walks_back_to_front(api: Api) -> None:
    await make_skills(api, ["b", "a", "c", "e", "d"])
    seen = await walk(api, 2, {"field": "NAME", "direction": "DESC"}, [])
    assert seen == ["e", "d", "c", "b", "a"]


async def test_equal_sort_keys_are_broken_by_id(api: Api) -> None:
    ids = await make_skills(api, ["same"] * 7)
    seen_ids: list[str] = []
    after = None
    for _ in range(4):
        data = await api.data(PAGE, {"first": 2, "after": after, "order": None})
        seen_ids += [e["node"]["id"] for e in data["skills"]["edges"]]
        after = data["skills"]["pageInfo"]["endCursor"]
    assert seen_ids == sorted(ids)


async def test_created_at_order_lists_newest_first_when_descending(api: Api) -> None:
    await make_skills(api, ["first", "second", "third"])
    data = await api.data(
        PAGE, {"first": 10, "order": {"field": "CREATED_AT", "direction": "DESC"}}
    )
    assert [e["node"]["name"] for e in data["skills"]["edges"]] == ["third", "second", "first"]


async def test_page_info_and_total_count_on_the_last_page(api: Api) -> None:
    await make_skills(api, ["a", "b", "c"])
    data = await api.data(PAGE, {"first": 3})
    connection = data["skills"]
    assert connection["totalCount"] == 3
    assert connection["pageInfo"]["hasNextPage"] is False
    assert connection["pageInfo"]["startCursor"] == connection["edges"][0]["cursor"]
    assert connection["pageInfo"]["endCursor"] == connection["edges"][-1]["cursor"]


async def test_first_zero_returns_no_edges_but_counts(api: Api) -> None:
    await make_skills(api, ["a"])
    data = await api.data(PAGE, {"first": 0})
    assert data["skills"]["edges"] == []
    assert data["skills"]["totalCount"] == 1
    assert data["skills"]["pageInfo"]["endCursor"] is None


async def test_default_page_is_twenty(api: Api) -> None:
    await make_skills(api, [f"s{i:02d}" for i in range(21)])
    data = await api.data(PAGE, {})
    assert len(data["skills"]["edges"]) == 20
    assert data["skills"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("first", [101, -1])
async def test_first_outside_0_to_100_is_bad_user_input(api: Api, first: int) -> None:
    error = await api.error(PAGE, {"first": first})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "first"
    assert "between 0 and 100" in error["message"]


@pytest.mark.parametrize("cursor", ["garbage", "WyJ4Il0", ""])
async def test_a_cursor_we_did_not_make_is_bad_user_input(api: Api, cursor: str) -> None:
    error = await api.error(PAGE, {"after": cursor})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "after"


async def test_a_cursor_from_another_ordering_is_refused(api: Api) -> None:
    await make_skills(api, ["a", "b"])
    data = await api.data(PAGE, {"first": 1})
    cursor = data["skills"]["pageInfo"]["endCursor"]
    error = await api.error(
        PAGE, {"after": cursor, "order": {"field": "CREATED_AT", "direction": "ASC"}}
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "ordering NAME" in error["message"]


async def test_nested_connections_page_by_name_too(api: Api) -> None:
    provider = await api.data(
        'mutation { createProvider(input: {name: "P", id: "prov_p"}) { id } }'
    )
    assert provider["createProvider"]["id"] == "prov_p"
    for name in ["c3", "c1", "c2", "c5", "c4"]:
        await api.data(
            'mutation($n: String!) { createCredential(input: {name: $n, providerId: "prov_p"})'
            " { id } }",
            {"n": name},
        )
    query = """query($after: String) { provider(id: "prov_p") {
        credentials(first: 2, after: $after) {
          totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } } }"""
    names: list[str] = []
    after = None
    while True:
        connection = (await api.data(query, {"after": after}))["provider"]["credentials"]
        assert connection["totalCount"] == 5
        names += [e["node"]["name"] for e in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert names == ["c1", "c2", "c3", "c4", "c5"]
