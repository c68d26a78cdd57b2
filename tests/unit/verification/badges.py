"""Signed test badges: keys made in the test, documents signed with SkillGraph's own signer."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from skillgraph.verification.contexts import ContextLoader, default_loader
from skillgraph.verification.keys import PublicKey, did_key
from skillgraph.verification.proof import sign

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verification"
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ONE_EDTECH_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def fixture(*parts: str) -> Any:
    return json.loads((FIXTURES.joinpath(*parts)).read_text("utf-8"))


def vector_loader() -> ContextLoader:
    return ContextLoader(FIXTURES / "contexts")


class Issuer:
    """An issuer with a fresh Ed25519 key; ``did`` is its did:key (also its issuer id unless
    ``uri`` is given)."""

    def __init__(self, uri: str | None = None) -> None:
        self.private = ed25519.Ed25519PrivateKey.generate()
        self.public = PublicKey(self.private.public_key())
        self.did = did_key(self.public)
        self.uri = uri or self.did
        fragment = self.did.removeprefix("did:key:")
        self.method = f"{self.did}#{fragment}" if uri is None else f"{uri}#{fragment}"

    def badge(
        self,
        *,
        subject: str = "mailto:ada@example.org",
        subject_id: str | None = None,
        achievement: str = "https://example.org/achievements/python",
        valid_from: str = "2024-01-01T00:00:00Z",
        valid_until: str | None = "2099-01-01T00:00:00Z",
        status: dict[str, Any] | None = None,
        credential_id: str = "urn:uuid:2f0c7f2e-4a0c-4a7b-9f7e-5d2a1b0c9d8e",
    ) -> dict[str, Any]:
        document: dict[str, Any] = {
            "@context": list(OB3_CONTEXT),
            "id": credential_id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": self.uri, "type": ["Profile"], "name": "Example Academy"},
            "validFrom": valid_from,
            "name": "Python badge",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [
                    {
                        "type": "IdentityObject",
                        "identityType": "emailAddress",
                        "hashed": False,
                        "identityHash": subject,
                    }
                ],
                "achievement": {
                    "id": achievement,
                    "type": ["Achievement"],
                    "name": "Python",
                    "description": "Writes Python.",
                    "criteria": {"narrative": "Pass the exam."},
                },
            },
        }
        if subject_id is not None:
            document["credentialSubject"]["id"] = subject_id
            del document["credentialSubject"]["identifier"]
        if valid_until is not None:
            document["validUntil"] = valid_until
        if status is not None:
            document["credentialStatus"] = status
        return document

    def sign(self, document: dict[str, Any]) -> dict[str, Any]:
        return sign(
            document,
            self.private,
            self.method,
            default_loader(),
            created=datetime(2024, 1, 1, tzinfo=UTC),
        )


def tampered(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    copied = copy.deepcopy(document)
    target: Any = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied
