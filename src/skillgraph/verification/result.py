"""What a verification found: one outcome per check, and the status they add up to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

__all__ = ["Check", "CheckName", "Outcome", "Verification", "VerificationStatus"]


class CheckName(StrEnum):
    """PROOF: the signature over the document; ISSUER_KEY: the signing key belongs to the
    issuer (did:key, did:web, the issuer's JWKS, or a key pinned on its Provider); ISSUER: the
    issuer is the Provider the credential is attached to; VALIDITY: validFrom/validUntil (VC
    1.1: issuanceDate/expirationDate) enclose the verification time; STATUS: the issuer's
    status list does not revoke or suspend it."""

    PROOF = "PROOF"
    ISSUER_KEY = "ISSUER_KEY"
    ISSUER = "ISSUER"
    VALIDITY = "VALIDITY"
    STATUS = "STATUS"


class Outcome(StrEnum):
    """PASSED; FAILED (the document is wrong: tampered, expired, revoked, mismatched);
    INCONCLUSIVE (SkillGraph could not tell: no proof, key or status list unavailable)."""

    PASSED = "PASSED"
    FAILED = "FAILED"
    INCONCLUSIVE = "INCONCLUSIVE"


class VerificationStatus(StrEnum):
    """VERIFIED: every check PASSED; FAILED: at least one FAILED; UNVERIFIED: otherwise (a
    check was INCONCLUSIVE, or nothing was checked, as for a manual award)."""

    VERIFIED = "VERIFIED"
    UNVERIFIED = "UNVERIFIED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class Check:
    name: CheckName
    outcome: Outcome
    detail: str

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED


@dataclass(frozen=True)
class Verification:
    """``checks`` are in CheckName order, one per name."""

    status: VerificationStatus
    checks: tuple[Check, ...]
    verified_at: datetime | None

    @classmethod
    def of(cls, checks: Iterable[Check], verified_at: datetime) -> Verification:
        order = list(CheckName)
        ordered = tuple(sorted(checks, key=lambda c: order.index(c.name)))
        outcomes = {c.outcome for c in ordered}
        if Outcome.FAILED in outcomes:
            status = VerificationStatus.FAILED
        elif outcomes == {Outcome.PASSED} and len(ordered) == len(order):
            status = VerificationStatus.VERIFIED
        else:
            status = VerificationStatus.UNVERIFIED
        return cls(status, ordered, verified_at)

    def check(self, name: CheckName) -> Check | None:
        return next((c for c in self.checks if c.name is name), None)

    @property
    def failed(self) -> tuple[CheckName, ...]:
        return tuple(c.name for c in self.checks if c.outcome is Outcome.FAILED)

    def checks_json(self) -> str:
        """The checks as a JSON string, how an award stores them."""
        return json.dumps(
            [
                {"check": c.name.value, "outcome": c.outcome.value, "detail": c.detail}
                for c in self.checks
            ]
        )

    @staticmethod
    def checks_from_json(text: str | None) -> tuple[Check, ...]:
        if not text:
            return ()
        rows: list[dict[str, Any]] = json.loads(text)
        return tuple(
            Check(CheckName(r["check"]), Outcome(r["outcome"]), str(r["detail"])) for r in rows
        )
