from __future__ import annotations

from collections.abc import Sequence

from skillgraph.analysis.paths import Hop, Neighbour, shortest_path

EDGES = {  # undirected co-requirement graph plus one BROADER link b -> a
    ("a", "b"): "NARROWER",
    ("b", "a"): "BROADER",
    ("b", "c"): "CO_REQUIRED",
    ("c", "b"): "CO_REQUIRED",
    ("c", "d"): "RELATED",
    ("d", "c"): "RELATED",
    ("a", "x"): "CO_REQUIRED",
    ("x", "a"): "CO_REQUIRED",
    ("x", "d"): "CO_REQUIRED",
    ("d", "x"): "CO_REQUIRED",
}


def fetcher(calls: list[Sequence[str]]):  # type: ignore[no-untyped-def]
    async def fetch(ids: Sequence[str]) -> list[Neighbour]:
        calls.append(list(ids))
        return [Neighbour(s, t, k, None) for (s, t), k in sorted(EDGES.items()) if s in ids]

    return fetch


async def test_the_same_skill_is_zero_hops() -> None:
    assert await shortest_path("a", "a", 4, fetcher([])) == []


async def test_a_shortest_path_prefers_hierarchy_links_on_ties() -> None:
    calls: list[Sequence[str]] = []
    hops = await shortest_path("a", "d", 4, fetcher(calls))
    assert hops == [Hop("a", "x", "CO_REQUIRED", None), Hop("x", "d", "CO_REQUIRED", None)]
    assert len(calls) <= 3


async def test_links_found_from_the_goal_side_are_inverted() -> None:
    hops = await shortest_path("b", "a", 4, fetcher([]))
    assert hops == [Hop("b", "a", "BROADER", None)]


async def test_no_path_within_max_hops_is_none() -> None:
    assert await shortest_path("b", "d", 1, fetcher([])) is None
    assert await shortest_path("a", "nowhere", 4, fetcher([])) is None
