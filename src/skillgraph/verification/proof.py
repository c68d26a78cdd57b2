"""Embedded Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C VC-DI-EdDSA).

Verification (VC-DI-EdDSA 1.0, 3.3): the document without ``proof`` and the proof without
``proofValue`` (with the document's ``@context``, or its own when it starts the document's)
are canonicalised with RDFC-1.0; the Ed25519 signature covers
SHA-256(canonical proof options) || SHA-256(canonical document). ``sign`` does the reverse,
for issuers, tests and benchmarks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import base58
from cryptography.hazmat.primitives.asymmetric import ed25519

from skillgraph.verification.canon import CanonicalisationError, canonicalise
from skillgraph.verification.contexts import ContextLoader
from skillgraph.verification.keys import KeyProblem, PublicKey, decode_multibase

__all__ = [
    "CRYPTOSUITE",
    "ProofProblem",
    "ProofRequest",
    "hash_data",
    "proof_request",
    "sign",
    "verify_signature",
]

CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_TYPE = "DataIntegrityProof"


class ProofProblem(ValueError):
    """The proof is malformed, unsupported or does not verify; the message says which."""


@dataclass(frozen=True)
class ProofRequest:
    """A well-formed eddsa-rdfc-2022 proof, ready to verify: who signed and what to check."""

    verification_method: str
    signature: bytes
    unsecured: dict[str, Any]
    options: dict[str, Any]


def _text(proof: Mapping[str, Any], key: str) -> str:
    value = proof.get(key)
    if not isinstance(value, str) or not value:
        raise ProofProblem(f"the proof has no {key}")
    return value


def proof_request(document: Mapping[str, Any], proof: Mapping[str, Any]) -> ProofRequest:
    """Checks the proof's shape (type, cryptosuite, purpose, created, proofValue) and splits
    the document; raises ProofProblem naming what is wrong."""
    if not isinstance(proof, Mapping):
        raise ProofProblem("the proof is not a JSON object")
    proof_type = proof.get("type")
    if proof_type != PROOF_TYPE:
        raise ProofProblem(
            f"proof type {proof_type!r} is not supported; SkillGraph verifies "
            f"{PROOF_TYPE} ({CRYPTOSUITE}) and VC-JWT"
        )
    suite = proof.get("cryptosuite")
    if suite != CRYPTOSUITE:
        raise ProofProblem(
            f"cryptosuite {suite!r} is not supported; SkillGraph verifies {CRYPTOSUITE}"
        )
    purpose = proof.get("proofPurpose")
    if purpose != "assertionMethod":
        raise ProofProblem(
            f"proofPurpose is {purpose!r}; a credential is signed for assertionMethod"
        )
    method = _text(proof, "verificationMethod")
    if "created" in proof:
        created = proof["created"]
        try:
            datetime.fromisoformat(str(created))
        except ValueError:
            raise ProofProblem(f"created {created!r} is not an ISO 8601 date-time") from None
    try:
        signature = decode_multibase(_text(proof, "proofValue"))
    except KeyProblem as exc:
        raise ProofProblem(f"proofValue {exc}") from None
    if len(signature) != 64:
        raise ProofProblem(f"proofValue holds {len(signature)} bytes; an Ed25519 signature has 64")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    context = document.get("@context")
    if "@context" in options:
        own = options["@context"]
        own_list = own if isinstance(own, list) else [own]
        doc_list = context if isinstance(context, list) else [context]
        if doc_list[: len(own_list)] != own_list:
            raise ProofProblem("the proof's @context must start the document's @context")
        unsecured["@context"] = own
    options["@context"] = unsecured.get("@context")
    return ProofRequest(method, signature, unsecured, options)


def hash_data(request: ProofRequest, loader: ContextLoader) -> bytes:
    """SHA-256 of the canonical proof options, then of the canonical document (64 bytes).
    Raises CanonicalisationError."""
    document = canonicalise(request.unsecured, loader)
    options = canonicalise(request.options, loader)
    return hashlib.sha256(options.encode()).digest() + hashlib.sha256(document.encode()).digest()


def verify_signature(request: ProofRequest, key: PublicKey, loader: ContextLoader) -> None:
    """Raises ProofProblem unless ``key`` signed the request's data."""
    if key.kind != "Ed25519":
        raise ProofProblem(
            f"{CRYPTOSUITE} needs an Ed25519 key; {request.verification_method} is {key.kind}"
        )
    try:
        data = hash_data(request, loader)
    except CanonicalisationError as exc:
        raise ProofProblem(f"cannot canonicalise the document: {exc}") from None
    if not key.verify_ed25519(request.signature, data):
        raise ProofProblem(
            "the signature does not match the document: it was changed after signing, or "
            f"not signed by {request.verification_method}"
        )


def sign(
    document: Mapping[str, Any],
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    loader: ContextLoader,
    *,
    created: datetime | None = None,
) -> dict[str, Any]:
    """``document`` with an eddsa-rdfc-2022 ``proof`` (its ``@context`` must define the
    proof terms, as VC 2.0's does). Raises CanonicalisationError."""
    moment = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": moment.isoformat().replace("+00:00", "Z"),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    request = ProofRequest(
        verification_method, b"", unsecured, {**proof, "@context": unsecured.get("@context")}
    )
    signature = private_key.sign(hash_data(request, loader))
    return {
        **unsecured,
        "proof": {**proof, "proofValue": "z" + base58.b58encode(signature).decode()},
    }
