"""The catalogue of named Cypher files (``cypher/queries/<aggregate>/<name>.cypher``).

Store modules declare the queries they use with :func:`query` at import time; loading the
catalogue reads every file once and fails when a declared query has no file, so a missing
file stops the app at start-up rather than mid-request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Catalogue", "CatalogueError", "Migration", "Query", "query"]

_DECLARED: set[str] = set()


class CatalogueError(RuntimeError):
    """The cypher/ folder is missing files that the code declares, or is malformed."""


@dataclass(frozen=True)
class Query:
    """A handle on one named query, e.g. ``Query("skill/by_ids")``."""

    name: str


def query(name: str) -> Query:
    _DECLARED.add(name)
    return Query(name)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    checksum: str


@dataclass(frozen=True)
class Catalogue:
    queries: dict[str, str]
    migrations: tuple[Migration, ...]

    @classmethod
    def load(cls, root: Path, *, declared: Iterable[str] | None = None) -> Catalogue:
        """Read every file under ``root``; ``declared`` defaults to all :func:`query` names."""
        queries_dir = root / "queries"
        if not queries_dir.is_dir():
            raise CatalogueError(f"no Cypher queries folder at {queries_dir}")
        queries = {
            path.relative_to(queries_dir).with_suffix("").as_posix(): path.read_text()
            for path in sorted(queries_dir.rglob("*.cypher"))
        }
        missing = sorted(set(_DECLARED if declared is None else declared) - queries.keys())
        if missing:
            raise CatalogueError(f"missing Cypher files under {queries_dir}: {', '.join(missing)}")
        return cls(queries=queries, migrations=_load_migrations(root / "migrations"))

    def text(self, q: Query) -> str:
        return self.queries[q.name]


def _load_migrations(folder: Path) -> tuple[Migration, ...]:
    import hashlib

    migrations: list[Migration] = []
    for path in sorted(folder.glob("*.cypher")):
        number, _, name = path.stem.partition("_")
        if not number.isdigit() or not name:
            raise CatalogueError(f"migration file {path.name} must be named NNN_name.cypher")
        text = path.read_text()
        statements = tuple(s.strip() for s in _split_statements(text) if s.strip())
        checksum = hashlib.sha256(text.encode()).hexdigest()
        migrations.append(Migration(int(number), name, statements, checksum))
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise CatalogueError(f"duplicate migration numbers in {folder}")
    return tuple(migrations)


def _split_statements(text: str) -> list[str]:
    """Split on ';' at the end of a line; '//' comment lines are dropped."""
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    statements: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    statements.append("\n".join(current))
    return statements
