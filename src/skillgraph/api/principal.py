from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Principal", "PrincipalRole"]


class PrincipalRole(StrEnum):
    ADMIN = "ADMIN"
    EDITOR = "EDITOR"
    PERSON = "PERSON"
    JOB_BOARD = "JOB_BOARD"
    RESEARCHER = "RESEARCHER"
    ANONYMOUS = "ANONYMOUS"


@dataclass(frozen=True)
class Principal:
    """Who is calling. ``person_id`` is set for PERSON principals only."""

    role: PrincipalRole
    name: str = "anonymous"
    person_id: str | None = None

    @classmethod
    def development_default(cls) -> Principal:
        """Until authentication exists every caller is this admin-like principal."""
        return cls(role=PrincipalRole.ADMIN, name="development-default")
