"""Reading CSV files by header name, with the line number where each record starts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillgraph.importers.problems import Problem, ProblemLog

__all__ = ["CsvRow", "read_csv"]


@dataclass(frozen=True, slots=True)
class CsvRow:
    """A well-formed record: as many fields as the header, keyed by column name."""

    file: str
    line: int
    values: Mapping[str, str]

    def text(self, column: str) -> str:
        """The stripped value; "" when the column is absent from this file."""
        return self.values.get(column, "").strip()

    def has(self, column: str) -> bool:
        return column in self.values


def _decode(path: Path, log: ProblemLog[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.add(Problem(path.name, 0, f"file not found in {path.parent}"))
        return None
    except OSError as exc:
        log.add(Problem(path.name, 0, f"cannot be read: {exc.strerror or exc}"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        log.add(Problem(path.name, line, "is not valid UTF-8; save the file as UTF-8"))
        return None


def read_csv(path: Path, required: Sequence[str], log: ProblemLog[Problem]) -> Iterator[CsvRow]:
    """Yields the well-formed records of ``path``; logs every other problem.

    Yields nothing when the file is missing, unreadable, or lacks a required column. Blank
    lines are skipped. Quoted fields may span lines: ``CsvRow.line`` is where a record starts.
    """
    text = _decode(path, log)
    if text is None:
        return
    name = path.name
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] | None = None
    consumed = 0  # physical lines read so far
    while True:
        start = consumed + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            log.add(Problem(name, start, f"malformed CSV: {exc}"))
            if reader.line_num == consumed or header is None:
                return
            consumed = reader.line_num
            continue
        consumed = reader.line_num
        if not record:
            continue
        if header is None:
            header = tuple(column.strip() for column in record)
            if not _header_ok(name, start, header, required, log):
                return
            continue
        if len(record) != len(header):
            log.add(
                Problem(
                    name,
                    start,
                    f"has {len(record)} fields but the header has {len(header)}; "
                    "check for unquoted commas or missing quotes",
                )
            )
            continue
        yield CsvRow(name, start, dict(zip(header, record, strict=True)))
    if header is None:
        columns = ", ".join(required)
        log.add(Problem(name, 0, f"is empty; expected a header row with {columns}"))


def _header_ok(
    name: str,
    line: int,
    header: tuple[str, ...],
    required: Sequence[str],
    log: ProblemLog[Problem],
) -> bool:
    ok = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            log.add(Problem(name, line, f"column {column!r} appears more than once"))
            ok = False
        seen.add(column)
    for column in required:
        if column not in seen:
            found = ", ".join(header)
            log.add(Problem(name, line, f"missing required column {column!r} (found: {found})"))
            ok = False
    return ok
