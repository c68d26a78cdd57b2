"""Import throughput: `python bench/imports.py [--scale 1.0]` (make bench runs it).

1. ESCO ICT subset (bundled), imported into an empty graph: rows/s, median of 3.
2. Synthetic ESCO CSV files at full ESCO size, written by the generator, then imported.
3. Seeding the synthetic dataset (100k people at scale 1.0) into an empty graph.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from common import bench_database, timed, write_result
from skillgraph.importers import bundled_esco_ict_path, parse_esco
from skillgraph.ingest.esco import total_rows, write_esco
from skillgraph.ingest.seed import seed_synthetic
from skillgraph.seed import write_esco_csv
from skillgraph.store import admin


async def main(scale: float) -> None:
    lines = ["# Import throughput", "", f"`python bench/imports.py --scale {scale:g}`", ""]
    async with bench_database() as db:
        rates = []
        for _ in range(3):
            await admin.wipe(db)
            bundle = parse_esco(bundled_esco_ict_path())
            rows = total_rows(bundle)
            _, took = await timed(lambda bundle=bundle: write_esco(db, bundle))
            rates.append(rows / took)
        lines.append(
            f"- ESCO ICT subset ({rows} rows): median {statistics.median(rates):,.0f} rows/s "
            f"(runs: {', '.join(f'{r:,.0f}' for r in rates)})"
        )

        with tempfile.TemporaryDirectory() as tmp:
            counts = write_esco_csv(Path(tmp), scale)
            await admin.wipe(db)
            started = time.perf_counter()
            bundle = parse_esco(Path(tmp))
            parsed = time.perf_counter() - started
            rows = total_rows(bundle)
            _, took = await timed(lambda: write_esco(db, bundle))
            total = time.perf_counter() - started
            files = ", ".join(f"{name}: {count:,}" for name, count in counts.items())
            lines.append(
                f"- Synthetic ESCO CSV at scale {scale:g} ({files}): "
                f"{rows:,} rows; parse+validate {parsed:.1f}s, write {took:.1f}s, "
                f"{rows / total:,.0f} rows/s end to end ({rows / took:,.0f} rows/s writing)"
            )

        await admin.wipe(db)
        tally, took = await timed(lambda: seed_synthetic(db, scale))
        counts_now = await admin.counts(db)
        lines.append(
            f"- Seeding the synthetic dataset at scale {scale:g} ({counts_now.get('Person', 0):,} "
            f"people, {tally.rows():,} rows): {took:.0f}s, {tally.rows() / took:,.0f} rows/s"
        )
    write_result(f"imports-{scale:g}.md", "\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    asyncio.run(main(parser.parse_args().scale))
