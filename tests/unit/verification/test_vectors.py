"""Published test vectors: W3C VC-DI-EdDSA (eddsa-rdfc-2022) and 1EdTech's signed OB 3.0
samples. Sources and licences: tests/fixtures/verification/README.md."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from skillgraph.verification import IssuerTrust, PinnedKey, VerificationStatus
from skillgraph.verification.canon import canonicalise
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.keys import (
    decode_multibase,
    key_from_did_key,
    key_from_multibase,
    read_varint,
)
from skillgraph.verification.proof import hash_data, proof_request, sign, verify_signature
from skillgraph.verification.result import CheckName, Outcome
from skillgraph.verification.status import ListKind, parse_status_list
from skillgraph.verification.verifier import Verifier
from tests.unit.verification.badges import FIXTURES, ONE_EDTECH_KEY, fixture, vector_loader

W3C = FIXTURES / "w3c-vc-di-eddsa"
CASES = ["", "employ"]


def _text(case: str, name: str) -> str:
    return (W3C / case / name).read_text("utf-8")


def _private_key() -> ed25519.Ed25519PrivateKey:
    data = decode_multibase(fixture("w3c-vc-di-eddsa", "keyPair.json")["privateKeyMultibase"])
    code, used = read_varint(data)
    assert code == 0x1300  # ed25519-priv
    return ed25519.Ed25519PrivateKey.from_private_bytes(data[used:])


@pytest.mark.parametrize("case", CASES)
def test_w3c_canonical_document_and_proof_options(case: str) -> None:
    signed = fixture("w3c-vc-di-eddsa", case, "signedDataInt.json")
    request = proof_request(signed, signed["proof"])
    loader = vector_loader()
    assert canonicalise(request.unsecured, loader) == _text(case, "canonDocDataInt.txt")
    assert canonicalise(request.options, loader) == _text(case, "proofCanonDataInt.txt")


@pytest.mark.parametrize("case", CASES)
def test_w3c_hashes(case: str) -> None:
    signed = fixture("w3c-vc-di-eddsa", case, "signedDataInt.json")
    data = hash_data(proof_request(signed, signed["proof"]), vector_loader())
    assert data[:32].hex() == _text(case, "proofHashDataInt.txt").strip()
    assert data[32:].hex() == _text(case, "docHashDataInt.txt").strip()
    assert data.hex() == _text(case, "combinedHashDataInt.txt").strip()


@pytest.mark.parametrize("case", CASES)
def test_w3c_signature_verifies(case: str) -> None:
    signed = fixture("w3c-vc-di-eddsa", case, "signedDataInt.json")
    request = proof_request(signed, signed["proof"])
    key = key_from_did_key(request.verification_method)
    assert key.multibase() == fixture("w3c-vc-di-eddsa", "keyPair.json")["publicKeyMultibase"]
    assert request.signature.hex() == _text(case, "sigHexDataInt.txt").strip()
    verify_signature(request, key, vector_loader())


@pytest.mark.parametrize(
    ("case", "unsigned"), [("", "unsigned.json"), ("employ", "employmentAuth.json")]
)
def test_signing_the_w3c_document_reproduces_the_published_proof(case: str, unsigned: str) -> None:
    config = fixture("w3c-vc-di-eddsa", case, "proofConfigDataInt.json")
    signed = sign(
        fixture("w3c-vc-di-eddsa", unsigned),
        _private_key(),
        config["verificationMethod"],
        vector_loader(),
        created=datetime.fromisoformat(config["created"]),
    )
    published = fixture("w3c-vc-di-eddsa", case, "signedDataInt.json")
    assert signed["proof"]["proofValue"] == published["proof"]["proofValue"]
    assert (
        base58.b58decode(signed["proof"]["proofValue"][1:]).hex()
        == _text(case, "sigHexDataInt.txt").strip()
    )


def _verifier() -> Verifier:
    return Verifier(
        default_loader(), Fetcher(FetchPolicy()), clock=lambda: datetime(2026, 1, 1, tzinfo=UTC)
    )


def _pinned(issuer: str) -> IssuerTrust:
    key = key_from_multibase(ONE_EDTECH_KEY)
    return IssuerTrust(issuer, (PinnedKey(key, f"{issuer}#{ONE_EDTECH_KEY}"),))


def test_1edtech_guide_vector_canonical_forms() -> None:
    signed = fixture("1edtech", "ob-spec-signed-credential.json")
    request = proof_request(signed, signed["proof"])
    loader = default_loader()
    assert (
        canonicalise(request.unsecured, loader)
        == (FIXTURES / "1edtech" / "ob-spec-document-canon.txt").read_text()
    )
    assert (
        canonicalise(request.options, loader)
        == (FIXTURES / "1edtech" / "ob-spec-proof-canon.txt").read_text()
    )
    assert hashlib.sha256(canonicalise(request.unsecured, loader).encode()).hexdigest() == (
        "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    )


@pytest.mark.parametrize(
    ("name", "issuer"),
    [
        ("ob-spec-signed-credential.json", "https://example.edu/issuers/565049"),
        ("simple.json", "https://example.com/issuers/876543"),
        ("simple-did-web-method.json", "https://1edtech.edu/issuers/565049"),
    ],
)
async def test_1edtech_signed_samples_verify_with_the_pinned_key(name: str, issuer: str) -> None:
    result = await _verifier().verify(fixture("1edtech", name), _pinned(issuer))
    assert result.verification.status is VerificationStatus.VERIFIED, result.verification.checks


async def test_1edtech_sample_without_a_pin_is_unverified_not_failed() -> None:
    result = await _verifier().verify(
        fixture("1edtech", "simple.json"), IssuerTrust("https://example.com/issuers/876543")
    )
    assert result.verification.status is VerificationStatus.UNVERIFIED
    key = result.verification.check(CheckName.ISSUER_KEY)
    assert key is not None
    assert key.outcome is Outcome.INCONCLUSIVE
    assert "disabled" in key.detail


async def test_1edtech_did_key_sample_signature_is_valid_but_key_is_not_the_issuers() -> None:
    sample = fixture("1edtech", "simple-did-key-method.json")
    issuer = sample["issuer"]["id"]
    result = await _verifier().verify(sample, IssuerTrust(issuer))
    checks = {c.name: c.outcome for c in result.verification.checks}
    assert checks[CheckName.PROOF] is Outcome.PASSED
    assert checks[CheckName.ISSUER_KEY] is Outcome.FAILED


async def test_1edtech_bitstring_status_list_verifies_and_revokes_index_23() -> None:
    listed = fixture("1edtech", "bitstring-status-list.json")
    issuer = "https://1edtech.edu/issuers/565049"
    parsed, verification = await _verifier().verify_status_list(
        listed, _pinned(issuer).pinned, issuer
    )
    assert verification.status is VerificationStatus.VERIFIED, verification.checks
    assert parsed is not None
    assert parsed.kind is ListKind.BITSTRING
    assert parsed.is_set(23)
    assert [i for i in range(len(parsed.bits) * 8) if parsed.is_set(i)] == [23]

    async def lookup(url: str) -> object:
        return parse_status_list(listed, url)

    badge = fixture("1edtech", "bitstring-credential-status-revoked.json")
    result = await _verifier().verify(badge, _pinned(issuer), lookup)  # type: ignore[arg-type]
    assert result.verification.failed == (CheckName.STATUS,)
    assert result.revocation is not None
    assert "index 23" in (result.verification.check(CheckName.STATUS) or result).detail  # type: ignore[union-attr]


def test_1edtech_jwt_sample_decodes() -> None:
    from skillgraph.verification.vcjwt import decode

    token = decode((FIXTURES / "1edtech" / "simple.jwt").read_text())
    assert token.header["alg"] == "RS256"
    assert token.credential["issuer"]["id"] == "https://example.edu/issuers/565049"
