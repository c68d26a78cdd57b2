"""What importers report when input must be fixed before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from skillgraph.errors import BadUserInput

__all__ = [
    "MAX_PROBLEMS",
    "DocumentProblem",
    "ImportValidationError",
    "OpenBadgesError",
    "Problem",
    "ProblemLog",
]

MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to fix in a CSV file.

    ``line`` is the physical line where the record starts (the header is line 1), or 0 when
    the problem concerns the file as a whole (missing, unreadable, no header).
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class DocumentProblem:
    """One thing to fix in a JSON document; ``path`` is a JSONPath such as ``$[2].name``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


P = TypeVar("P", Problem, DocumentProblem)


class ProblemLog(Generic[P]):
    """Collects problems, keeping the first ``cap`` and counting the rest."""

    def __init__(self, cap: int = MAX_PROBLEMS) -> None:
        self._cap = cap
        self._kept: list[P] = []
        self.total = 0

    def add(self, problem: P) -> None:
        self.total += 1
        if len(self._kept) < self._cap:
            self._kept.append(problem)

    @property
    def problems(self) -> tuple[P, ...]:
        return tuple(self._kept)

    def __bool__(self) -> bool:
        return self.total > 0


def _message(
    title: str, problems: tuple[Problem, ...] | tuple[DocumentProblem, ...], total: int
) -> str:
    lines = [f"{title}: {total} problem{'s' if total != 1 else ''}; nothing was imported."]
    lines.extend(f"  {problem}" for problem in problems)
    if total > len(problems):
        lines.append(f"  ... and {total - len(problems)} more")
    return "\n".join(lines)


class ImportValidationError(BadUserInput):
    """ESCO files failed validation. ``problems`` holds at most ``MAX_PROBLEMS``; ``total``
    counts all of them."""

    def __init__(self, problems: Iterable[Problem], *, total: int | None = None) -> None:
        self.problems = tuple(problems)
        self.total = len(self.problems) if total is None else total
        super().__init__(
            _message("ESCO import", self.problems, self.total),
            problems=[
                {"file": p.file, "line": p.line, "message": p.message} for p in self.problems
            ],
            problemCount=self.total,
        )


class OpenBadgesError(BadUserInput):
    """Open Badges documents failed validation. ``problems`` holds at most ``MAX_PROBLEMS``;
    ``total`` counts all of them."""

    def __init__(self, problems: Iterable[DocumentProblem], *, total: int | None = None) -> None:
        self.problems = tuple(problems)
        self.total = len(self.problems) if total is None else total
        super().__init__(
            _message("Open Badges import", self.problems, self.total),
            problems=[{"path": p.path, "message": p.message} for p in self.problems],
            problemCount=self.total,
        )
