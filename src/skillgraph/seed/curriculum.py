"""Which skills a credential may require without creating a prerequisite cycle.

Credentials are numbered in generation order. Credential ``i`` may require skill ``s`` only
when every credential teaching ``s`` has a number below ``i`` (or none teaches it). Then every
edge "teacher of s -> credential requiring s" goes from a lower to a higher number, so the
credential dependency graph is acyclic, and each prerequisite is taught, at its level, earlier.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["Curriculum"]

S = TypeVar("S", bound=Hashable)


class Curriculum(Generic[S]):
    def __init__(self) -> None:
        self._last: dict[S, int] = {}
        self._level: dict[S, int] = {}

    def teach(self, credential: int, taught: Iterable[tuple[S, int]]) -> None:
        """Record that credential number ``credential`` teaches (skill, level) pairs."""
        for skill, level in taught:
            if self._last.get(skill, -1) < credential:
                self._last[skill] = credential
            if self._level.get(skill, 0) < level:
                self._level[skill] = level

    def taught(self, skill: S) -> bool:
        return skill in self._last

    def requirable(self, skill: S, credential: int) -> int:
        """The highest level credential ``credential`` may require ``skill`` at: the best level
        earlier credentials teach it at; 0 when a later (or the same) credential teaches it;
        -1 when nothing teaches it (any level may be required, nothing will cover it)."""
        last = self._last.get(skill)
        if last is None:
            return -1
        return self._level[skill] if last < credential else 0
