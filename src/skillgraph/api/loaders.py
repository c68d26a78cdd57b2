"""Per-request DataLoaders: every lookup by id and every relationship is batched here.

Loaders that return related nodes prime the node loaders with them, so resolving a related
node afterwards costs no further round trip: requirements prime their role and skills,
evidence its person (through the visibility filter). Light records (see
``types.node.stored``) are never primed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from aiodataloader import DataLoader

from skillgraph.domain.trends import Interval, bounds
from skillgraph.ingest.openbadges import export_achievements
from skillgraph.model.ids import NodeType, node_type_of
from skillgraph.store import explore, gaps, links, nodes, signals
from skillgraph.store.database import Database, Record
from skillgraph.store.gaps import Evidence
from skillgraph.store.links import ChildPage, Link, LinkRow, PageKey

__all__ = ["Loader", "Loaders"]

K = TypeVar("K")
TrendKey = tuple[str, date, date, Interval]
TrendCounts = tuple[dict[date, int], dict[date, int]]
V = TypeVar("V")


class Loader(Generic[K, V]):
    """A typed face on aiodataloader's DataLoader."""

    def __init__(self, batch: Callable[[Sequence[K]], Awaitable[list[V]]]) -> None:
        async def batch_fn(keys: list[K]) -> list[V]:
            return await batch(keys)

        self._loader: Any = DataLoader(batch_load_fn=batch_fn, max_batch_size=1000)

    async def load(self, key: K) -> V:
        value: V = await self._loader.load(key)
        return value

    async def load_many(self, keys: Sequence[K]) -> list[V]:
        values: list[V] = await self._loader.load_many(list(keys))
        return values

    def prime(self, key: K, value: V) -> None:
        self._loader.prime(key, value)


class Loaders:
    """``person_filter`` is the permission hook's ``may_see_person``: a person the caller may
    not see loads as None (NOT_FOUND), whichever path asked for it."""

    def __init__(
        self, db: Database, person_filter: Callable[[Record], bool] = lambda _: True
    ) -> None:
        self.db = db
        self.person_filter = person_filter
        self._nodes: dict[NodeType, Loader[str, Record | None]] = {}
        self._children: dict[Link, Loader[str, list[LinkRow]]] = {}
        self._pages: dict[Link, Loader[PageKey, ChildPage]] = {}
        self._counts: dict[Link, Loader[str, int]] = {}
        self.related: Loader[str, list[tuple[LinkRow, bool]]] = Loader(self._related)
        self.requirements: Loader[str, list[Record]] = Loader(self._requirements)
        self.open_badges: Loader[str, dict[str, Any] | None] = Loader(self._open_badges)
        self.evidence: Loader[str, Evidence | None] = Loader(self._evidence)
        self.narrower: Loader[str, frozenset[str]] = Loader(self._narrower)
        self.stats_now: Loader[str, Record | None] = Loader(self._stats_now)
        self.any_node: Loader[str, Record | None] = Loader(self._any_node)
        # One key (0): the freshness of the stored signals, read once per request.
        self.signal_state: Loader[int, signals.SignalState] = Loader(self._signal_state)
        self.trend: Loader[TrendKey, TrendCounts | None] = Loader(self._trend)

    @classmethod
    def create(
        cls, db: Database, person_filter: Callable[[Record], bool] = lambda _: True
    ) -> Loaders:
        return cls(db, person_filter)

    def node(self, node_type: NodeType) -> Loader[str, Record | None]:
        if node_type not in self._nodes:

            async def batch(ids: Sequence[str]) -> list[Record | None]:
                found = await nodes.get_by_ids(self.db, node_type, ids)
                return [self._visible(node_type, found.get(i)) for i in ids]

            self._nodes[node_type] = Loader(batch)
        return self._nodes[node_type]

    def children(self, link: Link) -> Loader[str, list[LinkRow]]:
        if link not in self._children:

            async def batch(ids: Sequence[str]) -> list[list[LinkRow]]:
                found = await links.children(self.db, link, ids)
                for rows in found.values():
                    self._prime(link.child, [r.node for r in rows])
                return [found.get(i, []) for i in ids]

            self._children[link] = Loader(batch)
        return self._children[link]

    def page(self, link: Link) -> Loader[PageKey, ChildPage]:
        if link not in self._pages:

            async def batch(keys: Sequence[PageKey]) -> list[ChildPage]:
                found = await links.child_pages(self.db, link, keys)
                for page in found.values():
                    self._prime(link.child, [row.node for _, row in page.rows])
                return [found[k] for k in keys]

            self._pages[link] = Loader(batch)
        return self._pages[link]

    def count(self, link: Link) -> Loader[str, int]:
        """How many children each parent has; asked for only when totalCount is selected."""
        if link not in self._counts:

            async def batch(ids: Sequence[str]) -> list[int]:
                found = await links.child_counts(self.db, link, ids)
                return [found.get(i, 0) for i in ids]

            self._counts[link] = Loader(batch)
        return self._counts[link]

    def _visible(self, node_type: NodeType, record: Record | None) -> Record | None:
        if record is None or node_type is not NodeType.PERSON:
            return record
        return record if self.person_filter(record) else None

    def _prime(self, node_type: NodeType, records: Sequence[Record]) -> None:
        loader = self.node(node_type)
        for record in records:
            loader.prime(record["id"], self._visible(node_type, record))

    async def _any_node(self, ids: Sequence[str]) -> list[Record | None]:
        """Nodes of any type by id (``node``/``nodes``): one round trip, priming each type's
        loader; a person the caller may not see is None."""
        found = await nodes.get_any_by_ids(self.db, ids)
        out: list[Record | None] = []
        for node_id in ids:
            record = found.get(node_id)
            node_type = node_type_of(node_id)
            if record is not None and node_type is not None:
                record = self._visible(node_type, record)
                self.node(node_type).prime(node_id, record)
            out.append(record if node_type is not None else None)
        return out

    async def _related(self, ids: Sequence[str]) -> list[list[tuple[LinkRow, bool]]]:
        found = await links.related(self.db, ids)
        for rows in found.values():
            self._prime(NodeType.SKILL, [row.node for row, _ in rows])
        return [found.get(i, []) for i in ids]

    async def _requirements(self, ids: Sequence[str]) -> list[list[Record]]:
        found = await links.requirements(self.db, ids)
        for role, _ in found.values():
            # Requirement skills are light records (no description): never primed.
            self._prime(NodeType.ROLE, [role])
        return [found[i][1] if i in found else [] for i in ids]

    async def _open_badges(self, ids: Sequence[str]) -> list[dict[str, Any] | None]:
        found = await export_achievements(self.db, ids)
        return [found.get(i) for i in ids]

    async def _evidence(self, ids: Sequence[str]) -> list[Evidence | None]:
        found = await gaps.person_evidence(self.db, ids)
        self._prime(NodeType.PERSON, [person for person, _ in found.values()])
        return [found[i][1] if i in found else None for i in ids]

    async def _narrower(self, ids: Sequence[str]) -> list[frozenset[str]]:
        found = await gaps.narrower(self.db, ids)
        return [found.get(i, frozenset()) for i in ids]

    async def _signal_state(self, keys: Sequence[int]) -> list[signals.SignalState]:
        state = await signals.state(self.db)
        return [state for _ in keys]

    async def _trend(self, keys: Sequence[TrendKey]) -> list[TrendCounts | None]:
        """One round trip per distinct (from, to, interval). A range that is not valid
        raises ValueError for the keys asking for it."""
        groups: dict[tuple[date, date, Interval], list[str]] = defaultdict(list)
        for skill_id, start, end, interval in keys:
            groups[(start, end, interval)].append(skill_id)
        found: dict[TrendKey, TrendCounts | ValueError | None] = {}
        for (start, end, interval), ids in groups.items():
            try:
                low, high = bounds(start, end, interval)
            except ValueError as exc:
                for skill_id in ids:
                    found[(skill_id, start, end, interval)] = exc
                continue
            counts, totals = await signals.trend_counts(
                self.db, ids, low, high, interval.value.lower()
            )
            for skill_id in ids:
                mine = counts.get(skill_id)
                found[(skill_id, start, end, interval)] = None if mine is None else (mine, totals)
        return [found[k] for k in keys]  # type: ignore[misc]

    async def _stats_now(self, ids: Sequence[str]) -> list[Record | None]:
        found = await explore.stats_now(self.db, ids)
        return [found.get(i) for i in ids]
