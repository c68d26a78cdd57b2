"""Shortest skill paths by bidirectional breadth-first search, one fetch per level."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

__all__ = ["INVERSE", "Hop", "Neighbour", "shortest_path"]

INVERSE = {"BROADER": "NARROWER", "NARROWER": "BROADER"}


@dataclass(frozen=True)
class Neighbour:
    source: str
    target: str
    kind: str
    via: str | None


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    kind: str
    via: str | None


Fetch = Callable[[Sequence[str]], Awaitable[Sequence[Neighbour]]]
_PRIORITY = {"BROADER": 0, "NARROWER": 0, "RELATED": 1, "CO_REQUIRED": 2}


def _better(a: Neighbour, b: Neighbour) -> bool:
    return (_PRIORITY.get(a.kind, 9), a.source, a.via or "") < (
        _PRIORITY.get(b.kind, 9),
        b.source,
        b.via or "",
    )


async def shortest_path(start: str, goal: str, max_hops: int, fetch: Fetch) -> list[Hop] | None:
    """The hops of a shortest path from ``start`` to ``goal`` of at most ``max_hops`` links
    (``[]`` when they are the same skill), or None when there is none. Each level costs one
    ``fetch`` of the neighbours of a frontier; the smaller frontier is expanded. Ties go to
    hierarchy links, then RELATED, then co-requirement, then the smallest ids."""
    if start == goal:
        return []
    parents: tuple[dict[str, Neighbour | None], dict[str, Neighbour | None]] = (
        {start: None},
        {goal: None},
    )
    frontiers = ([start], [goal])
    depth = [0, 0]
    while frontiers[0] and frontiers[1] and depth[0] + depth[1] < max_hops:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        found: dict[str, Neighbour] = {}
        for n in await fetch(sorted(frontiers[side])):
            if n.target in parents[side]:
                continue
            if n.target not in found or _better(n, found[n.target]):
                found[n.target] = n
        parents[side].update(found)
        depth[side] += 1
        meeting = sorted(set(found) & set(parents[1 - side]))
        if meeting:
            return _join(meeting[0], parents)
        frontiers = (sorted(found), frontiers[1]) if side == 0 else (frontiers[0], sorted(found))
    return None


def _join(
    middle: str, parents: tuple[dict[str, Neighbour | None], dict[str, Neighbour | None]]
) -> list[Hop]:
    forward: list[Hop] = []
    node = middle
    while (step := parents[0][node]) is not None:
        forward.append(Hop(step.source, step.target, step.kind, step.via))
        node = step.source
    forward.reverse()
    node = middle
    while (step := parents[1][node]) is not None:
        # Found searching from the goal: the link points the other way along the path.
        forward.append(Hop(step.target, step.source, INVERSE.get(step.kind, step.kind), step.via))
        node = step.source
    return forward
