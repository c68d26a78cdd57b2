"""`skillgraph db wipe` on the real test instance, typed at a terminal or scripted."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from skillgraph.store import admin
from skillgraph.store.database import Database

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))


async def one_skill(db: Database) -> None:
    await db.run_raw("CREATE (:Skill {id: 'skill_cli', uri: 'https://x.test/cli', name: 'cli'})")


def at_a_terminal(*args: str, answer: str) -> str:
    """Run the CLI with a pseudo-terminal as stdin and stdout, type ``answer``."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [SKILLGRAPH, *args], stdin=follower, stdout=follower, stderr=follower, env=os.environ
    )
    os.close(follower)
    os.write(leader, answer.encode() + b"\n")
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(leader)
    return output.decode()


async def test_wipe_at_a_terminal_deletes_only_after_typing_wipe(db: Database) -> None:
    await one_skill(db)
    refused = at_a_terminal("db", "wipe", answer="yes")
    assert "Type 'wipe' to go on" in refused
    assert "nothing was deleted" in refused
    assert await admin.counts(db) == {"Skill": 1}
    done = at_a_terminal("db", "wipe", answer="wipe")
    assert "wiped database 'neo4j'" in done
    assert await admin.counts(db) == {}


def scripted(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SKILLGRAPH, *args], capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
    )


async def test_wipe_with_yes_asks_nothing(db: Database) -> None:
    await one_skill(db)
    result = scripted("db", "wipe", "--yes")
    assert result.returncode == 0, result.stderr
    assert "wiped" in result.stdout
    assert await admin.counts(db) == {}
