"""VC-JWT: keys made in the test, tokens signed with PyJWT."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from skillgraph.verification import IssuerTrust, PinnedKey, VerificationStatus
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.keys import PublicKey, did_key
from skillgraph.verification.result import CheckName, Outcome
from skillgraph.verification.vcjwt import JwtProblem, decode
from skillgraph.verification.verifier import Verifier
from tests.unit.verification.badges import Issuer

NOW = datetime(2026, 6, 1, tzinfo=UTC)
ISSUER = "https://academy.example.org/issuers/1"


def _verifier() -> Verifier:
    return Verifier(default_loader(), Fetcher(FetchPolicy()), clock=lambda: NOW)


def _claims(issuer: str, vc: dict[str, Any] | None = None) -> dict[str, Any]:
    credential = vc or Issuer(issuer).badge()
    return {
        **credential,
        "iss": issuer,
        "jti": credential["id"],
        "nbf": int(datetime(2024, 1, 1, tzinfo=UTC).timestamp()),
        "exp": int(datetime(2099, 1, 1, tzinfo=UTC).timestamp()),
    }


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("alg", "private"),
    [
        ("RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        ("ES256", ec.generate_private_key(ec.SECP256R1())),
        ("EdDSA", ed25519.Ed25519PrivateKey.generate()),
    ],
)
async def test_a_jwt_signed_by_a_pinned_key_is_verified(alg: str, private: Any) -> None:
    token = jwt.encode(_claims(ISSUER), private, algorithm=alg, headers={"kid": f"{ISSUER}#key-1"})
    pinned = PinnedKey(PublicKey(private.public_key()), f"{ISSUER}#key-1")
    result = await _verifier().verify(decode(token), IssuerTrust(ISSUER, (pinned,)))
    assert result.verification.status is VerificationStatus.VERIFIED, result.verification.checks


async def test_a_did_key_kid_needs_no_pin() -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    did = did_key(PublicKey(private.public_key()))
    token = jwt.encode(
        _claims(did), private, algorithm="EdDSA", headers={"kid": f"{did}#{did[8:]}"}
    )
    result = await _verifier().verify(decode(token), IssuerTrust(did))
    assert result.verification.status is VerificationStatus.VERIFIED, result.verification.checks


async def test_a_changed_payload_fails_the_proof() -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    did = did_key(PublicKey(private.public_key()))
    token = jwt.encode(_claims(did), private, algorithm="EdDSA", headers={"kid": did})
    header, _, signature = token.split(".")
    claims = _claims(did)
    claims["credentialSubject"]["achievement"]["name"] = "Rust"
    forged = f"{header}.{_b64(claims)}.{signature}"
    result = await _verifier().verify(decode(forged), IssuerTrust(did))
    assert result.verification.failed == (CheckName.PROOF,)


async def test_claims_that_contradict_the_credential_fail_the_proof() -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    did = did_key(PublicKey(private.public_key()))
    claims = {**_claims(did), "jti": "urn:uuid:other"}
    token = jwt.encode(claims, private, algorithm="EdDSA", headers={"kid": did})
    result = await _verifier().verify(decode(token), IssuerTrust(did))
    check = result.verification.check(CheckName.PROOF)
    assert check is not None
    assert check.outcome is Outcome.FAILED
    assert "jti" in check.detail


async def test_a_vc_claim_token_is_read_too() -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    did = did_key(PublicKey(private.public_key()))
    vc = Issuer(did).badge()
    token = jwt.encode(
        {"vc": vc, "iss": did, "jti": vc["id"]}, private, algorithm="EdDSA", headers={"kid": did}
    )
    decoded = decode(token)
    assert decoded.credential["id"] == vc["id"]
    result = await _verifier().verify(decoded, IssuerTrust(did))
    assert result.verification.status is VerificationStatus.VERIFIED


async def test_a_jwk_header_alone_is_not_trusted() -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    jwk = PublicKey(private.public_key()).jwk()
    token = jwt.encode(_claims(ISSUER), private, algorithm="EdDSA", headers={"jwk": jwk})
    result = await _verifier().verify(decode(token), IssuerTrust(ISSUER))
    assert result.verification.status is VerificationStatus.UNVERIFIED
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert "pin" in check.detail


def test_alg_none_is_refused() -> None:
    header = _b64({"alg": "none", "typ": "JWT"})
    with pytest.raises(JwtProblem, match="none"):
        decode(f"{header}.{_b64(_claims(ISSUER))}.")


def test_hmac_is_refused() -> None:
    token = jwt.encode(_claims(ISSUER), "a-shared-secret-of-32-bytes-long!", algorithm="HS256")
    with pytest.raises(JwtProblem, match="not allowed"):
        decode(token)


def test_a_private_jwk_header_is_refused() -> None:
    header = _b64({"alg": "EdDSA", "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "AA", "d": "AA"}})
    with pytest.raises(JwtProblem, match="private"):
        decode(f"{header}.{_b64(_claims(ISSUER))}.c2ln")


@pytest.mark.parametrize("token", ["", "abc", "a.b", "a.b.c.d", "!!!.e30.sig", "e30.!!!.sig"])
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(JwtProblem):
        decode(token)
