"""Importing a status list (``skillgraph import status-list FILE``, ``importStatusList``):
the list is verified, stored, and every award whose badge names it is judged again. An award
the list revokes becomes REVOKED with the reason and the moment SkillGraph saw it; a
suspension makes the award's verification FAILED until a later list lifts it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from skillgraph.errors import BadUserInput
from skillgraph.store import signals
from skillgraph.store import verification as store
from skillgraph.store.database import Database, Transaction
from skillgraph.verification import CheckName, Verification, VerificationStatus, Verifier
from skillgraph.verification.status import (
    ListKind,
    StatusEntry,
    StatusListDocument,
    StatusProblem,
    parse_status_list,
)
from skillgraph.verification.verifier import status_of

__all__ = ["StatusListImport", "import_status_list"]


@dataclass(frozen=True)
class StatusListImport:
    url: str
    kind: ListKind
    verification: Verification
    awards: int  # awards whose badge names this list (and whose provider is its issuer)
    revoked: int  # of those, how many the list revokes


def _stored(
    parsed: StatusListDocument, document: Any, verification: Verification
) -> dict[str, Any]:
    subject = document.get("credentialSubject") if isinstance(document, dict) else None
    return {
        "url": parsed.url,
        "kind": parsed.kind.value,
        "purpose": parsed.purpose,
        "issuer": parsed.issuer,
        "encodedList": subject.get("encodedList") if isinstance(subject, dict) else None,
        "revoked": json.dumps(dict(parsed.revoked)) if parsed.revoked is not None else None,
        "verificationStatus": verification.status.value,
        "verificationChecks": verification.checks_json(),
        "importedAt": verification.verified_at,
    }


def _rejudged(award: dict[str, Any], parsed: StatusListDocument, now: Any) -> dict[str, Any] | None:
    entry = StatusEntry(
        parsed.kind, parsed.url, award.get("purpose") or "revocation", award.get("index")
    )
    check, revocation = status_of(entry, parsed, award.get("sourceId"))
    checks = [
        c
        for c in Verification.checks_from_json(award.get("checks"))
        if c.name is not CheckName.STATUS
    ]
    verification = Verification.of([*checks, check], now)
    if not checks:  # nothing else was ever checked: it stays UNVERIFIED
        verification = replace(verification, status=VerificationStatus.UNVERIFIED)
    return {
        "award": award["award"],
        "verificationStatus": verification.status.value,
        "verificationChecks": verification.checks_json(),
        "verifiedAt": now,
        "revoked": revocation is not None,
        "reason": revocation.reason if revocation else None,
    }


async def import_status_list(
    db: Database, document: Any, verifier: Verifier, *, url: str | None = None
) -> StatusListImport:
    """Verify, store and apply a status list (a BitstringStatusListCredential, or a 1EdTech
    revocation list, vouched for by whoever imports it). ``url`` (default: the document's id)
    is the URL badges name it by. BadUserInput when it is malformed or does not verify."""
    size = len(json.dumps(document)) if not isinstance(document, str) else len(document)
    try:
        verifier.guard(document, size)
        parsed = parse_status_list(document, url)
    except (StatusProblem, ValueError) as exc:
        raise BadUserInput(f"not a usable status list: {exc}", field="document") from None
    trust = await store.graph_trust(db, [], [parsed.issuer] if parsed.issuer else [])
    pinned = trust.pinned.get(parsed.issuer or "", ())
    _, verification = await verifier.verify_status_list(
        document, pinned, None, url=parsed.url, vouched=True
    )
    if verification.status is not VerificationStatus.VERIFIED:
        reasons = "; ".join(
            f"{c.name.value}: {c.detail}" for c in verification.checks if not c.passed
        )
        raise BadUserInput(
            f"the status list does not verify, so it was not imported ({reasons})",
            field="document",
        )
    now = verification.verified_at

    async def work(tx: Transaction) -> StatusListImport:
        await store.save_status_list(tx, _stored(parsed, document, verification))
        awards = await store.awards_naming(tx, parsed.url)
        mine = [a for a in awards if parsed.issuer is None or a.get("providerUri") == parsed.issuer]
        rows = [r for a in mine if (r := _rejudged(dict(a), parsed, now)) is not None]
        await store.apply_rows(tx, rows)
        if rows:  # revocations change who earned what (value outcomes, skill supply)
            await signals.touch(tx)
        revoked = sum(1 for r in rows if r["revoked"])
        return StatusListImport(parsed.url, parsed.kind, verification, len(rows), revoked)

    return await db.write_tx(work)
