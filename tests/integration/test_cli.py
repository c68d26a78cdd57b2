"""Every command that needs Neo4j says in one line what to run when it is down."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ports import free_port

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))
COMMANDS = [
    ["db", "migrate"],
    ["db", "wipe"],
    ["import", "esco", "bundled"],
    ["seed", "demo"],
    ["keys", "list"],
    ["keys", "create", "--role", "ADMIN"],
    ["stats", "refresh"],
    ["extract", "posting.txt"],
    ["embeddings", "refresh"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_command_prints_one_line_saying_what_to_run_when_neo4j_is_down(
    command: list[str],
) -> None:
    env = {
        **os.environ,
        "SKILLGRAPH_NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
        "SKILLGRAPH_NEO4J_CONNECT_TIMEOUT_S": "1",
        "SKILLGRAPH_NEO4J_RETRY_TIME_S": "0",
    }
    done = subprocess.run(
        [SKILLGRAPH, *command], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "is not reachable; start it with `skillgraph db start`" in lines[0]
    assert "Traceback" not in done.stdout + done.stderr
