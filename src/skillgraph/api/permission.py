"""The one permission hook. Every resolver that touches people, writes, or matching asks
it; nothing reaches private data around it. The rules below are the same, word for word, in
the README ("Security and limits") and the schema's descriptions of Person, Query.person,
Query.people and Query.candidatesForRole; tests/e2e/test_privacy_matrix.py checks them on
every schema path that reaches a Person.

Who sees which people:
- ADMIN sees every person, with their email, on every path.
- A PERSON key sees its own person (whatever the visibility) with their email, targets, gaps
  and plans, and other people only when they are PUBLIC, never their email.
- A JOB_BOARD key sees PUBLIC people on every path, and MATCHABLE people only through
  matching (candidatesForRole). It sees a person's email only when the person set
  emailVisible.
- An EDITOR key sees PUBLIC people, never their email.
- RESEARCHER keys and anonymous callers see no person.
- Targets, gaps, plans and role matches of a person: that person's own key and ADMIN only.
- A person the caller may not see is NOT_FOUND (or absent from a list), exactly like one that
  does not exist, on every path.

Who may do what else:
- ADMIN: everything.
- EDITOR: writes the catalogue (skills, credentials, providers, roles, their links, Open
  Badges achievements).
- PERSON: writes its own profile, skills, awards and targets; nothing else.
- JOB_BOARD: reads the catalogue, writes JOB_POSTING roles it created (``owner``), and runs
  candidatesForRole.
- RESEARCHER: the catalogue and aggregates only.
- ANONYMOUS: the catalogue, read-only (or nothing, by configuration, at the gate).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.api.principal import Principal, PrincipalRole
from skillgraph.errors import Forbidden, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store.database import Record

__all__ = ["MATCHABLE", "PEOPLE_POLICY", "Permissions"]

# Who sees which people: the module docstring, the README and the schema say exactly this.
PEOPLE_POLICY = (
    "ADMIN sees every person, with their email, on every path.",
    "A PERSON key sees its own person (whatever the visibility) with their email, targets, "
    "gaps and plans, and other people only when they are PUBLIC, never their email.",
    "A JOB_BOARD key sees PUBLIC people on every path, and MATCHABLE people only through "
    "matching (candidatesForRole). It sees a person's email only when the person set "
    "emailVisible.",
    "An EDITOR key sees PUBLIC people, never their email.",
    "RESEARCHER keys and anonymous callers see no person.",
    "Targets, gaps, plans and role matches of a person: that person's own key and ADMIN only.",
    "A person the caller may not see is NOT_FOUND (or absent from a list), exactly like one "
    "that does not exist, on every path.",
)

R = PrincipalRole
_CATALOGUE_WRITERS = {R.ADMIN, R.EDITOR}
# Which visibilities each role sees on every path, besides a PERSON seeing themselves.
_VISIBLE: dict[PrincipalRole, tuple[str, ...]] = {
    R.ADMIN: ("PRIVATE", "MATCHABLE", "PUBLIC"),
    R.EDITOR: ("PUBLIC",),
    R.PERSON: ("PUBLIC",),
    R.JOB_BOARD: ("PUBLIC",),
    R.RESEARCHER: (),
    R.ANONYMOUS: (),
}
# Who matching (candidatesForRole) may rank, for the roles that may run it.
MATCHABLE: tuple[str, ...] = ("MATCHABLE", "PUBLIC")
_MATCHERS = {R.ADMIN, R.JOB_BOARD}
# Who sees the email of a person they see: besides ADMIN and the person, a job board when the
# person set emailVisible (and the person is one it may rank or see).
_EMAIL_IF_VISIBLE = {R.JOB_BOARD}


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
        """On every path but matching."""
        return (
            self.is_self(person.get("id"))
            or (person.get("visibility") or "PRIVATE") in _VISIBLE[self.role]
        )

    def matchable_people(self) -> list[str]:
        """Visibilities candidatesForRole ranks (after require_matching)."""
        return list(MATCHABLE)

    def visible(self, node_type: NodeType, record: Record | None) -> Record | None:
        """``record``, or None when it is a person the caller may not see (NOT_FOUND)."""
        if record is None or node_type is not NodeType.PERSON:
            return record
        return record if self.may_see_person(record) else None

    def may_see_details(self, person_id: str) -> bool:
        """Targets, gaps and plans: the person themself and admins."""
        return self.role is R.ADMIN or self.is_self(person_id)

    def can_read_private(self, person: Mapping[str, Any]) -> bool:
        """The email: ADMIN and the person themself; a JOB_BOARD when the person set
        ``emailVisible`` (and is MATCHABLE or PUBLIC); nobody else."""
        if self.role is R.ADMIN or self.is_self(person.get("id")):
            return True
        if self.role not in _EMAIL_IF_VISIBLE:
            return False
        return bool(person.get("emailVisible")) and person.get("visibility") in MATCHABLE

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

    def require_person_upsert(self, existing: Mapping[str, Any] | None, uri: str) -> None:
        """ADMIN upserts any person; a PERSON key only its own (by uri), and gets the same
        FORBIDDEN for every other uri, whether a person has it or not (no existence oracle);
        every other role is FORBIDDEN."""
        if self.role is R.ADMIN:
            return
        if self.role is R.PERSON:
            if existing is not None and self.is_self(existing.get("id")):
                return
            raise Forbidden(f"a PERSON key may only upsert its own person; {uri!r} is not it")
        raise Forbidden(f"a {self.role.value} caller cannot change people")

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
        if self.role not in _MATCHERS:
            raise Forbidden("candidatesForRole needs a JOB_BOARD or ADMIN key")
