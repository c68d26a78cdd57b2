"""How long the local Neo4j takes to come up: `python bench/startup.py [--runs N]`.

Starts a throw-away instance (own home, port 7698) N times, each from a fresh data folder
(cold) and once more on the existing folder (warm), and prints the seconds until Bolt answers.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from skillgraph.localdb import LocalNeo4j
from skillgraph.settings import Settings


def timed_start(local: LocalNeo4j) -> float:
    started = time.monotonic()
    local.start()
    took = time.monotonic() - started
    local.stop()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            local = LocalNeo4j(
                Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:7698", neo4j_home=Path(tmp))
            )
            local.build()
            cold.append(timed_start(local))
            warm.append(timed_start(local))
    print(f"neo4j cold start: median {statistics.median(cold):.2f}s  runs {cold}")
    print(f"neo4j warm start: median {statistics.median(warm):.2f}s  runs {warm}")


if __name__ == "__main__":
    main()
