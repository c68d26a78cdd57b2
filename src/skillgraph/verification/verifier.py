"""Verifying an Open Badges 3.0 credential: proof, issuer key, issuer, validity and status.

``Verifier.verify`` never raises for what a document says (every problem is a check); it
raises DocumentTooLarge/DocumentTooDeep before any processing for input that no badge needs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from skillgraph.verification.contexts import ContextLoader
from skillgraph.verification.fetch import Fetcher, FetchProblem
from skillgraph.verification.issuerkeys import KeyFinding, PinnedKey, find_key
from skillgraph.verification.proof import ProofProblem, proof_request, verify_signature
from skillgraph.verification.result import Check, CheckName, Outcome, Verification
from skillgraph.verification.status import (
    ListKind,
    StatusEntry,
    StatusListDocument,
    StatusProblem,
    parse_entries,
    parse_status_list,
)
from skillgraph.verification.vcjwt import (
    JwtCredential,
    JwtProblem,
    check_claims,
    verify_jws,
)

__all__ = [
    "MAX_DEPTH",
    "BadgeVerification",
    "DocumentTooDeep",
    "DocumentTooLarge",
    "IssuerTrust",
    "Revocation",
    "StatusLookup",
    "Verifier",
    "issuer_of",
]

MAX_DEPTH = 64


class DocumentTooLarge(ValueError):
    pass


class DocumentTooDeep(ValueError):
    pass


@dataclass(frozen=True)
class IssuerTrust:
    """What the graph says. ``provider_uri``: the Provider the credential is attached to;
    ``consulted`` False means no graph was asked (ISSUER is then INCONCLUSIVE)."""

    provider_uri: str | None = None
    pinned: tuple[PinnedKey, ...] = ()
    consulted: bool = True


@dataclass(frozen=True)
class Revocation:
    reason: str
    list_url: str


@dataclass(frozen=True)
class BadgeVerification:
    verification: Verification
    credential: Mapping[str, Any]
    status_entries: tuple[StatusEntry, ...] = ()
    revocation: Revocation | None = None


StatusLookup = Callable[[str], Awaitable[StatusListDocument | None]]


def issuer_of(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of decoded JSON, iteratively; stops past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return depth
        deepest = max(deepest, depth)
        if isinstance(item, Mapping):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _instant(
    document: Mapping[str, Any], keys: Sequence[str]
) -> tuple[str, datetime | None, str | None]:
    for key in keys:
        value = document.get(key)
        if value is None:
            continue
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return key, None, f"{key} {value!r} is not an ISO 8601 date-time"
        return key, moment if moment.tzinfo else moment.replace(tzinfo=UTC), None
    return "", None, None


@dataclass
class Verifier:
    loader: ContextLoader
    fetcher: Fetcher
    max_document_bytes: int = 1_048_576
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def guard(self, document: object, size: int) -> None:
        """Raises DocumentTooLarge/DocumentTooDeep; ``size`` is the document's JSON bytes."""
        if size > self.max_document_bytes:
            raise DocumentTooLarge(
                f"the document has {size} bytes; a badge is verified up to "
                f"{self.max_document_bytes}"
            )
        if _depth(document, MAX_DEPTH) > MAX_DEPTH:
            raise DocumentTooDeep(f"the document is nested deeper than {MAX_DEPTH} levels")

    async def verify(
        self,
        document: Mapping[str, Any] | JwtCredential,
        trust: IssuerTrust,
        lists: StatusLookup | None = None,
    ) -> BadgeVerification:
        now = self.clock()
        credential = document.credential if isinstance(document, JwtCredential) else document
        issuer = issuer_of(credential) or ""
        if isinstance(document, JwtCredential):
            proof, key = await self._jwt(document, issuer, trust.pinned)
        else:
            proof, key = await self._embedded(credential, issuer, trust.pinned)
        checks = [proof, key, self._issuer(issuer, trust), self._validity(credential, now)]
        status, entries, revocation = await self._status(credential, issuer, trust.pinned, lists)
        checks.append(status)
        return BadgeVerification(Verification.of(checks, now), credential, entries, revocation)

    # -- proof and key -------------------------------------------------------------------------

    async def _embedded(
        self, document: Mapping[str, Any], issuer: str, pinned: Sequence[PinnedKey]
    ) -> tuple[Check, Check]:
        raw = document.get("proof")
        if raw is None:
            return (
                Check(
                    CheckName.PROOF,
                    Outcome.INCONCLUSIVE,
                    "the badge carries no proof (it is unsigned)",
                ),
                Check(CheckName.ISSUER_KEY, Outcome.INCONCLUSIVE, "no proof names a key"),
            )
        proofs = raw if isinstance(raw, list) and raw else [raw]
        results = [await self._one_proof(document, p, issuer, pinned) for p in proofs]
        for result in results:
            if result[0].passed and result[1].passed:
                return result
        return results[0]

    async def _one_proof(
        self, document: Mapping[str, Any], proof: Any, issuer: str, pinned: Sequence[PinnedKey]
    ) -> tuple[Check, Check]:
        try:
            request = proof_request(document, proof)
        except ProofProblem as exc:
            return (
                Check(CheckName.PROOF, Outcome.FAILED, str(exc)),
                Check(
                    CheckName.ISSUER_KEY, Outcome.INCONCLUSIVE, "not checked: the proof is unusable"
                ),
            )
        finding = await find_key(request.verification_method, issuer, pinned, self.fetcher)
        return self._signed(
            finding, lambda key: verify_signature(request, key, self.loader)
        ), finding.check

    def _signed(self, finding: KeyFinding, check: Callable[[Any], None]) -> Check:
        if not finding.keys:
            return Check(
                CheckName.PROOF, Outcome.INCONCLUSIVE, "not checked: the signing key is unavailable"
            )
        problem: Exception | None = None
        for key in finding.keys:
            try:
                check(key)
            except (ProofProblem, JwtProblem) as exc:
                problem = exc
                continue
            return Check(CheckName.PROOF, Outcome.PASSED, f"signature valid ({key.kind} key)")
        return Check(CheckName.PROOF, Outcome.FAILED, str(problem))

    async def _jwt(
        self, token: JwtCredential, issuer: str, pinned: Sequence[PinnedKey]
    ) -> tuple[Check, Check]:
        finding = await find_key(token.kid, issuer, pinned, self.fetcher, header_jwk=token.jwk)
        proof = self._signed(finding, lambda key: verify_jws(token, key))
        if proof.passed:
            contradiction = check_claims(token)
            if contradiction is not None:
                proof = Check(CheckName.PROOF, Outcome.FAILED, contradiction)
            else:
                proof = Check(CheckName.PROOF, Outcome.PASSED, f"JWS valid ({token.header['alg']})")
        return proof, finding.check

    # -- issuer and validity -----------------------------------------------------------------

    @staticmethod
    def _issuer(issuer: str, trust: IssuerTrust) -> Check:
        if not trust.consulted:
            return Check(
                CheckName.ISSUER, Outcome.INCONCLUSIVE, "not compared with the graph's providers"
            )
        if trust.provider_uri is None:
            return Check(
                CheckName.ISSUER, Outcome.FAILED, "the credential is attached to no provider"
            )
        if issuer == trust.provider_uri:
            return Check(
                CheckName.ISSUER, Outcome.PASSED, f"issued by {issuer}, the credential's provider"
            )
        return Check(
            CheckName.ISSUER,
            Outcome.FAILED,
            f"issued by {issuer or 'nobody'} but the credential belongs to provider "
            f"{trust.provider_uri}",
        )

    @staticmethod
    def _validity(document: Mapping[str, Any], now: datetime) -> Check:
        start_key, start, bad_start = _instant(document, ("validFrom", "issuanceDate"))
        end_key, end, bad_end = _instant(document, ("validUntil", "expirationDate"))
        if bad_start or bad_end:
            return Check(CheckName.VALIDITY, Outcome.FAILED, bad_start or bad_end or "")
        if start is not None and start > now:
            return Check(
                CheckName.VALIDITY,
                Outcome.FAILED,
                f"not valid before {start_key} {start.isoformat()}",
            )
        if end is not None and end <= now:
            return Check(
                CheckName.VALIDITY, Outcome.FAILED, f"expired at {end_key} {end.isoformat()}"
            )
        if start is not None and end is not None and end <= start:
            return Check(CheckName.VALIDITY, Outcome.FAILED, f"{end_key} is not after {start_key}")
        until = f" until {end.isoformat()}" if end else ""
        return Check(CheckName.VALIDITY, Outcome.PASSED, f"valid now{until}")

    # -- status --------------------------------------------------------------------------------

    async def _status(
        self,
        document: Mapping[str, Any],
        issuer: str,
        pinned: Sequence[PinnedKey],
        lists: StatusLookup | None,
    ) -> tuple[Check, tuple[StatusEntry, ...], Revocation | None]:
        try:
            entries, unsupported = parse_entries(document)
        except StatusProblem as exc:
            return Check(CheckName.STATUS, Outcome.FAILED, str(exc)), (), None
        if not entries:
            if unsupported:
                detail = f"status type(s) {', '.join(unsupported)} not supported"
                return Check(CheckName.STATUS, Outcome.INCONCLUSIVE, detail), (), None
            return (
                Check(CheckName.STATUS, Outcome.PASSED, "no credentialStatus: never revoked"),
                (),
                None,
            )
        credential_id = document.get("id") if isinstance(document.get("id"), str) else None
        outcomes: list[Check] = []
        revocation: Revocation | None = None
        for entry in entries:
            found, why = await self._list(entry, issuer, pinned, lists)
            if found is None:
                outcomes.append(Check(CheckName.STATUS, Outcome.INCONCLUSIVE, why))
                continue
            check, revoked = status_of(entry, found, credential_id)
            outcomes.append(check)
            revocation = revocation or revoked
        failed = next((c for c in outcomes if c.outcome is Outcome.FAILED), None)
        unknown = next((c for c in outcomes if c.outcome is Outcome.INCONCLUSIVE), None)
        chosen = failed or unknown or outcomes[0]
        return chosen, entries, revocation

    async def _list(
        self,
        entry: StatusEntry,
        issuer: str,
        pinned: Sequence[PinnedKey],
        lists: StatusLookup | None,
    ) -> tuple[StatusListDocument | None, str]:
        stored = await lists(entry.list_url) if lists is not None else None
        if stored is not None:
            if stored.issuer is not None and stored.issuer != issuer:
                return (
                    None,
                    f"status list {entry.list_url} was issued by {stored.issuer}, not {issuer}",
                )
            return stored, ""
        try:
            fetched = await self.fetcher.json(entry.list_url)
        except FetchProblem as exc:
            hint = "; import it with `skillgraph import status-list FILE`" if exc.refused else ""
            return None, f"status list unavailable: {exc}{hint}"
        found, verification = await self.verify_status_list(
            fetched, pinned, issuer, url=entry.list_url
        )
        if found is None or verification.status.value != "VERIFIED":
            reason = (
                "; ".join(c.detail for c in verification.checks if not c.passed) or "unreadable"
            )
            return None, f"status list {entry.list_url} cannot be trusted: {reason}"
        return found, ""

    async def verify_status_list(
        self,
        document: Any,
        pinned: Sequence[PinnedKey],
        issuer: str | None,
        *,
        url: str | None = None,
        vouched: bool = False,
    ) -> tuple[StatusListDocument | None, Verification]:
        """Parses and verifies a status list. Bitstring lists are credentials: proof, key and
        validity are checked, and their issuer must be ``issuer`` (when given). 1EdTech lists
        have no proof: they pass when ``vouched`` (an administrator imported them) or when
        ``url`` is https on the issuer's own host."""
        now = self.clock()
        try:
            parsed = parse_status_list(document, url)
        except StatusProblem as exc:
            return None, Verification.of([Check(CheckName.PROOF, Outcome.FAILED, str(exc))], now)
        list_issuer = parsed.issuer
        issuer_check = (
            Check(CheckName.ISSUER, Outcome.PASSED, f"issued by {list_issuer}")
            if issuer is None or list_issuer is None or list_issuer == issuer
            else Check(
                CheckName.ISSUER,
                Outcome.FAILED,
                f"issued by {list_issuer}, not by the credential's issuer {issuer}",
            )
        )
        if parsed.kind is ListKind.REVOCATION_LIST:
            if vouched or (url is not None and issuer and _same_https_host(url, issuer)):
                how = "imported by an administrator" if vouched else "served by the issuer's host"
                checks = [
                    Check(name, Outcome.PASSED, how)
                    for name in (
                        CheckName.PROOF,
                        CheckName.ISSUER_KEY,
                        CheckName.VALIDITY,
                        CheckName.STATUS,
                    )
                ]
                return parsed, Verification.of([*checks, issuer_check], now)
            checks = [
                Check(
                    CheckName.PROOF,
                    Outcome.INCONCLUSIVE,
                    "a 1EdTech revocation list has no proof and was not served by the "
                    "issuer's host",
                )
            ]
            return parsed, Verification.of(checks, now)
        assert isinstance(document, Mapping)
        result = await self.verify(document, IssuerTrust(list_issuer, tuple(pinned)), None)
        checks = [c for c in result.verification.checks if c.name is not CheckName.ISSUER]
        return parsed, Verification.of([*checks, issuer_check], now)


def _same_https_host(url: str, issuer: str) -> bool:
    a, b = urlsplit(url), urlsplit(issuer)
    return (
        a.scheme == "https"
        and b.scheme == "https"
        and a.hostname is not None
        and a.hostname == b.hostname
    )


def status_of(
    entry: StatusEntry, found: StatusListDocument, credential_id: str | None
) -> tuple[Check, Revocation | None]:
    """The STATUS check of one entry against its (trusted) list."""
    if found.kind is ListKind.REVOCATION_LIST:
        if (
            credential_id is not None
            and found.revoked is not None
            and credential_id in found.revoked
        ):
            reason = found.revoked[credential_id] or "no reason given"
            detail = f"revoked by its issuer ({reason}; list {found.url})"
            return Check(CheckName.STATUS, Outcome.FAILED, detail), Revocation(reason, found.url)
        return Check(
            CheckName.STATUS, Outcome.PASSED, f"not in the revocation list {found.url}"
        ), None
    if entry.kind is not ListKind.BITSTRING or entry.index is None:
        return Check(
            CheckName.STATUS, Outcome.INCONCLUSIVE, f"{found.url} is not a bitstring list"
        ), None
    if found.purpose != entry.purpose:
        detail = f"the entry is for {entry.purpose} but {found.url} lists {found.purpose}"
        return Check(CheckName.STATUS, Outcome.INCONCLUSIVE, detail), None
    try:
        flagged = found.is_set(entry.index)
    except StatusProblem as exc:
        return Check(CheckName.STATUS, Outcome.FAILED, str(exc)), None
    where = f"{found.url} index {entry.index}"
    if not flagged:
        return Check(
            CheckName.STATUS, Outcome.PASSED, f"not {_past(entry.purpose)} ({where})"
        ), None
    if entry.purpose == "revocation":
        reason = f"revoked by its issuer ({where})"
        return Check(CheckName.STATUS, Outcome.FAILED, reason), Revocation(
            "revoked by its issuer", found.url
        )
    if entry.purpose == "suspension":
        return Check(CheckName.STATUS, Outcome.FAILED, f"suspended by its issuer ({where})"), None
    return Check(
        CheckName.STATUS, Outcome.PASSED, f"{entry.purpose} flag set ({where}); not a revocation"
    ), None


def _past(purpose: str) -> str:
    return {"revocation": "revoked", "suspension": "suspended"}.get(
        purpose, f"flagged for {purpose}"
    )
