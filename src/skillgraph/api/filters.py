"""Filter and ordering inputs of the root lists, and their translation to query parameters."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any, TypeVar

import strawberry

from skillgraph.api.bounds import COVERAGE, HOURS
from skillgraph.api.enums import (
    CredentialFormat,
    CredentialKind,
    CredentialStatus,
    OrderDirection,
    ProviderKind,
    RoleKind,
    SkillType,
    Visibility,
)
from skillgraph.api.types.node import MoneyInput
from skillgraph.errors import BadUserInput
from skillgraph.store.lucene import MAX_TEXT, fulltext_query

__all__ = [
    "CredentialFilter",
    "CredentialOrder",
    "PersonFilter",
    "PersonOrder",
    "ProviderFilter",
    "ProviderOrder",
    "RoleFilter",
    "RoleOrder",
    "SkillFilter",
    "SkillOrder",
]

T = TypeVar("T")


@strawberry.enum(description="How a list of wanted values is matched.")
class MatchMode(Enum):
    ANY = "ANY"
    ALL = "ALL"


def text_param(text: str | None, field: str) -> str | None:
    if text is None:
        return None
    if len(text) > MAX_TEXT:
        raise BadUserInput(f"{field} is limited to {MAX_TEXT} characters", field=field)
    query = fulltext_query(text)
    if query is None:
        raise BadUserInput(f"{field} needs at least one letter or digit", field=field)
    return query


def list_param(values: Sequence[T] | None, field: str, limit: int) -> list[Any] | None:
    if values is None:
        return None
    if len(values) > limit:
        raise BadUserInput(f"{field} takes at most {limit} items", field=field)
    return [v.value if isinstance(v, Enum) else v for v in values]


@strawberry.input(description="Narrows `skills`; all given conditions must hold.")
class SkillFilter:
    text: str | None = strawberry.field(
        default=None, description="Full-text over name and altLabels; the last word is a prefix."
    )
    types: list[SkillType] | None = None
    uris: list[str] | None = None

    def params(self, limit: int) -> dict[str, Any]:
        return {
            "text": text_param(self.text, "filter.text"),
            "types": list_param(self.types, "filter.types", limit),
            "uris": list_param(self.uris, "filter.uris", limit),
        }


@strawberry.enum
class SkillOrderField(Enum):
    NAME = "NAME"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"


@strawberry.input(description="Sort order; ties are broken by id.")
class SkillOrder:
    field: SkillOrderField = SkillOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Narrows `credentials`; all given conditions must hold.")
class CredentialFilter:
    teaches: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Skill ids; see teachesMode."
    )
    teaches_mode: MatchMode = strawberry.field(
        default=MatchMode.ANY, description="ANY: teaches at least one; ALL: teaches every one."
    )
    providers: list[strawberry.ID] | None = None
    kinds: list[CredentialKind] | None = None
    formats: list[CredentialFormat] | None = None
    max_cost: MoneyInput | None = strawberry.field(
        default=None,
        description="Only credentials priced in this currency at or below this amount.",
    )
    max_hours: float | None = strawberry.field(
        default=None, description=f"At most this many hours, {HOURS.text()}."
    )
    statuses: list[CredentialStatus] | None = None
    min_value: float | None = strawberry.field(
        default=None,
        description="Only credentials whose composite value score (Credential.value.score, "
        f"{COVERAGE.text()}, as of the last `skillgraph stats refresh`) is at least this.",
    )

    def params(self, limit: int) -> dict[str, Any]:
        cost = self.max_cost.value("filter.maxCost") if self.max_cost is not None else None
        if self.max_hours is not None:
            HOURS.check(self.max_hours, "filter.maxHours")
        if self.min_value is not None:
            COVERAGE.check(self.min_value, "filter.minValue")
        return {
            "teaches": list_param(self.teaches, "filter.teaches", limit),
            "teachesAll": self.teaches_mode is MatchMode.ALL,
            "providers": list_param(self.providers, "filter.providers", limit),
            "kinds": list_param(self.kinds, "filter.kinds", limit),
            "formats": list_param(self.formats, "filter.formats", limit),
            "statuses": list_param(self.statuses, "filter.statuses", limit),
            "maxHours": self.max_hours,
            "maxCostCurrency": cost.currency if cost else None,
            "maxCostValue": float(cost.amount) if cost else None,
            "minValue": self.min_value,
        }


@strawberry.enum(
    description="VALUE: the composite value score (Credential.value.score; credentials not "
    "refreshed yet count as 0), best first with direction DESC."
)
class CredentialOrderField(Enum):
    NAME = "NAME"
    COST = "COST"
    DURATION = "DURATION"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"
    VALUE = "VALUE"


@strawberry.input(description="Sort order; unknown cost or duration sorts last; ties by id.")
class CredentialOrder:
    field: CredentialOrderField = CredentialOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Narrows `providers`.")
class ProviderFilter:
    text: str | None = None
    kinds: list[ProviderKind] | None = None
    accredited: bool | None = None

    def params(self, limit: int) -> dict[str, Any]:
        return {
            "text": text_param(self.text, "filter.text"),
            "kinds": list_param(self.kinds, "filter.kinds", limit),
            "accredited": self.accredited,
        }


@strawberry.enum
class ProviderOrderField(Enum):
    NAME = "NAME"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"


@strawberry.input(description="Sort order; ties are broken by id.")
class ProviderOrder:
    field: ProviderOrderField = ProviderOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Narrows `roles`; all given conditions must hold.")
class RoleFilter:
    text: str | None = strawberry.field(
        default=None, description="Full-text over title, altLabels."
    )
    kind: RoleKind | None = None
    requires_skill: strawberry.ID | None = strawberry.field(
        default=None, description="Roles whose effective requirements include this skill."
    )
    employer: str | None = strawberry.field(default=None, description="Exact, case-insensitive.")

    def params(self, limit: int) -> dict[str, Any]:
        return {
            "text": text_param(self.text, "filter.text"),
            "kinds": [self.kind.value] if self.kind else None,
            "requiresSkill": self.requires_skill,
            "employer": self.employer,
        }


@strawberry.enum
class RoleOrderField(Enum):
    TITLE = "TITLE"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"


@strawberry.input(description="Sort order; ties are broken by id.")
class RoleOrder:
    field: RoleOrderField = RoleOrderField.TITLE
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Narrows `people`.")
class PersonFilter:
    has_skill: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Skill ids the person holds, all of them: declared, or taught by an "
        "active, unexpired award.",
    )
    visibilities: list[Visibility] | None = None

    def params(self, limit: int) -> dict[str, Any]:
        return {
            "hasSkill": list_param(self.has_skill, "filter.hasSkill", limit),
            "visibilities": list_param(self.visibilities, "filter.visibilities", limit),
        }


@strawberry.enum
class PersonOrderField(Enum):
    NAME = "NAME"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"


@strawberry.input(description="Sort order; ties are broken by id.")
class PersonOrder:
    field: PersonOrderField = PersonOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC
