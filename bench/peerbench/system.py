"""What the check and the timing need of a system; the real ones are in clients.py."""

from __future__ import annotations

from typing import Any, Protocol

from peerbench.shapes import Shape

__all__ = ["AnswerError", "System"]


class AnswerError(RuntimeError):
    """A system answered with an error, or not at all, where an answer was needed."""


class System(Protocol):
    name: str

    async def fetch(self, shape: Shape) -> Any:
        """The shape's answer as the system gives it (GraphQL ``data``, or Cypher rows);
        AnswerError when it answers with errors."""
        ...

    async def call(self, shape: Shape) -> str | None:
        """Ask once and read the whole answer: None when it came without errors, else what
        went wrong (shortened)."""
        ...
