"""`skillgraph extract FILE|-` prints the skills of a text as a table, on the real Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from skillgraph.extraction.embedder import shared_embedder
from skillgraph.ingest.embeddings import refresh_embeddings
from skillgraph.model.ids import NodeType
from skillgraph.settings import Settings
from skillgraph.store import nodes
from skillgraph.store.database import Database
from skillgraph.store.specs import SPECS

pytestmark = pytest.mark.integration

SKILLGRAPH = str(Path(sys.executable).with_name("skillgraph"))
POSTING = "Requirements:\n- Expert in Python, 5+ years.\n- You will bake sourdough bread.\n"
ENV = {**os.environ, "COLUMNS": "200"}


async def catalogue(db: Database) -> None:
    for skill_id, name, alt in (
        ("skill_py", "Python (computer programming)", ["Python"]),
        ("skill_bread", "bake bread", []),
        ("skill_ux", "design user interfaces", ["UI design"]),
    ):
        await nodes.create(
            db, SPECS[NodeType.SKILL], {"name": name, "altLabels": alt}, node_id=skill_id, uri=None
        )
    await refresh_embeddings(db, shared_embedder(Settings(_env_file=None)))


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SKILLGRAPH, "extract", *args],
        input=stdin,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def rows(output: str) -> dict[str, str]:
    """Skill name -> its table row."""
    found = {}
    for line in output.splitlines():
        for name in ("Python (computer programming)", "bake bread", "design user interfaces"):
            if name in line:
                found[name] = line
    return found


async def test_a_file_gives_a_table_with_spans_and_suggestions(
    db: Database, tmp_path: Path
) -> None:
    await catalogue(db)
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    done = run(str(path))
    assert done.returncode == 0, done.stderr
    table = rows(done.stdout)
    assert set(table) == {"Python (computer programming)", "bake bread"}
    python = table["Python (computer programming)"]
    assert "ALT_LABEL" in python
    assert "'Python'" in python
    assert "ESSENTIAL" in python
    start = POSTING.index("Python")
    assert f"{start}-{start + 6}" in python
    assert "SEMANTIC" in table["bake bread"]
    assert "lexical stage:" in done.stderr
    assert "semantic stage:" in done.stderr
    assert "skipped" not in done.stderr


async def test_standard_input_and_lexical_only(db: Database) -> None:
    await catalogue(db)
    done = run("-", "--lexical-only", stdin=POSTING)
    assert done.returncode == 0, done.stderr
    assert set(rows(done.stdout)) == {"Python (computer programming)"}
    assert "semantic stage: skipped: not asked for" in done.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["-"], "", "empty"),
        (["-"], "x" * 20_001, "at most 20,000"),
        (["/nowhere/posting.txt"], None, "cannot read /nowhere/posting.txt"),
        (["-", "--first", "0"], POSTING, "between 1 and 100"),
        (["-", "--min-confidence", "2"], POSTING, "between 0 and 1"),
    ],
)
async def test_bad_input_says_what_to_fix(
    db: Database, args: list[str], stdin: str | None, words: str
) -> None:
    done = run(*args, stdin=stdin)
    assert done.returncode in (1, 2)
    assert words in done.stderr.replace("\n", " ")
    assert "Traceback" not in done.stdout + done.stderr
