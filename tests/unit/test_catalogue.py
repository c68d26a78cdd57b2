from __future__ import annotations

from pathlib import Path

import pytest

from skillgraph.settings import Settings
from skillgraph.store.cypher import Catalogue, CatalogueError


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_shipped_catalogue_has_every_declared_query() -> None:
    import skillgraph.app  # noqa: F401 - imports every store module, declaring their queries

    catalogue = Catalogue.load(Settings().cypher_dir)
    assert "admin/ping" in catalogue.queries
    assert [m.version for m in catalogue.migrations] == sorted(
        m.version for m in catalogue.migrations
    )


def test_a_declared_query_without_a_file_fails_at_load(tmp_path: Path) -> None:
    write(tmp_path / "queries" / "x" / "present.cypher", "RETURN 1")
    with pytest.raises(CatalogueError, match="x/absent"):
        Catalogue.load(tmp_path, declared={"x/present", "x/absent"})


def test_migrations_split_into_statements_and_drop_comments(tmp_path: Path) -> None:
    write(tmp_path / "queries" / "admin" / "ping.cypher", "RETURN 1")
    write(
        tmp_path / "migrations" / "001_first.cypher",
        "// comment\nCREATE INDEX a IF NOT EXISTS\nFOR (n:A) ON (n.x);\nCREATE INDEX b;\n",
    )
    catalogue = Catalogue.load(tmp_path, declared=())
    (migration,) = catalogue.migrations
    assert migration.version == 1
    assert migration.name == "first"
    assert migration.statements == (
        "CREATE INDEX a IF NOT EXISTS\nFOR (n:A) ON (n.x)",
        "CREATE INDEX b",
    )


def test_a_badly_named_migration_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "queries" / "a.cypher", "RETURN 1")
    write(tmp_path / "migrations" / "first.cypher", "RETURN 1")
    with pytest.raises(CatalogueError, match="NNN_name"):
        Catalogue.load(tmp_path, declared=())


def test_a_missing_queries_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no Cypher queries folder"):
        Catalogue.load(tmp_path, declared=())
