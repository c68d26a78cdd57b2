"""One gateway to Neo4j: every Cypher round trip goes through :class:`Database`."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, RoutingControl
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.graph import Node, Relationship
from neo4j.time import Date, DateTime, Time

from skillgraph.errors import Conflict, StoreUnavailable
from skillgraph.observability.requests import query_observed
from skillgraph.settings import Settings
from skillgraph.store.cypher import Catalogue, Query

__all__ = ["Database", "Record", "Transaction", "instant", "native", "open_driver"]

Record = dict[str, Any]
BREAKER_PAUSE_S = 1.0
_SCALARS = {str, int, float, bool, type(None), bytes}
_TEMPORAL = (DateTime, Date, Time)
T = TypeVar("T")


def open_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_acquire_timeout_s,
        max_transaction_retry_time=settings.neo4j_retry_time_s,
        notifications_min_severity="OFF",
        warn_notification_severity="OFF",
    )


class Transaction:
    """A managed transaction that runs catalogue queries and counts round trips."""

    def __init__(self, db: Database, tx: AsyncManagedTransaction) -> None:
        self._db = db
        self._tx = tx

    async def run(self, q: Query, params: Mapping[str, Any] | None = None) -> list[Record]:
        self._db.round_trips += 1
        with query_observed(q.name):
            result = await self._tx.run(self._db.catalogue.text(q), dict(params or {}))
            records = await result.fetch(2**31 - 1)
        return [_row(record) for record in records]


class Database:
    """Runs named queries. ``round_trips`` counts every query sent to Neo4j (for N+1 tests);
    with ``measure_fetch`` on, ``values_fetched`` counts the values compiled reads received
    (for over-fetching tests).

    Each call uses its own short-lived session; nothing is shared between resolvers.
    Connection failures surface as :class:`StoreUnavailable`.
    """

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        catalogue: Catalogue,
        *,
        timeout_s: float | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.catalogue = catalogue
        self.timeout_s = timeout_s
        self.round_trips = 0
        # Tests switch this on to count the values compiled reads pull from Neo4j.
        self.measure_fetch = False
        self.values_fetched = 0
        self._down_until = 0.0

    def _check_breaker(self) -> None:
        # After Neo4j was unreachable, fail fast for a moment instead of letting every request
        # wait out the driver's retries; the first request after the pause tries again.
        if time.monotonic() < self._down_until:
            raise StoreUnavailable("Neo4j was unreachable moments ago")

    def _trip(self, exc: Exception) -> StoreUnavailable:
        self._down_until = time.monotonic() + BREAKER_PAUSE_S
        return StoreUnavailable(str(exc))

    def _query(self, q: Query) -> neo4j.Query:
        # The server ends a transaction that outlives ``timeout_s``.
        return neo4j.Query(self.catalogue.text(q), timeout=self.timeout_s)

    async def read(self, q: Query, params: Mapping[str, Any] | None = None) -> list[Record]:
        with query_observed(q.name):
            records = await self._autocommit_read(self._query(q), params)
        return [_row(record) for record in records]

    async def read_shallow(self, q: Query, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Like ``read``, but each record's values are as the driver decoded them: maps and
        lists are plain dicts and lists already, while nodes and temporal values stay the
        driver's types (convert those with ``native``). For large results of plain maps,
        where ``read``'s deep conversion costs more than the query."""
        with query_observed(q.name):
            records = await self._autocommit_read(self._query(q), params)
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    async def write(self, q: Query, params: Mapping[str, Any] | None = None) -> list[Record]:
        self._check_breaker()
        self.round_trips += 1
        try:
            with query_observed(q.name):
                records, _, _ = await self.driver.execute_query(
                    self._query(q),
                    dict(params or {}),
                    database_=self.database,
                    routing_=RoutingControl.WRITE,
                )
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._trip(exc) from exc
        except ConstraintError as exc:
            raise _conflict(exc) from exc
        except ClientError as exc:
            if _timed_out(exc):
                raise StoreUnavailable(
                    f"Neo4j ended the transaction at its timeout: {exc}"
                ) from exc
            raise
        return [_row(record) for record in records]

    async def _autocommit_read(
        self, query: neo4j.Query, params: Mapping[str, Any] | None
    ) -> list[neo4j.Record]:
        """One read in an auto-commit transaction: one Bolt exchange instead of a managed
        transaction's BEGIN and COMMIT, which costs the driver about a third less CPU.
        Sessions share the driver's bookmark manager, so a read still sees every write this
        process acknowledged (causal consistency, also on a cluster); a transient error is
        retried once."""
        self._check_breaker()
        self.round_trips += 1
        for attempt in (1, 2):
            try:
                async with self.driver.session(
                    database=self.database,
                    default_access_mode=neo4j.READ_ACCESS,
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session:
                    result = await session.run(query, dict(params or {}))
                    return [record async for record in result]
            except TransientError:
                if attempt == 2:
                    raise
            except (ServiceUnavailable, SessionExpired) as exc:
                raise self._trip(exc) from exc
            except ClientError as exc:
                if _timed_out(exc):
                    raise StoreUnavailable(
                        f"Neo4j ended the transaction at its timeout: {exc}"
                    ) from exc
                raise
        raise AssertionError("unreachable")

    async def read_text(
        self, text: str, params: Mapping[str, Any], name: str = "compiled"
    ) -> list[list[Any]]:
        """Run a read generated by :mod:`store.compiler` (never user text). Values come back
        as the driver gives them (temporal values are not converted): each record is the
        list of its values. ``name`` names its span in traces."""
        with query_observed(name):
            records = await self._autocommit_read(neo4j.Query(text, timeout=self.timeout_s), params)
        values = [record.values() for record in records]
        if self.measure_fetch:
            self.values_fetched += _leaves(values)
        return values

    async def read_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        return await self._transaction(work, write=False)

    async def write_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run ``work`` in one managed write transaction (retried on transient errors, so
        ``work`` must be idempotent). Everything it writes commits together or not at all."""
        return await self._transaction(work, write=True)

    async def _transaction(self, work: Callable[[Transaction], Awaitable[T]], *, write: bool) -> T:
        @neo4j.unit_of_work(timeout=self.timeout_s)
        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(Transaction(self, tx))

        self._check_breaker()
        try:
            async with self.driver.session(database=self.database) as session:
                if write:
                    return await session.execute_write(unit)
                return await session.execute_read(unit)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._trip(exc) from exc
        except ConstraintError as exc:
            raise _conflict(exc) from exc
        except ClientError as exc:
            if _timed_out(exc):
                raise StoreUnavailable(
                    f"Neo4j ended the transaction at its timeout: {exc}"
                ) from exc
            raise

    async def autocommit(self, q: Query, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Run in an auto-commit transaction (needed by ``CALL {} IN TRANSACTIONS``)."""
        self.round_trips += 1
        try:
            async with self.driver.session(database=self.database) as session:
                with query_observed(q.name):
                    result = await session.run(self._query(q), dict(params or {}))
                    records = await result.fetch(2**31 - 1)
                return [record.data() for record in records]
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._trip(exc) from exc

    async def run_raw(self, text: str, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Run literal Cypher written in this code base (migrations only). Never user text."""
        self.round_trips += 1
        try:
            with query_observed("raw"):
                records, _, _ = await self.driver.execute_query(
                    text, dict(params or {}), database_=self.database
                )
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._trip(exc) from exc
        return [record.data() for record in records]


_CONSTRAINT = re.compile(r"label `(\w+)` and property `(\w+)`")


def _timed_out(exc: ClientError) -> bool:
    """The server ended the transaction at its timeout (``timeout_s``): that is raised as
    StoreUnavailable (SERVICE_UNAVAILABLE, retry later), never as an unexpected error."""
    return (exc.code or "").startswith("Neo.ClientError.Transaction.TransactionTimedOut")


def _conflict(exc: ConstraintError) -> Conflict:
    match = _CONSTRAINT.search(exc.message or "")
    if match is None:
        return Conflict("the write conflicts with existing data")
    label, prop = match.groups()
    return Conflict(f"a {label} with this {prop} already exists", field=prop)


def _leaves(value: Any) -> int:
    """How many scalar values (nulls included) a nested list/map holds."""
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    return 1


def instant(value: Any) -> Any:
    """A time a store query sent as ISO 8601 text (``toString`` of a DateTime, which is far
    cheaper to receive than a driver DateTime) as an aware datetime; a datetime or None is
    returned as it is. A ``[Zone/Name]`` suffix is dropped: the offset before it is kept."""
    if not isinstance(value, str):
        return value
    bracket = value.find("[")
    return datetime.fromisoformat(value if bracket < 0 else value[:bracket])


def native(value: Any) -> Any:
    """Plain Python values: driver temporal values become datetime/date/time, nodes and
    relationships the dict of their properties; containers are converted deeply, once."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: native(v) for k, v in value.items()}
    if kind is list:
        return [native(v) for v in value]
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    if isinstance(value, Node | Relationship):
        return {k: native(v) for k, v in value.items()}
    return value


def _row(record: neo4j.Record) -> Record:
    return {key: native(value) for key, value in zip(record.keys(), record.values(), strict=True)}
