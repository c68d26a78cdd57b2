"""`skillgraph stats refresh` on generated data in the real Neo4j: the planted trends come
back through skillMarket's stored statistics, and every credential gets a value."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from skillgraph.analysis.value import refresh_signals
from skillgraph.importers import bundled_esco_ict_path, parse_esco
from skillgraph.ingest.seed import _demo_inputs, seed_demo, seed_synthetic
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.seed import demo_posting_dates, synthetic_planted_trends
from skillgraph.store import explore, signals
from skillgraph.store.database import Database
from skillgraph.store.explore import MarketOrder

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))
OPEN_BADGES = Path(__file__).parents[1] / "fixtures" / "openbadges"


async def ranked(db: Database, order: MarketOrder) -> list[str]:
    rows = await explore.market_page(
        db, order=order, text=None, skill_type=None, after=None, limit=100
    )
    return [record["id"] for _, record in rows]


async def test_the_demo_s_planted_trends_lead_rising_and_falling(db: Database) -> None:
    await seed_demo(db)
    done = await refresh_signals(db)
    assert done.credentials == 400
    planted = demo_posting_dates(*_demo_inputs(parse_esco(bundled_esco_ict_path())))
    rising = {id_for_uri(NodeType.SKILL, uri) for uri in planted.rising}
    falling = {id_for_uri(NodeType.SKILL, uri) for uri in planted.falling}
    assert rising
    assert falling
    up, down = await ranked(db, MarketOrder.RISING), await ranked(db, MarketOrder.FALLING)
    assert set(up[:5]) & rising
    assert set(down[:5]) & falling
    rows = await db.run_raw(
        "MATCH (s:Skill) WHERE s.id IN $ids RETURN s.id AS id, s.statTrendChange AS change",
        {"ids": sorted(rising | falling)},
    )
    change = {row["id"]: row["change"] for row in rows}
    assert all(change[s] > 0 for s in rising)
    assert all(change[s] < 0 for s in falling)


async def test_every_credential_gets_a_value_and_the_refresh_is_recorded(db: Database) -> None:
    await seed_synthetic(db, 0.01)
    before = await signals.state(db)
    assert before.stale
    await refresh_signals(db)
    after = await signals.state(db)
    assert not after.stale
    assert after.computed_at is not None
    rows = await db.run_raw(
        "MATCH (c:Credential) RETURN count(*) AS n, count(c.valueComputedAt) AS computed, "
        "min(c.valueScore) AS low, max(c.valueScore) AS high, "
        "sum(CASE WHEN c.status = 'RETIRED' AND c.valueScore <> 0 THEN 1 ELSE 0 END) AS bad"
    )
    assert rows[0]["n"] == rows[0]["computed"] > 0
    assert 0 <= rows[0]["low"] <= rows[0]["high"] <= 1
    assert rows[0]["bad"] == 0
    rising, falling = synthetic_planted_trends(0.01)
    assert rising or falling  # 50 postings: at least some planted


async def test_a_write_committing_while_a_refresh_runs_leaves_the_signals_stale(
    db: Database,
) -> None:
    """The write begins before the refresh and commits after the refresh has read its
    inputs: its clock is earlier than the refresh's, but the signals must still be stale."""
    await seed_synthetic(db, 0.001)
    await refresh_signals(db)
    assert not (await signals.state(db)).stale
    inputs_read = asyncio.Event()
    async with db.driver.session(database=db.database) as session:
        write = await session.begin_transaction()
        await write.run(db.catalogue.text(signals.TOUCH))

        async def commit_after_the_reads() -> None:
            await inputs_read.wait()
            await write.commit()

        committer = asyncio.create_task(commit_after_the_reads())
        done = await refresh_signals(db, lambda step: inputs_read.set() if step == "read" else None)
        await committer
    state = await signals.state(db)
    assert state.changed_at is not None
    assert state.changed_at < done.computed_at
    assert state.stale


async def test_importing_badges_from_the_command_line_refreshes_the_signals(
    db: Database, tmp_path: Path
) -> None:
    document = tmp_path / "achievement.json"
    document.write_text((OPEN_BADGES / "achievement.json").read_text())
    process = await asyncio.create_subprocess_exec(
        SKILLGRAPH,
        "import",
        "openbadges",
        str(document),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=300)
    assert process.returncode == 0, err.decode()
    assert "signals refreshed" in out.decode()
    assert not (await signals.state(db)).stale
    rows = await db.run_raw("MATCH (c:Credential) RETURN c.valueComputedAt AS at")
    assert rows
    assert all(row["at"] is not None for row in rows)
