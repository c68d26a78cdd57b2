from __future__ import annotations

import json
from typing import Any

import strawberry
from strawberry.scalars import JSON

from skillgraph.api.context import Info
from skillgraph.api.enums import ProviderKind
from skillgraph.api.listing import connection, nested_slice
from skillgraph.api.pagination import Connection, Edge
from skillgraph.api.types.credential import Credential, CredentialConnection, CredentialEdge
from skillgraph.api.types.node import Node, moment
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.model.nodes import PinnedKeyWrite
from skillgraph.store.links import Link, RelType

__all__ = ["Provider", "ProviderConnection", "ProviderEdge", "VerificationKey", "pinned_keys"]

OFFERS = Link(NodeType.PROVIDER, RelType.OFFERS, NodeType.CREDENTIAL)
ENDORSES = Link(NodeType.PROVIDER, RelType.ENDORSES, NodeType.CREDENTIAL)


@strawberry.type(description="A public key pinned on a provider for verifying its badges.")
class VerificationKey:
    id: str | None = strawberry.field(description="The verification method or JWT kid.")
    type: str = strawberry.field(description="Ed25519, P-256, P-384 or RSA-<bits>.")
    public_key_multibase: str | None = strawberry.field(description="Multikey form (not RSA).")
    public_key_jwk: JSON = strawberry.field(description="JWK form.")
    fingerprint: str = strawberry.field(
        description="sha256:<hex> of the key's DER SubjectPublicKeyInfo, whatever its encoding."
    )


def pinned_keys(record: dict[str, Any]) -> list[PinnedKeyWrite]:
    """The keys stored on a provider record (JSON strings)."""
    return [
        PinnedKeyWrite.model_validate(json.loads(v)) for v in record.get("verificationKeys") or []
    ]


def _key_view(pinned: PinnedKeyWrite) -> VerificationKey:
    key = pinned.key()
    return VerificationKey(
        id=pinned.id,
        type=key.kind,
        public_key_multibase=key.multibase(),
        public_key_jwk=JSON(key.jwk()),
        fingerprint=key.fingerprint,
    )


@strawberry.type(description="An issuer of credentials, or an employer or body endorsing them.")
class Provider(Node):
    name: str
    kind: ProviderKind
    url: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2.")
    accredited: bool
    accreditations: list[str] = strawberry.field(description="Accreditations held, by name.")
    alt_labels: list[str]
    verification_keys: list[VerificationKey] = strawberry.field(
        description="Pinned keys: when there are any, a badge from this provider verifies only if "
        "signed with one of them (written by ADMIN or EDITOR)."
    )

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Provider:
        return cls(
            id=strawberry.ID(record["id"]),
            uri=record.get("uri"),
            created_at=moment(record["createdAt"]),
            updated_at=moment(record["updatedAt"]),
            name=record["name"],
            kind=enums.ProviderKind(record.get("kind") or "OTHER"),
            url=record.get("url"),
            country=record.get("country"),
            accredited=bool(record.get("accredited")),
            accreditations=list(record.get("accreditations") or []),
            alt_labels=list(record.get("altLabels") or []),
            verification_keys=[_key_view(k) for k in pinned_keys(record)],
        )

    @strawberry.field(description="Credentials it offers, by name.")
    async def credentials(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CredentialConnection:
        return await _credentials(info, OFFERS, self.id, first, after)

    @strawberry.field(description="Credentials it endorses, by name.")
    async def endorses(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CredentialConnection:
        return await _credentials(info, ENDORSES, self.id, first, after)


async def _credentials(
    info: Info, link: Link, parent_id: str, first: int | None, after: str | None
) -> CredentialConnection:
    page = await nested_slice(info.context, link, parent_id, first=first, after=after)
    return connection(
        CredentialConnection, CredentialEdge, lambda r: Credential.from_record(r.node), page
    )


@strawberry.type
class ProviderEdge(Edge[Provider]):
    pass


@strawberry.type(description="A page of providers.")
class ProviderConnection(Connection[ProviderEdge]):
    pass
