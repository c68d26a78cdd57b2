"""How a badge's verification reads in GraphQL: on importOpenBadge and on each award."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from skillgraph.verification import (
    Check,
    CheckName,
    Outcome,
    Verification,
    VerificationStatus,
)

__all__ = ["VerificationCheckType", "VerificationType", "stored_verification", "to_verification"]

strawberry.enum(
    VerificationStatus,
    description="VERIFIED: every check passed (signature, issuer key, issuer, validity, "
    "status). FAILED: a check failed (tampered, not the issuer's key, issuer is not the "
    "credential's provider, expired, revoked). UNVERIFIED: neither (no proof, a key or status "
    "list that could not be obtained, or an award entered by hand).",
)
strawberry.enum(
    CheckName,
    name="VerificationCheckName",
    description="PROOF: the signature covers the document as it is. ISSUER_KEY: the signing key "
    "is the issuer's (did:key, did:web, the issuer's own host, or pinned on its provider). "
    "ISSUER: the issuer is the provider the credential belongs to. VALIDITY: validFrom/"
    "validUntil (issuanceDate/expirationDate) enclose the verification time. STATUS: the "
    "issuer's status list does not revoke or suspend it.",
)
strawberry.enum(
    Outcome,
    name="VerificationOutcome",
    description="PASSED; FAILED (the badge is wrong); INCONCLUSIVE (SkillGraph could not tell).",
)


@strawberry.type(name="VerificationCheck", description="One check of a badge's verification.")
class VerificationCheckType:
    check: CheckName
    passed: bool
    outcome: Outcome
    detail: str = strawberry.field(description="What was found, or what to do about it.")


@strawberry.type(name="Verification", description="What verifying a badge found.")
class VerificationType:
    status: VerificationStatus
    checks: list[VerificationCheckType] = strawberry.field(
        description="One per check, in the order PROOF, ISSUER_KEY, ISSUER, VALIDITY, STATUS; "
        "empty for an award entered by hand."
    )
    verified_at: datetime | None = strawberry.field(description="When the checks ran.")


def _check(check: Check) -> VerificationCheckType:
    return VerificationCheckType(
        check=check.name, passed=check.passed, outcome=check.outcome, detail=check.detail
    )


def to_verification(verification: Verification) -> VerificationType:
    return VerificationType(
        status=verification.status,
        checks=[_check(c) for c in verification.checks],
        verified_at=verification.verified_at,
    )


def stored_verification(rel: dict[str, Any]) -> VerificationType:
    """The verification an EARNED relationship keeps (UNVERIFIED when it has none)."""
    status = VerificationStatus(rel.get("verificationStatus") or "UNVERIFIED")
    checks = Verification.checks_from_json(rel.get("verificationChecks"))
    return VerificationType(
        status=status, checks=[_check(c) for c in checks], verified_at=rel.get("verifiedAt")
    )
