"""GraphQL input objects of the node mutations, and their conversion to write-model dicts."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from pydantic.alias_generators import to_camel
from strawberry.scalars import JSON
from strawberry.types.unset import UnsetType

from skillgraph.api.enums import (
    CredentialFormat,
    CredentialKind,
    CredentialStatus,
    ProviderKind,
    RoleKind,
    SkillType,
    Visibility,
)
from skillgraph.api.types.extraction import ExtractOptionsInput
from skillgraph.api.types.node import MoneyInput

__all__ = [
    "CreateCredentialInput",
    "CreatePersonInput",
    "CreateProviderInput",
    "CreateRoleInput",
    "CreateSkillInput",
    "UpdateCredentialInput",
    "UpdatePersonInput",
    "UpdateProviderInput",
    "UpdateRoleInput",
    "UpdateSkillInput",
    "VerificationKeyInput",
    "to_write",
]

UNSET: Any = strawberry.UNSET
_ID_DOC = "Optional client-chosen id with the type's prefix (e.g. skill_abc); generated if absent."
_URI_DOC = (
    "Optional external key, unique per type (ESCO URI, posting URL, Open Badges id): an "
    "absolute http, https, urn or did URI."
)
_URL_DOC = "A web page: an absolute http or https URL."
_EXTRACT_REQUIREMENTS = (
    "Read skills from the description and write them as the role's requirements, each "
    "marked extracted with its confidence and evidence, at the suggested level and importance "
    "(default 1, ESSENTIAL). Replaces earlier extracted requirements; never touches "
    "requirements set with setRoleRequirement. Preview with extractSkills first."
)
_EXTRACT_TEACHES = (
    "Read skills from the description and write them as what the credential teaches, each "
    "marked extracted with its confidence and evidence. Replaces earlier extracted links; "
    "never touches links set with setCredentialTeaches."
)
_EXTRACTION = "Options of the extraction (default: first 10, minConfidence 0.5)."
_POSTED_AT = (
    "JOB_POSTING only: when it was published (default: when it was created). Times without "
    "a zone are UTC. Demand trends count a posting in the month it was posted."
)
_CLOSED_AT = (
    "JOB_POSTING only: when it stopped taking applications (after postedAt). A posting is "
    "active while it is posted and not closed; value signals count active postings."
)


_LISTS = frozenset({"alt_labels", "accreditations", "verification_keys"})
# Inputs that steer the mutation rather than being stored on the node.
_NOT_STORED = frozenset({"id", "uri", "extract_requirements", "extract_teaches", "extraction"})


def to_write(
    data: object, *, skip: frozenset[str] = _NOT_STORED, patch: bool = False
) -> dict[str, Any]:
    """The given fields as camelCase keys, inputs and enums made plain.

    UNSET fields are left out. A null is left out of a create (the default applies); in a
    ``patch`` it clears the field (an empty list for list fields).
    """
    out: dict[str, Any] = {}
    for f in dataclasses.fields(data):  # type: ignore[arg-type]
        value = getattr(data, f.name)
        if isinstance(value, UnsetType) or f.name in skip:
            continue
        if value is None and not patch:
            continue
        if value is None and f.name in _LISTS:
            value = []
        out[to_camel(f.name)] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_write(value, skip=frozenset(), patch=True)
    return value


@strawberry.input(description="A new skill.")
class CreateSkillInput:
    id: strawberry.ID | None = strawberry.field(default=None, description=_ID_DOC)
    uri: str | None = strawberry.field(default=None, description=_URI_DOC)
    name: str
    description: str | None = None
    type: SkillType = SkillType.SKILL
    alt_labels: list[str] | None = None


@strawberry.input(description="Changes to a skill: omitted fields are unchanged, null clears.")
class UpdateSkillInput:
    uri: str | None = UNSET
    name: str | None = UNSET
    description: str | None = UNSET
    type: SkillType | None = UNSET
    alt_labels: list[str] | None = UNSET


@strawberry.input(
    description="A public key pinned on a provider: badges it issues must be signed with one of "
    "its pinned keys (when it has any). Give exactly one of publicKeyMultibase and publicKeyJwk."
)
class VerificationKeyInput:
    id: str | None = strawberry.field(
        default=None,
        description="The verification method or JWT kid the issuer signs with, e.g. "
        "https://example.edu/issuers/1#key-1.",
    )
    public_key_multibase: str | None = strawberry.field(
        default=None, description="Multikey (z...): Ed25519, P-256 or P-384."
    )
    public_key_jwk: JSON | None = strawberry.field(
        default=None, description="A public JWK (OKP/Ed25519, EC P-256/P-384 or RSA)."
    )


@strawberry.input(description="A new provider.")
class CreateProviderInput:
    id: strawberry.ID | None = strawberry.field(default=None, description=_ID_DOC)
    uri: str | None = strawberry.field(default=None, description=_URI_DOC)
    name: str
    kind: ProviderKind = ProviderKind.OTHER
    url: str | None = strawberry.field(default=None, description=_URL_DOC)
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2.")
    accredited: bool = False
    accreditations: list[str] | None = None
    alt_labels: list[str] | None = None
    verification_keys: list[VerificationKeyInput] | None = strawberry.field(
        default=None, description="Pinned issuer keys (ADMIN or EDITOR); at most 20."
    )


@strawberry.input(description="Changes to a provider: omitted fields are unchanged.")
class UpdateProviderInput:
    uri: str | None = UNSET
    name: str | None = UNSET
    kind: ProviderKind | None = UNSET
    url: str | None = strawberry.field(default=UNSET, description=_URL_DOC)
    country: str | None = UNSET
    accredited: bool | None = UNSET
    accreditations: list[str] | None = UNSET
    alt_labels: list[str] | None = UNSET
    verification_keys: list[VerificationKeyInput] | None = strawberry.field(
        default=UNSET, description="Replaces the pinned keys; null or [] removes them."
    )


@strawberry.input(description="A new credential, offered by an existing provider.")
class CreateCredentialInput:
    id: strawberry.ID | None = strawberry.field(default=None, description=_ID_DOC)
    uri: str | None = strawberry.field(default=None, description=_URI_DOC)
    name: str
    provider_id: strawberry.ID
    description: str | None = None
    kind: CredentialKind = CredentialKind.OTHER
    cost: MoneyInput | None = strawberry.field(
        default=None, description="Amount >= 0 with the currency's decimals; ISO 4217 code."
    )
    duration_hours: float | None = None
    format: CredentialFormat = CredentialFormat.ONLINE
    validity_months: int | None = None
    url: str | None = strawberry.field(default=None, description=_URL_DOC)
    status: CredentialStatus = CredentialStatus.ACTIVE
    alt_labels: list[str] | None = None
    extract_teaches: bool = strawberry.field(default=False, description=_EXTRACT_TEACHES)
    extraction: ExtractOptionsInput | None = strawberry.field(default=None, description=_EXTRACTION)


@strawberry.input(description="Changes to a credential: omitted fields are unchanged.")
class UpdateCredentialInput:
    uri: str | None = UNSET
    name: str | None = UNSET
    provider_id: strawberry.ID | None = UNSET
    description: str | None = UNSET
    kind: CredentialKind | None = UNSET
    cost: MoneyInput | None = UNSET
    duration_hours: float | None = UNSET
    format: CredentialFormat | None = UNSET
    validity_months: int | None = UNSET
    url: str | None = strawberry.field(default=UNSET, description=_URL_DOC)
    status: CredentialStatus | None = UNSET
    alt_labels: list[str] | None = UNSET
    extract_teaches: bool = strawberry.field(default=False, description=_EXTRACT_TEACHES)
    extraction: ExtractOptionsInput | None = strawberry.field(default=None, description=_EXTRACTION)


@strawberry.input(description="A new role: an occupation, or a posting specialising one.")
class CreateRoleInput:
    id: strawberry.ID | None = strawberry.field(default=None, description=_ID_DOC)
    uri: str | None = strawberry.field(default=None, description=_URI_DOC)
    title: str
    description: str | None = None
    kind: RoleKind = RoleKind.OCCUPATION
    employer: str | None = None
    location: str | None = None
    remote: bool | None = None
    isco_group: str | None = None
    occupation_id: strawberry.ID | None = strawberry.field(
        default=None, description="JOB_POSTING only: the OCCUPATION it specialises."
    )
    posted_at: datetime | None = strawberry.field(default=None, description=_POSTED_AT)
    closed_at: datetime | None = strawberry.field(default=None, description=_CLOSED_AT)
    alt_labels: list[str] | None = None
    extract_requirements: bool = strawberry.field(default=False, description=_EXTRACT_REQUIREMENTS)
    extraction: ExtractOptionsInput | None = strawberry.field(default=None, description=_EXTRACTION)


@strawberry.input(description="Changes to a role: omitted fields are unchanged.")
class UpdateRoleInput:
    uri: str | None = UNSET
    title: str | None = UNSET
    description: str | None = UNSET
    kind: RoleKind | None = UNSET
    employer: str | None = UNSET
    location: str | None = UNSET
    remote: bool | None = UNSET
    isco_group: str | None = UNSET
    occupation_id: strawberry.ID | None = UNSET
    posted_at: datetime | None = strawberry.field(default=UNSET, description=_POSTED_AT)
    closed_at: datetime | None = strawberry.field(default=UNSET, description=_CLOSED_AT)
    alt_labels: list[str] | None = UNSET
    extract_requirements: bool = strawberry.field(default=False, description=_EXTRACT_REQUIREMENTS)
    extraction: ExtractOptionsInput | None = strawberry.field(default=None, description=_EXTRACTION)


@strawberry.input(description="A new person.")
class CreatePersonInput:
    id: strawberry.ID | None = strawberry.field(default=None, description=_ID_DOC)
    uri: str | None = strawberry.field(default=None, description=_URI_DOC)
    name: str
    email: str | None = None
    headline: str | None = None
    visibility: Visibility = Visibility.PRIVATE
    email_visible: bool = strawberry.field(
        default=False, description="Let job boards see the email (MATCHABLE/PUBLIC only)."
    )


@strawberry.input(description="Changes to a person: omitted fields are unchanged.")
class UpdatePersonInput:
    uri: str | None = UNSET
    name: str | None = UNSET
    email: str | None = UNSET
    headline: str | None = UNSET
    visibility: Visibility | None = UNSET
    email_visible: bool | None = UNSET
