"""The one permission hook. Every resolver that touches people, writes, or matching asks
it; nothing reaches private data around it.

Policy:
- ADMIN: everything.
- EDITOR: writes the catalogue (skills, credentials, providers, roles, their links, Open
  Badges achievements); sees PUBLIC people only, never their private data.
- PERSON: bound to one Person; reads and writes their own profile, skills, awards, targets,
  gaps and plans; sees other people only when PUBLIC.
- JOB_BOARD: reads the catalogue, writes JOB_POSTING roles it created (``owner``), and runs
  candidatesForRole, which only shows MATCHABLE or PUBLIC people. Sees a person's skills and
  credentials, and the email only when the person set ``emailVisible``.
- RESEARCHER: the catalogue and aggregates only; never a single person.
- ANONYMOUS: the catalogue, read-only (or nothing, by configuration, at the gate).

A person the caller may not see is NOT_FOUND, exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.api.principal import Principal, PrincipalRole
from skillgraph.errors import Forbidden, NotFound

__all__ = ["Permissions"]

R = PrincipalRole
_CATALOGUE_WRITERS = {R.ADMIN, R.EDITOR}
# Which visibilities each role may see, besides a PERSON seeing themselves.
_VISIBLE: dict[PrincipalRole, tuple[str, ...]] = {
    R.ADMIN: ("PRIVATE", "MATCHABLE", "PUBLIC"),
    R.EDITOR: ("PUBLIC",),
    R.PERSON: ("PUBLIC",),
    R.JOB_BOARD: ("MATCHABLE", "PUBLIC"),
    R.RESEARCHER: (),
    R.ANONYMOUS: (),
}


@dataclass(frozen=True)
class Permissions:
    principal: Principal

    @property
    def role(self) -> PrincipalRole:
        return self.principal.role

    # -- people ------------------------------------------------------------------------------

    def is_self(self, person_id: str | None) -> bool:
        return (
            self.role is R.PERSON
            and self.principal.person_id is not None
            and self.principal.person_id == person_id
        )

    def visible_people(self) -> tuple[list[str], str | None]:
        """Visibilities the caller may list, and the one person id always visible (self)."""
        return list(
            _VISIBLE[self.role]
        ), self.principal.person_id if self.role is R.PERSON else None

    def may_see_person(self, person: Mapping[str, Any]) -> bool:
        return (
            self.is_self(person.get("id"))
            or (person.get("visibility") or "PRIVATE") in _VISIBLE[self.role]
        )

    def may_see_details(self, person_id: str) -> bool:
        """Targets, gaps and plans: the person themself and admins."""
        return self.role is R.ADMIN or self.is_self(person_id)

    def can_read_private(self, person: Mapping[str, Any]) -> bool:
        """The email: admins and the person; others who may see the person only when the
        person made it visible (``emailVisible``); editors and researchers never."""
        if self.role is R.ADMIN or self.is_self(person.get("id")):
            return True
        if self.role in (R.EDITOR, R.RESEARCHER, R.ANONYMOUS):
            return False
        return bool(person.get("emailVisible")) and self.may_see_person(person)

    def require_person_details(self, person_id: str) -> None:
        """NOT_FOUND unless the caller may see this person's targets, gaps and plans."""
        if not self.may_see_details(person_id):
            raise NotFound(f"no Person with id {person_id!r}")

    def require_person_write(self, person_id: str | None) -> None:
        if self.role is R.ADMIN or (person_id is not None and self.is_self(person_id)):
            return
        if self.role is R.PERSON:
            raise NotFound(f"no Person with id {person_id!r}")
        raise Forbidden(f"a {self.role.value} caller cannot change people; use their own key")

    def require_admin(self, what: str) -> None:
        if self.role is not R.ADMIN:
            raise Forbidden(f"{what} needs an ADMIN key")

    # -- catalogue -----------------------------------------------------------------------------

    def require_catalogue_write(self, what: str) -> None:
        if self.role not in _CATALOGUE_WRITERS:
            raise Forbidden(f"{what} needs an EDITOR or ADMIN key")

    def may_write_role(self, role: Mapping[str, Any] | None) -> bool:
        """Catalogue writers any role; a job board only postings it created."""
        if self.role in _CATALOGUE_WRITERS:
            return True
        if self.role is not R.JOB_BOARD:
            return False
        if role is None:
            return True  # a new role; the caller must make it a JOB_POSTING they own
        return role.get("kind") == "JOB_POSTING" and role.get("owner") == self.principal.key

    def require_role_write(self, role: Mapping[str, Any] | None) -> None:
        if not self.may_write_role(role):
            if self.role is R.JOB_BOARD:
                raise Forbidden("a job board may only change JOB_POSTING roles it created")
            raise Forbidden("changing roles needs an EDITOR, ADMIN or JOB_BOARD key")

    @property
    def owner(self) -> str | None:
        """What a JOB_BOARD's new postings are marked with."""
        return self.principal.key if self.role is R.JOB_BOARD else None

    # -- questions -----------------------------------------------------------------------------

    def require_matching(self) -> None:
        if self.role not in (R.ADMIN, R.JOB_BOARD):
            raise Forbidden("candidatesForRole needs a JOB_BOARD or ADMIN key")
