"""The launcher's whole life cycle on a third, throw-away instance (own home and port)."""

from __future__ import annotations

import os
from pathlib import Path

from skillgraph.localdb import LAUNCHER_CLASS, LocalNeo4j
from skillgraph.settings import Settings
from tests.ports import free_port


def our_jvms(home: Path) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if LAUNCHER_CLASS.encode() in cmdline and str(home).encode() in cmdline:
            pids.append(int(entry.name))
    return pids


def test_start_is_idempotent_and_stop_leaves_no_jvm(tmp_path: Path) -> None:
    home = (tmp_path / "neo4j").resolve()
    local = LocalNeo4j(
        Settings(
            _env_file=None,
            neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
            neo4j_home=home,
            neo4j_heap="512m",
            neo4j_pagecache_mb=64,
        )
    )
    try:
        assert "started" in local.start()
        assert local.reachable()
        assert "already running" in local.start()
        assert local.status().startswith(f"{local.label}: running")
        assert len(our_jvms(home)) == 1
    finally:
        message = local.stop()
    # Every message names the instance: its Bolt address and its data folder.
    assert message.startswith(f"Neo4j at {local.settings.neo4j_uri} ({home}): stopped")
    assert our_jvms(home) == []
    assert not local.pid_file.exists()
    assert local.status() == f"{local.label}: stopped"
    assert "NEO4J-LOCAL STOPPED" in local.log_file.read_text()


def test_a_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    local = LocalNeo4j(Settings(_env_file=None, neo4j_home=tmp_path))
    local.pid_file.write_text(str(os.getpid()))  # alive, but not a Neo4j launcher
    assert local.pid() is None
    assert not local.pid_file.exists()
