"""The model's enums, exposed to GraphQL with descriptions."""

from __future__ import annotations

from enum import Enum

import strawberry

from skillgraph.domain.trends import Interval
from skillgraph.domain.value import Component as ValueComponentName
from skillgraph.model.enums import (
    AwardStatus,
    CredentialFormat,
    CredentialKind,
    CredentialStatus,
    Importance,
    ProviderKind,
    RoleKind,
    SkillSource,
    SkillType,
    Visibility,
)

__all__ = [
    "AwardStatus",
    "CredentialFormat",
    "CredentialKind",
    "CredentialStatus",
    "Importance",
    "Interval",
    "OrderDirection",
    "ProviderKind",
    "RoleKind",
    "SkillSource",
    "SkillType",
    "ValueComponentName",
    "Visibility",
]

strawberry.enum(SkillType, description="ESCO's split: KNOWLEDGE, or SKILL (skill/competence).")
strawberry.enum(ProviderKind, description="What kind of body a provider is.")
strawberry.enum(CredentialKind, description="What kind of credential.")
strawberry.enum(CredentialFormat, description="How it is delivered.")
strawberry.enum(CredentialStatus, description="RETIRED credentials can no longer be earned.")
strawberry.enum(RoleKind, description="An ESCO-style OCCUPATION, or a concrete JOB_POSTING.")
strawberry.enum(Importance, description="How much a role needs a skill.")
strawberry.enum(
    Visibility,
    description="PRIVATE: only the person and admins. MATCHABLE: also job boards' candidate "
    "matching. PUBLIC: anyone who may read people. Credential outcomes (Credential.value."
    "outcomes) count the awards, targets and held roles of MATCHABLE and PUBLIC people only, "
    "and only as totals over at least 5 of them; PRIVATE people never count.",
)
strawberry.enum(SkillSource, description="Where a declared skill comes from.")
strawberry.enum(AwardStatus, description="REVOKED awards count for nothing.")
strawberry.enum(Interval, description="Calendar months or quarters (UTC).")
strawberry.enum(
    ValueComponentName,
    name="ValueComponentName",
    description="The parts of the composite value score.",
)


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"
