"""Badges signed in the test, then changed one field at a time: each change FAILS, naming
the check that catches it (the tamper matrix in the README)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from skillgraph.verification import IssuerTrust, VerificationStatus
from skillgraph.verification.contexts import default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.result import CheckName
from skillgraph.verification.verifier import Verifier
from tests.unit.verification.badges import Issuer, tampered

NOW = datetime(2026, 6, 1, tzinfo=UTC)
P, K, ISS, V = CheckName.PROOF, CheckName.ISSUER_KEY, CheckName.ISSUER, CheckName.VALIDITY


def _verifier() -> Verifier:
    return Verifier(default_loader(), Fetcher(FetchPolicy()), clock=lambda: NOW)


async def _verify(
    issuer: Issuer, document: dict[str, Any]
) -> tuple[VerificationStatus, tuple[CheckName, ...]]:
    result = await _verifier().verify(document, IssuerTrust(issuer.uri))
    return result.verification.status, result.verification.failed


async def test_an_untouched_badge_is_verified() -> None:
    issuer = Issuer()
    result = await _verifier().verify(issuer.sign(issuer.badge()), IssuerTrust(issuer.uri))
    assert result.verification.status is VerificationStatus.VERIFIED
    assert [c.passed for c in result.verification.checks] == [True] * 5


OTHER = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SUBJECT = ("credentialSubject", "identifier", 0, "identityHash")
ACHIEVEMENT = ("credentialSubject", "achievement")

TAMPERS: list[tuple[str, tuple[str | int, ...], Any, tuple[CheckName, ...]]] = [
    ("subject email", SUBJECT, "mallory@example.org", (P,)),
    ("subject id added", ("credentialSubject", "id"), "did:example:mallory", (P,)),
    ("achievement id", (*ACHIEVEMENT, "id"), "https://example.org/achievements/rust", (P,)),
    ("achievement name", (*ACHIEVEMENT, "name"), "Rust", (P,)),
    (
        "achievement alignment",
        (*ACHIEVEMENT, "alignment"),
        [
            {
                "type": ["Alignment"],
                "targetUrl": "http://data.europa.eu/esco/skill/x",
                "targetName": "x",
            }
        ],
        (P,),
    ),
    ("issuer name", ("issuer", "name"), "Evil Academy", (P,)),
    # Claiming another issuer: the signature breaks, the key is not that issuer's, and the
    # credential's provider (the original issuer) no longer matches.
    ("issuer id", ("issuer", "id"), OTHER, (P, K, ISS)),
    ("validFrom moved earlier", ("validFrom",), "2020-01-01T00:00:00Z", (P,)),
    ("validUntil extended", ("validUntil",), "2199-01-01T00:00:00Z", (P,)),
    ("validUntil in the past", ("validUntil",), "2025-01-01T00:00:00Z", (P, V)),
    ("proof value", ("proof", "proofValue"), None, (P,)),
    ("proof created", ("proof", "created"), "2024-02-01T00:00:00Z", (P,)),
]


@pytest.mark.parametrize(("what", "path", "value", "failed"), TAMPERS, ids=[t[0] for t in TAMPERS])
async def test_a_tampered_badge_fails_naming_the_check(
    what: str, path: tuple[str | int, ...], value: Any, failed: tuple[CheckName, ...]
) -> None:
    issuer = Issuer()
    signed = issuer.sign(issuer.badge())
    if path == ("proof", "proofValue"):
        # Flip one character of the signature (still well-formed base58, still 64 bytes).
        original = signed["proof"]["proofValue"]
        value = original[:10] + ("2" if original[10] != "2" else "3") + original[11:]
    status, names = await _verify(issuer, tampered(signed, path, value))
    assert status is VerificationStatus.FAILED
    assert names == failed


async def test_a_badge_signed_by_another_key_fails_issuer_key() -> None:
    issuer, impostor = Issuer(), Issuer()
    document = issuer.badge()
    forged = impostor.sign(document)  # signed by the impostor, claiming the issuer
    status, names = await _verify(issuer, forged)
    assert (status, names) == (VerificationStatus.FAILED, (K,))


async def test_an_issuer_other_than_the_provider_fails_issuer() -> None:
    issuer = Issuer()
    result = await _verifier().verify(
        issuer.sign(issuer.badge()), IssuerTrust("https://university.example.org")
    )
    assert result.verification.failed == (ISS,)
    check = result.verification.check(ISS)
    assert check is not None
    assert "https://university.example.org" in check.detail


async def test_an_unsigned_badge_is_unverified() -> None:
    issuer = Issuer()
    status, names = await _verify(issuer, issuer.badge())
    assert (status, names) == (VerificationStatus.UNVERIFIED, ())


async def test_a_not_yet_valid_badge_fails_validity() -> None:
    issuer = Issuer()
    status, names = await _verify(
        issuer, issuer.sign(issuer.badge(valid_from="2027-01-01T00:00:00Z"))
    )
    assert (status, names) == (VerificationStatus.FAILED, (V,))


async def test_vc_1_1_dates_are_checked_too() -> None:
    issuer = Issuer()
    badge = issuer.badge(valid_until=None)
    badge["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://w3id.org/security/data-integrity/v2",
    ]
    badge.pop("validFrom")
    badge["issuanceDate"] = "2024-01-01T00:00:00Z"
    badge["expirationDate"] = "2025-01-01T00:00:00Z"
    status, names = await _verify(issuer, issuer.sign(badge))
    assert (status, names) == (VerificationStatus.FAILED, (V,))
