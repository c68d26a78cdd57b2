"""What a client may write on relationships."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from skillgraph.model.enums import AwardStatus, Importance, SkillSource
from skillgraph.model.fields import Level, Url, WriteModel

__all__ = ["AwardWrite", "LevelWrite", "PersonSkillWrite", "RequirementWrite"]


class LevelWrite(WriteModel):
    """TEACHES and a credential's REQUIRES: a level (default 1)."""

    level: Level = 1


class RequirementWrite(WriteModel):
    importance: Importance = Importance.ESSENTIAL
    level: Level = 1


class PersonSkillWrite(WriteModel):
    level: Level = 1
    source: SkillSource = SkillSource.SELF


class AwardWrite(WriteModel):
    """EARNED entered by hand. Times are timezone-aware (naive ones are taken as UTC); expiry
    after issue. Such an award is UNVERIFIED: writing one replaces any badge verification."""

    issued_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    expires_at: datetime | None = None
    status: AwardStatus = AwardStatus.ACTIVE
    evidence_url: Url | None = None

    @field_validator("issued_at", "expires_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @field_validator("expires_at")
    @classmethod
    def _expiry_after_issue(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        issued = info.data.get("issued_at")
        if value is not None and issued is not None and value <= issued:
            raise ValueError("expiresAt must be after issuedAt")
        return value

    def to_properties(self) -> dict[str, Any]:
        return {
            "issuedAt": self.issued_at,
            "expiresAt": self.expires_at,
            "status": self.status.value,
            "evidenceUrl": self.evidence_url,
            # Nothing was checked: a badge's verification does not carry over.
            "verificationStatus": "UNVERIFIED",
            "verificationChecks": None,
            "verifiedAt": None,
            "sourceId": None,
            "statusListUrl": None,
            "statusListIndex": None,
            "statusPurpose": None,
            "revokedReason": None,
            "revokedSeenAt": None,
        }
