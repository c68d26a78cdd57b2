"""The catalogue of named Cypher files (``cypher/queries/<aggregate>/<name>.cypher``).

Store modules declare the queries they use with :func:`query` at import time; loading the
catalogue reads every file once and fails when a declared query has no file, so a missing
file stops the app at start-up rather than mid-request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

__all__ = ["Catalogue", "CatalogueError", "Migration", "Query", "query"]

_DECLARED: set[str] = set()
_INCLUDE = re.compile(r"^[ \t]*// include: ([\w/]+)[ \t]*$", re.MULTILINE)
_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z_]*$")
_PLACEHOLDER = re.compile(r"__[A-Z]+__")


class CatalogueError(RuntimeError):
    """The cypher/ folder is missing files that the code declares, or is malformed."""


@dataclass(frozen=True)
class Query:
    """A handle on one named query, e.g. ``Query("skill/by_ids")``.

    A template query (under ``node/`` or ``rel/``) has ``__LABEL__``-style placeholders that
    are filled only from enum members (``labels``), never from user text.
    """

    name: str
    labels: tuple[tuple[str, str], ...] = ()

    def bind(self, **labels: StrEnum) -> Query:
        """This template with ``__KEY__`` replaced by each enum member's value."""
        bound = tuple(sorted((key.upper(), str(member.value)) for key, member in labels.items()))
        return Query(self.name, self.labels + bound)


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
        raw = {
            path.relative_to(queries_dir).with_suffix("").as_posix(): path.read_text()
            for path in sorted(queries_dir.rglob("*.cypher"))
        }
        queries = {name: _include(name, text, raw) for name, text in raw.items()}
        missing = sorted(set(_DECLARED if declared is None else declared) - queries.keys())
        if missing:
            raise CatalogueError(f"missing Cypher files under {queries_dir}: {', '.join(missing)}")
        return cls(queries=queries, migrations=_load_migrations(root / "migrations"))

    def text(self, q: Query) -> str:
        text = self.queries[q.name]
        for key, value in q.labels:
            if not _IDENTIFIER.match(value):
                raise CatalogueError(f"{value!r} is not a valid label or type for {q.name}")
            text = text.replace(f"__{key}__", value)
        unbound = _PLACEHOLDER.search(text)
        if unbound:
            raise CatalogueError(f"unbound placeholder {unbound.group(0)} in {q.name}")
        return text


def _include(name: str, text: str, raw: dict[str, str]) -> str:
    """Replace each ``// include: other/name`` line with that file (one level deep)."""

    def fragment(match: re.Match[str]) -> str:
        other = match.group(1)
        if other not in raw:
            raise CatalogueError(f"{name} includes {other}, which has no file")
        return raw[other].rstrip("\n")

    return _INCLUDE.sub(fragment, text)


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
