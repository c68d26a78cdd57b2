"""Issuer keys: did:key offline, did:web and https documents through an allow-listed fetcher
(httpx.MockTransport stands in for the network), pinned keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from skillgraph.verification import IssuerTrust, PinnedKey, VerificationStatus
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy, host_allowed
from skillgraph.verification.issuerkeys import did_web_url
from skillgraph.verification.keys import (
    KeyProblem,
    key_from_did_key,
    key_from_jwk,
    key_from_multibase,
)
from skillgraph.verification.result import CheckName, Outcome
from skillgraph.verification.status import encode_bitstring
from skillgraph.verification.verifier import Verifier
from tests.unit.verification.badges import Issuer

NOW = datetime(2026, 6, 1, tzinfo=UTC)
DID = "did:web:academy.example"


class Site:
    """A fake web site: path -> JSON, counting requests."""

    def __init__(self, pages: dict[str, Any]) -> None:
        self.pages = pages
        self.hits = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.hits += 1
        page = self.pages.get(str(request.url))
        return httpx.Response(200, json=page) if page is not None else httpx.Response(404)


def _verifier(site: Site, hosts: set[str] | None = None) -> Verifier:
    policy = FetchPolicy(enabled=True, allowed_hosts=frozenset(hosts or {"academy.example"}))
    return Verifier(default_loader(), Fetcher(policy, httpx.MockTransport(site)), clock=lambda: NOW)


def _did_document(issuer: Issuer, did: str = DID, *, listed: bool = True) -> dict[str, Any]:
    method = f"{did}#key-1"
    return {
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": issuer.public.multibase(),
            }
        ],
        "assertionMethod": [method] if listed else [],
    }


def _signed_by_did_web(issuer: Issuer, did: str = DID) -> dict[str, Any]:
    issuer.uri, issuer.method = did, f"{did}#key-1"
    return issuer.sign(issuer.badge())


async def test_a_did_web_issuer_is_verified_and_its_document_cached() -> None:
    issuer = Issuer()
    site = Site({"https://academy.example/.well-known/did.json": _did_document(issuer)})
    verifier = _verifier(site)
    for _ in range(2):
        result = await verifier.verify(_signed_by_did_web(issuer), IssuerTrust(DID))
        assert result.verification.status is VerificationStatus.VERIFIED, result.verification.checks
    assert site.hits == 1


async def test_a_did_web_key_not_listed_for_assertion_fails() -> None:
    issuer = Issuer()
    site = Site(
        {"https://academy.example/.well-known/did.json": _did_document(issuer, listed=False)}
    )
    result = await _verifier(site).verify(_signed_by_did_web(issuer), IssuerTrust(DID))
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert check.outcome is Outcome.FAILED
    assert "assertionMethod" in check.detail


async def test_a_did_web_document_for_another_did_fails() -> None:
    issuer = Issuer()
    site = Site(
        {
            "https://academy.example/.well-known/did.json": _did_document(
                issuer, "did:web:other.example"
            )
        }
    )
    result = await _verifier(site).verify(_signed_by_did_web(issuer), IssuerTrust(DID))
    assert CheckName.ISSUER_KEY in result.verification.failed


async def test_a_missing_did_document_is_inconclusive() -> None:
    issuer = Issuer()
    result = await _verifier(Site({})).verify(_signed_by_did_web(issuer), IssuerTrust(DID))
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert check.outcome is Outcome.INCONCLUSIVE
    assert "404" in check.detail


async def test_an_https_issuer_publishing_a_jwks_on_its_host_is_verified() -> None:
    issuer = Issuer("https://academy.example/issuers/1")
    issuer.method = "https://academy.example/keys.json#k1"
    jwks = {"keys": [{**issuer.public.jwk(), "kid": "k1"}]}
    site = Site({"https://academy.example/keys.json": jwks})
    result = await _verifier(site).verify(issuer.sign(issuer.badge()), IssuerTrust(issuer.uri))
    assert result.verification.status is VerificationStatus.VERIFIED, result.verification.checks


async def test_a_jwks_on_another_host_is_not_the_issuers() -> None:
    issuer = Issuer("https://academy.example/issuers/1")
    issuer.method = "https://keys.example/keys.json#k1"
    site = Site(
        {"https://keys.example/keys.json": {"keys": [{**issuer.public.jwk(), "kid": "k1"}]}}
    )
    verifier = _verifier(site, {"academy.example", "keys.example"})
    result = await verifier.verify(issuer.sign(issuer.badge()), IssuerTrust(issuer.uri))
    assert result.verification.status is VerificationStatus.UNVERIFIED
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert "pin" in check.detail


async def test_a_pinned_key_is_used_without_fetching() -> None:
    issuer = Issuer("https://academy.example/issuers/1")
    site = Site({})
    pinned = (PinnedKey(issuer.public, issuer.method),)
    result = await _verifier(site).verify(
        issuer.sign(issuer.badge()), IssuerTrust(issuer.uri, pinned)
    )
    assert result.verification.status is VerificationStatus.VERIFIED
    assert site.hits == 0


async def test_when_keys_are_pinned_any_other_key_fails() -> None:
    issuer, other = Issuer(), Issuer()
    pinned = (PinnedKey(other.public, None),)
    result = await _verifier(Site({})).verify(
        issuer.sign(issuer.badge()), IssuerTrust(issuer.uri, pinned)
    )
    assert result.verification.failed == (CheckName.ISSUER_KEY,)


async def test_a_fetched_status_list_signed_by_the_issuer_revokes() -> None:
    issuer = Issuer()
    url = "https://academy.example/status/1"
    bits = bytearray(16 * 1024)
    bits[0] = 0b00100000  # index 2
    status_list = issuer.sign(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer.uri,
            "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": encode_bitstring(bytes(bits)),
            },
        }
    )
    site = Site({url: status_list})
    verifier = _verifier(site)

    def entry(index: int) -> dict[str, Any]:
        return {
            "id": f"{url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": url,
        }

    revoked = await verifier.verify(
        issuer.sign(issuer.badge(status=entry(2))), IssuerTrust(issuer.uri)
    )
    assert revoked.verification.failed == (CheckName.STATUS,)
    assert revoked.revocation is not None
    fine = await verifier.verify(
        issuer.sign(issuer.badge(status=entry(3))), IssuerTrust(issuer.uri)
    )
    assert fine.verification.status is VerificationStatus.VERIFIED
    impostor = Issuer()
    forged = await verifier.verify(
        impostor.sign(impostor.badge(status=entry(3))), IssuerTrust(impostor.uri)
    )
    status = forged.verification.check(CheckName.STATUS)
    assert status is not None
    assert status.outcome is Outcome.INCONCLUSIVE


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:example.com", "https://example.com/.well-known/did.json"),
        ("did:web:example.com:user:alice", "https://example.com/user/alice/did.json"),
        ("did:web:localhost%3A8443", "https://localhost:8443/.well-known/did.json"),
    ],
)
def test_did_web_urls(did: str, url: str) -> None:
    assert did_web_url(did) == url


def test_host_allow_list() -> None:
    allowed = frozenset({"issuer.example", "*.badges.example"})
    assert host_allowed("issuer.example", allowed)
    assert host_allowed("ISSUER.example.", allowed)
    assert host_allowed("eu.badges.example", allowed)
    assert not host_allowed("badges.example", allowed)
    assert not host_allowed("evilbadges.example", allowed)
    assert not host_allowed("issuer.example.evil", allowed)


def test_did_key_round_trips() -> None:
    issuer = Issuer()
    assert key_from_did_key(issuer.method).fingerprint == issuer.public.fingerprint
    assert key_from_jwk(issuer.public.jwk()).fingerprint == issuer.public.fingerprint


@pytest.mark.parametrize(
    "value",
    ["", "x", "z", "zzzz", "Qm", "z6Mk", "z" + "1" * 40],
)
def test_bad_multikeys_are_refused(value: str) -> None:
    with pytest.raises(KeyProblem):
        key_from_multibase(value)


@pytest.mark.parametrize(
    "jwk",
    [
        {},
        {"kty": "OKP", "crv": "Ed25519"},
        {"kty": "OKP", "crv": "X25519", "x": "AA"},
        {"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"},
        {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43, "d": "A" * 43},
    ],
)
def test_bad_jwks_are_refused(jwk: dict[str, Any]) -> None:
    with pytest.raises(KeyProblem):
        key_from_jwk(jwk)


def test_a_wrong_did_key_fragment_is_refused() -> None:
    issuer, other = Issuer(), Issuer()
    with pytest.raises(KeyProblem, match="fragment"):
        key_from_did_key(f"{issuer.did}#{other.did[8:]}")
