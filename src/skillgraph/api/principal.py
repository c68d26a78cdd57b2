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
    """Who is calling. ``person_id`` is set for PERSON principals only; ``key`` identifies
    the credential (for rate limits and idempotency records)."""

    role: PrincipalRole
    name: str = "anonymous"
    person_id: str | None = None
    key: str = "anonymous"
