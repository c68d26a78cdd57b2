"""Bad input gives a typed error or a FAILED/INCONCLUSIVE check: never a crash, a hang, or a
request outside the allow-list."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from skillgraph.verification import (
    DocumentTooDeep,
    DocumentTooLarge,
    IssuerTrust,
    VerificationStatus,
)
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.proof import sign
from skillgraph.verification.result import CheckName, Outcome
from skillgraph.verification.status import StatusProblem, decode_bitstring, encode_bitstring
from skillgraph.verification.verifier import Verifier
from tests.unit.verification.badges import Issuer, vector_loader

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _verifier(
    policy: FetchPolicy | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> Verifier:
    return Verifier(
        default_loader(), Fetcher(policy or FetchPolicy(), transport), clock=lambda: NOW
    )


async def _proof_check(document: dict[str, Any], issuer: str) -> tuple[Outcome, str]:
    result = await _verifier().verify(document, IssuerTrust(issuer))
    check = result.verification.check(CheckName.PROOF)
    assert check is not None
    return check.outcome, check.detail


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"proofValue": None}, "no proofValue"),
        ({"proofValue": "not-multibase"}, "base58-btc"),
        ({"proofValue": "z0OIl"}, "base58"),
        ({"proofValue": "z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj"}, "64"),
        ({"cryptosuite": "ecdsa-rdfc-2019"}, "not supported"),
        ({"cryptosuite": "made-up-2030"}, "not supported"),
        ({"type": "Ed25519Signature2020"}, "not supported"),
        ({"proofPurpose": "authentication"}, "assertionMethod"),
        ({"created": "yesterday"}, "ISO 8601"),
        ({"verificationMethod": 42}, "verificationMethod"),
    ],
)
async def test_malformed_proofs_fail_the_proof_check(change: dict[str, Any], message: str) -> None:
    issuer = Issuer()
    signed = issuer.sign(issuer.badge())
    signed["proof"].update(change)
    outcome, detail = await _proof_check(signed, issuer.uri)
    assert outcome is Outcome.FAILED
    assert message in detail


@pytest.mark.parametrize("proof", ["a string", 42, [], [None], {}])
async def test_proofs_that_are_not_objects_fail(proof: Any) -> None:
    issuer = Issuer()
    signed = {**issuer.sign(issuer.badge()), "proof": proof}
    outcome, _ = await _proof_check(signed, issuer.uri)
    assert outcome is Outcome.FAILED


async def test_a_context_that_is_not_bundled_fails_without_fetching() -> None:
    issuer = Issuer()
    badge = issuer.badge()
    badge["@context"].append("https://attacker.example/context.json")
    signed = {**badge, "proof": issuer.sign(issuer.badge())["proof"]}
    verifier = _verifier(FetchPolicy(enabled=True, allowed_hosts=frozenset({"attacker.example"})))
    result = await verifier.verify(signed, IssuerTrust(issuer.uri))
    check = result.verification.check(CheckName.PROOF)
    assert check is not None
    assert check.outcome is Outcome.FAILED
    assert "https://attacker.example/context.json is not bundled" in check.detail
    assert verifier.fetcher.requests == 0


async def test_an_undefined_term_under_vc_1_1_fails() -> None:
    # VC 1.1 has no @vocab: an undefined property would be dropped, hence unsigned.
    issuer = Issuer()
    badge = issuer.badge()
    badge["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/data-integrity/v2",
    ]
    badge["undefinedClaim"] = "anything"
    signed = {**badge, "proof": issuer.sign(issuer.badge())["proof"]}
    outcome, detail = await _proof_check(signed, issuer.uri)
    assert outcome is Outcome.FAILED
    assert "not defined" in detail


def test_a_10_mb_document_is_refused_before_processing() -> None:
    issuer = Issuer()
    badge = issuer.badge()
    badge["description"] = "x" * 10_000_000
    text = json.dumps(badge)
    with pytest.raises(DocumentTooLarge, match="bytes"):
        _verifier().guard(badge, len(text.encode()))


def test_deeply_nested_json_ld_is_refused() -> None:
    nested: Any = {"@value": "leaf"}
    for _ in range(5000):
        nested = {"https://example.org/p": nested}
    issuer = Issuer()
    badge = {**issuer.badge(), "evidence": nested}
    with pytest.raises(DocumentTooDeep, match="64"):
        _verifier().guard(badge, 100)


async def test_nesting_within_the_limit_is_processed() -> None:
    nested: Any = "leaf"
    for _ in range(40):
        nested = {"nested": nested}
    issuer = Issuer()
    badge = issuer.badge()
    # The W3C examples context has an @vocab, so any term is defined (and signed).
    badge["@context"].append("https://www.w3.org/ns/credentials/examples/v2")
    badge["extraNested"] = nested
    verifier = Verifier(vector_loader(), Fetcher(FetchPolicy()), clock=lambda: NOW)
    verifier.guard(badge, 100)
    signed = sign(badge, issuer.private, issuer.method, vector_loader())
    result = await verifier.verify(signed, IssuerTrust(issuer.uri))
    assert result.verification.status is VerificationStatus.VERIFIED


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback TCP server that accepts connections and never answers."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    try:
        yield server.getsockname()[1]
    finally:
        server.close()


async def test_a_did_web_that_never_answers_times_out(silent_server: int) -> None:
    issuer = Issuer()
    did = f"did:web:127.0.0.1%3A{silent_server}"
    signed = issuer.sign(issuer.badge())
    signed["proof"]["verificationMethod"] = f"{did}#key-1"
    policy = FetchPolicy(enabled=True, allowed_hosts=frozenset({"127.0.0.1"}), timeout_s=0.5)
    verifier = _verifier(policy)
    result = await asyncio.wait_for(verifier.verify(signed, IssuerTrust(issuer.uri)), timeout=10)
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert check.outcome is Outcome.INCONCLUSIVE
    assert "did not answer within 0.5 s" in check.detail
    assert result.verification.status is VerificationStatus.UNVERIFIED


async def test_hosts_outside_the_allow_list_are_never_contacted() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    issuer = Issuer()
    signed = issuer.sign(issuer.badge())
    signed["proof"]["verificationMethod"] = "did:web:elsewhere.example#key-1"
    policy = FetchPolicy(enabled=True, allowed_hosts=frozenset({"issuer.example"}))
    result = await _verifier(policy, httpx.MockTransport(handler)).verify(
        signed, IssuerTrust("did:web:elsewhere.example")
    )
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert "not in SKILLGRAPH_VERIFY_ALLOWED_HOSTS" in check.detail
    assert sent == []


async def test_fetching_is_off_by_default() -> None:
    issuer = Issuer()
    signed = issuer.sign(issuer.badge())
    signed["proof"]["verificationMethod"] = "did:web:issuer.example#key-1"
    verifier = _verifier()
    result = await verifier.verify(signed, IssuerTrust("did:web:issuer.example"))
    check = result.verification.check(CheckName.ISSUER_KEY)
    assert check is not None
    assert "disabled" in check.detail
    assert verifier.fetcher.requests == 0


def test_a_gzip_bomb_status_list_is_refused() -> None:
    bomb = "u" + encode_bitstring(b"\0" * 32 * 1024 * 1024)[1:]
    with pytest.raises(StatusProblem, match="expands beyond"):
        decode_bitstring(bomb)


@pytest.mark.parametrize("encoded", ["", "u!!!", "unot-gzip", 42])
def test_malformed_encoded_lists_are_refused(encoded: Any) -> None:
    with pytest.raises(StatusProblem):
        decode_bitstring(encoded)


def test_gzip_round_trip() -> None:
    bits = bytes([0b10000000]) + bytes(15)
    assert decode_bitstring(encode_bitstring(bits)) == bits
    assert gzip.decompress(gzip.compress(bits)) == bits
