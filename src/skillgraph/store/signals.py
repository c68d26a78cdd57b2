"""Stored value signals: reading their inputs in bulk, writing them back, and freshness.

Signals (credential value, skill trends and market balance, skill statistics) are computed
by ``skillgraph stats refresh`` (``analysis.value.refresh_signals``) and stored on the nodes.
One ``(:GraphVersion {name: 'signals'})`` node records when they were computed
(``computedAt``, the database clock when the refresh began) and when a write last changed
something they depend on (``changedAt``, set by :func:`touch`). Staleness does not compare
clocks: every such write sets a new change ``token``, the refresh stores the token it
began with (``computedToken``, read by :func:`begin` before any input), and the signals
are stale while the two differ. A write committed before the refresh began is in its
inputs; one committed after moves the token, however long it ran.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = [
    "SignalState",
    "begin",
    "credentials",
    "earners",
    "mark_computed",
    "roles",
    "state",
    "supply",
    "touch",
    "trend_counts",
    "value_scores",
    "write_credentials",
    "write_skills",
]

ROLES = query("signals/roles")
CREDENTIALS = query("signals/credentials")
EARNERS = query("signals/earners")
SUPPLY = query("signals/supply")
WRITE_CREDENTIALS = query("signals/write_credentials")
WRITE_SKILLS = query("signals/write_skills")
COMPUTED = query("signals/computed")
TOUCH = query("signals/touch")
STATE = query("signals/state")
BEGIN = query("signals/begin")
TREND = query("signals/trend")
SCORES = query("signals/scores")

_BATCH = 5_000


@dataclass(frozen=True)
class SignalState:
    """``now`` is the database clock when the state was read; ``fresh``: a refresh
    completed and no write that changes its inputs committed since it began."""

    computed_at: datetime | None
    changed_at: datetime | None
    now: datetime
    fresh: bool = False
    trend_start: datetime | None = None
    trend_split: datetime | None = None
    trend_end: datetime | None = None

    @property
    def stale(self) -> bool:
        """Never computed, or changed since the last refresh began."""
        return not self.fresh

    def stale_since(self, computed_at: datetime) -> bool:
        """Whether values a refresh computed at ``computed_at`` are stale: they are not the
        last completed refresh's, or that one is stale."""
        return self.stale or computed_at != self.computed_at


async def touch(tx: Transaction) -> None:
    """Call in every transaction whose writes can change a stored signal (last, so the
    version node's lock is held briefly)."""
    await tx.run(TOUCH)


async def begin(db: Database) -> tuple[str, datetime]:
    """Start a refresh: (the change token to store with its results, the database clock).
    Call before reading any input."""
    row = (await db.write(BEGIN))[0]
    return str(row["token"]), row["now"]


async def state(db: Database) -> SignalState:
    row = (await db.read(STATE))[0]
    return SignalState(
        computed_at=row["computedAt"],
        changed_at=row["changedAt"],
        now=row["now"],
        fresh=bool(row["fresh"]),
        trend_start=row["trendStart"],
        trend_split=row["trendSplit"],
        trend_end=row["trendEnd"],
    )


_ROLE = ("id", "kind", "postedAt", "closedAt", "own", "occupationId")
_CREDENTIAL = (
    "id",
    "status",
    "cost",
    "currency",
    "hours",
    "openBadges",
    "providerId",
    "accredited",
    "knownIssuer",
    "teaches",
    "endorsers",
)
_EARNER = ("credentials", "roles")


async def _rows(db: Database, q: Any, keys: tuple[str, ...]) -> list[Record]:
    found = await db.read(q)
    return [dict(zip(keys, row, strict=True)) for row in found[0]["rows"]] if found else []


async def roles(db: Database) -> list[Record]:
    """Every role: {id, kind, postedAt, closedAt, own, occupationId}; ``own`` requirement
    rows are [skill id, importance, level], a posting inherits its occupation's."""
    return await _rows(db, ROLES, _ROLE)


async def credentials(db: Database) -> list[Record]:
    """Every credential: {id, status, cost, currency, hours, openBadges, providerId,
    accredited, knownIssuer, teaches, endorsers}."""
    return await _rows(db, CREDENTIALS, _CREDENTIAL)


async def earners(db: Database) -> list[Record]:
    """Per MATCHABLE or PUBLIC person with a non-revoked award: {credentials, roles} (held
    or targeted). PRIVATE people are left out: outcomes never use their data."""
    return await _rows(db, EARNERS, _EARNER)


async def supply(db: Database) -> tuple[dict[str, int], int]:
    """(every skill id -> people holding it, as last refreshed; everyone)."""
    row = (await db.read(SUPPLY))[0]
    return {sid: int(n) for sid, n in row["supply"]}, int(row["people"])


async def trend_counts(
    db: Database, ids: Sequence[str], start: datetime, end: datetime, unit: str
) -> tuple[dict[str, dict[date, int]], dict[date, int]]:
    """(per existing skill id: postings requiring it per period; all postings per period),
    posted in [start, end); ``unit`` is 'month' or 'quarter'. One round trip."""
    rows = await db.read(TREND, {"ids": list(ids), "from": start, "to": end, "unit": unit})
    found = {
        row["id"]: {period: int(n) for period, n in row["counts"]} for row in rows if row["found"]
    }
    totals = {period: int(n) for period, n in rows[0]["totals"]} if rows else {}
    return found, totals


async def value_scores(db: Database, ids: Sequence[str]) -> dict[str, float]:
    """The stored composite value score of each existing credential id."""
    if not ids:
        return {}
    rows = await db.read(SCORES, {"ids": list(ids)})
    return {row["id"]: float(row["score"]) for row in rows}


async def _write(db: Database, q: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    for start in range(0, len(rows), _BATCH):
        chunk = list(rows[start : start + _BATCH])

        async def work(tx: Transaction, chunk: list[Mapping[str, Any]] = chunk) -> None:
            await tx.run(q, {"rows": chunk})

        await db.write_tx(work)


async def write_credentials(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    """``rows``: {id, props}; batches of 5,000, each its own transaction."""
    await _write(db, WRITE_CREDENTIALS, rows)


async def write_skills(db: Database, rows: Sequence[Mapping[str, Any]]) -> None:
    await _write(db, WRITE_SKILLS, rows)


async def mark_computed(db: Database, props: Mapping[str, Any]) -> None:
    """Store ``computedAt``, ``computedToken`` and the trend windows on the signals version
    node (last: the refresh is complete)."""
    await db.write(COMPUTED, {"props": dict(props)})
