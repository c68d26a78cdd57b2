"""Before anything is timed: every system must give every shape the same, non-trivial answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from peerbench.canon import Canon, CanonError, compare, leaves, list_sizes
from peerbench.shapes import Shape
from peerbench.system import AnswerError, System

__all__ = ["CheckFailed", "Checked", "check_shape", "normalisers"]


class CheckFailed(RuntimeError):
    """The systems disagree on a shape, or an answer is too thin to prove anything."""


@dataclass(frozen=True)
class Checked:
    shape: str
    answer: Canon
    values: int

    def line(self) -> str:
        rows = f"{len(self.answer)} rows, " if isinstance(self.answer, list) else ""
        nested = "".join(f", {key} {n}" for key, n in list_sizes(self.answer).items())
        return f"{self.shape}: all three equal ({rows}{self.values} values{nested})"


def normalisers(shape: Shape) -> tuple[Callable[[Any], Canon], ...]:
    """In the order of the systems: SkillGraph, the peer, the floor."""
    return shape.canon_skillgraph, shape.canon_peer, shape.canon_floor


async def check_shape(shape: Shape, systems: Sequence[System]) -> Checked:
    """The canonical answer all ``systems`` (SkillGraph, peer, floor) give to ``shape``.

    Raises CheckFailed with a unified diff per disagreeing system, or saying which system's
    answer could not be read, or why the common answer is too thin to compare anything."""
    answers: dict[str, Canon] = {}
    for system, canon in zip(systems, normalisers(shape), strict=True):
        try:
            answers[system.name] = canon(await system.fetch(shape))
        except (AnswerError, CanonError) as error:
            raise CheckFailed(f"{shape.name}: {system.name}: {error}") from error
    diffs = compare(answers)
    if diffs:
        shown = "\n\n".join(d if len(d) < 20_000 else d[:20_000] + "\n..." for d in diffs)
        raise CheckFailed(f"{shape.name}: the systems disagree\n{shown}")
    answer = next(iter(answers.values()))
    problem = shape.thin(answer)
    if problem:
        raise CheckFailed(f"{shape.name}: the answer is too thin to compare: {problem}")
    return Checked(shape.name, answer, leaves(answer))
