"""What a client may write on each node type. Each model maps to Neo4j properties.

``to_properties()`` returns the stored properties (camelCase), never ``id``/``uri``/timestamps,
which the store manages.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from skillgraph.model.currency import quantize
from skillgraph.model.enums import (
    CredentialFormat,
    CredentialKind,
    CredentialStatus,
    ProviderKind,
    RoleKind,
    SkillType,
    Visibility,
)
from skillgraph.model.fields import Description, Email, Labels, Money, Name, Url, WriteModel
from skillgraph.verification.keys import KeyProblem, PublicKey, key_from_jwk, key_from_multibase

__all__ = [
    "MAX_PINNED_KEYS",
    "CredentialWrite",
    "NodeWrite",
    "PersonWrite",
    "PinnedKeyWrite",
    "ProviderWrite",
    "RoleWrite",
    "SkillWrite",
]

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ISCO = re.compile(r"^\d{1,4}$")


class NodeWrite(WriteModel):
    def to_properties(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


class SkillWrite(NodeWrite):
    name: Name
    description: Description | None = None
    type: SkillType = SkillType.SKILL
    alt_labels: Labels = Field(default_factory=list)


MAX_PINNED_KEYS = 20


class PinnedKeyWrite(WriteModel):
    """A public key pinned on a provider: exactly one of ``public_key_multibase`` (Multikey:
    Ed25519, P-256, P-384) and ``public_key_jwk`` (OKP, EC or RSA; never a private key).
    ``id`` is the verification method or JWT ``kid`` the issuer signs with, when known."""

    id: Url | None = None
    public_key_multibase: str | None = None
    public_key_jwk: dict[str, Any] | None = None

    @field_validator("public_key_multibase")
    @classmethod
    def _usable_multibase(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                key_from_multibase(value)
            except KeyProblem as exc:
                raise ValueError(f"not a usable public key: {exc}") from None
        return value

    @field_validator("public_key_jwk")
    @classmethod
    def _usable_jwk(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None:
            try:
                key_from_jwk(value)
            except KeyProblem as exc:
                raise ValueError(f"not a usable public key: {exc}") from None
        return value

    @model_validator(mode="after")
    def _one_key(self) -> PinnedKeyWrite:
        if (self.public_key_multibase is None) == (self.public_key_jwk is None):
            raise ValueError("give exactly one of publicKeyMultibase and publicKeyJwk")
        return self

    def key(self) -> PublicKey:
        if self.public_key_multibase is not None:
            return key_from_multibase(self.public_key_multibase)
        return key_from_jwk(self.public_key_jwk or {})

    def stored(self) -> str:
        """How the key is stored: one JSON string per key (Neo4j has no nested maps)."""
        data = self.model_dump(by_alias=True, mode="json", exclude_none=True)
        return json.dumps(data, sort_keys=True)


def _stored_keys(value: Any) -> Any:
    """Stored keys are JSON strings; inputs are objects. Accept both."""
    if isinstance(value, list):
        return [json.loads(v) if isinstance(v, str) else v for v in value]
    return value


class ProviderWrite(NodeWrite):
    name: Name
    kind: ProviderKind = ProviderKind.OTHER
    url: Url | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. DE")
    accredited: bool = False
    accreditations: Labels = Field(default_factory=list)
    alt_labels: Labels = Field(default_factory=list)
    verification_keys: list[PinnedKeyWrite] = Field(
        default_factory=list, max_length=MAX_PINNED_KEYS
    )

    @field_validator("verification_keys", mode="before")
    @classmethod
    def _decode_keys(cls, value: Any) -> Any:
        return _stored_keys(value)

    def to_properties(self) -> dict[str, Any]:
        props = self.model_dump(by_alias=True, mode="json", exclude={"verification_keys"})
        props["verificationKeys"] = list(dict.fromkeys(k.stored() for k in self.verification_keys))
        return props

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.upper()
        if not _COUNTRY.match(code):
            raise ValueError("must be an ISO 3166-1 alpha-2 code such as DE or US")
        return code


class CredentialWrite(NodeWrite):
    """``provider_id`` is stored as the OFFERS relationship, not as a property."""

    name: Name
    provider_id: str
    description: Description | None = None
    kind: CredentialKind = CredentialKind.OTHER
    cost: Money | None = None
    duration_hours: float | None = Field(None, ge=0, le=100_000)
    format: CredentialFormat = CredentialFormat.ONLINE
    validity_months: int | None = Field(None, ge=1, le=1200)
    url: Url | None = None
    status: CredentialStatus = CredentialStatus.ACTIVE
    alt_labels: Labels = Field(default_factory=list)

    def to_properties(self) -> dict[str, Any]:
        props = self.model_dump(by_alias=True, mode="json", exclude={"provider_id", "cost"})
        # Money is stored exactly (string) plus a float used only for filtering and sorting.
        props["costAmount"] = (
            str(quantize(self.cost.amount, self.cost.currency)) if self.cost else None
        )
        props["costCurrency"] = self.cost.currency if self.cost else None
        props["costValue"] = float(self.cost.amount) if self.cost else None
        return props


class RoleWrite(NodeWrite):
    """``occupation_id`` (postings only) is stored as the SPECIALIZES relationship.

    ``posted_at`` and ``closed_at`` (postings only; naive times are UTC) say when a posting
    was published and when it stopped taking applications; without ``posted_at`` a posting
    counts as published when it was created. ``closed_at`` must be after ``posted_at``."""

    title: Name
    description: Description | None = None
    kind: RoleKind = RoleKind.OCCUPATION
    employer: Name | None = None
    location: Name | None = None
    remote: bool | None = None
    isco_group: str | None = None
    occupation_id: str | None = None
    posted_at: datetime | None = None
    closed_at: datetime | None = None
    alt_labels: Labels = Field(default_factory=list)

    @field_validator("posted_at", "closed_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @model_validator(mode="after")
    def _posting_dates(self) -> RoleWrite:
        dated = self.posted_at is not None or self.closed_at is not None
        if dated and self.kind is not RoleKind.JOB_POSTING:
            raise ValueError("postedAt and closedAt are only allowed on roles of kind JOB_POSTING")
        if (
            self.posted_at is not None
            and self.closed_at is not None
            and self.closed_at <= self.posted_at
        ):
            raise ValueError("closedAt must be after postedAt")
        return self

    @field_validator("isco_group")
    @classmethod
    def _isco(cls, value: str | None) -> str | None:
        if value is not None and not _ISCO.match(value):
            raise ValueError("must be an ISCO-08 group code of 1 to 4 digits, e.g. 2512")
        return value

    @field_validator("occupation_id")
    @classmethod
    def _only_postings_specialise(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("kind") is not RoleKind.JOB_POSTING:
            raise ValueError("occupationId is only allowed on roles of kind JOB_POSTING")
        return value

    def to_properties(self) -> dict[str, Any]:
        props = self.model_dump(
            by_alias=True, mode="json", exclude={"occupation_id", "posted_at", "closed_at"}
        )
        # Stored as temporal values (not text), so Cypher compares and buckets them.
        props["postedAt"] = self.posted_at
        props["closedAt"] = self.closed_at
        return props


class PersonWrite(NodeWrite):
    name: Name
    email: Email | None = None
    headline: Name | None = None
    visibility: Visibility = Visibility.PRIVATE
    email_visible: bool = False
