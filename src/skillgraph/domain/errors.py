"""Errors the domain raises for inputs it cannot work with.

Each is a ``ValueError`` and a ``BadUserInput``, so the transport maps it to ``BAD_USER_INPUT``.
"""

from __future__ import annotations

from skillgraph.errors import BadUserInput

__all__ = [
    "DomainInputError",
    "MissingPrerequisiteError",
    "PlanInputError",
    "PrerequisiteCycleError",
]


class DomainInputError(BadUserInput, ValueError):
    """A value given to a domain function is out of its documented range."""


class PlanInputError(DomainInputError):
    """A planning input (target, candidate, option) is invalid; the message says which."""


class PrerequisiteCycleError(DomainInputError):
    """Credentials that can only be taken after each other; ``cycle`` lists them in order,
    each needing a skill taught by the next, the last needing the first."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        path = " -> ".join((*cycle, cycle[0]))
        super().__init__(
            f"the credentials cannot be ordered: each needs a skill taught by the next ({path})",
            cycle=list(cycle),
        )
        self.cycle = cycle


class MissingPrerequisiteError(DomainInputError):
    """A credential needs a skill that neither the person nor any other chosen credential has."""

    def __init__(self, credential_id: str, skill_id: str, level: int) -> None:
        super().__init__(
            f"{credential_id} requires {skill_id} at level {level}, which is neither held "
            "nor taught at that level by another chosen credential",
            credential_id=credential_id,
            skill_id=skill_id,
            level=level,
        )
        self.credential_id = credential_id
        self.skill_id = skill_id
        self.level = level
