"""The one permission hook: every read of private person data asks it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgraph.api.principal import Principal, PrincipalRole

__all__ = ["Permissions"]


@dataclass(frozen=True)
class Permissions:
    principal: Principal

    def can_read_private(self, person: Mapping[str, Any]) -> bool:
        """May the caller see this person's private data (email)?

        Until authentication lands, the development default principal is ADMIN.
        """
        if self.principal.role is PrincipalRole.ADMIN:
            return True
        return self.principal.person_id is not None and self.principal.person_id == person.get("id")
