"""The verification step of an Open Badges import: VC-JWT documents unwrapped, then every
credential document verified against what the graph knows (who offers its achievement, the
keys pinned on its issuer, imported status lists), before anything is written."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from skillgraph.importers import DocumentProblem, OpenBadgesBundle, OpenBadgesError
from skillgraph.store import verification as store
from skillgraph.store.database import Database
from skillgraph.verification import (
    BadgeVerification,
    DocumentTooDeep,
    DocumentTooLarge,
    IssuerTrust,
    Verification,
    VerificationStatus,
    Verifier,
)
from skillgraph.verification.status import StatusListDocument, StatusProblem, parse_entries
from skillgraph.verification.vcjwt import JwtCredential, JwtProblem, decode
from skillgraph.verification.verifier import issuer_of

__all__ = [
    "Checked",
    "DocumentVerification",
    "award_fields",
    "failed_roots",
    "unwrap",
    "verify_bundle",
    "verify_documents",
    "within",
]


@dataclass(frozen=True)
class DocumentVerification:
    """The verification of the credential document at ``path`` (a JSONPath)."""

    path: str
    credential_uri: str
    badge: BadgeVerification

    @property
    def verification(self) -> Verification:
        return self.badge.verification


@dataclass(frozen=True)
class Checked:
    """Unwrapped documents: ``document`` as parse_openbadges takes it; ``tokens`` the VC-JWTs
    by document path."""

    document: object
    tokens: Mapping[str, JwtCredential]


def _token(value: str, path: str) -> JwtCredential:
    try:
        return decode(value)
    except JwtProblem as exc:
        raise OpenBadgesError([DocumentProblem(path, f"is not a usable VC-JWT: {exc}")]) from None


def unwrap(document: object) -> Checked:
    """Replaces each VC-JWT (a string) by the credential it carries. OpenBadgesError when a
    string is not a usable VC-JWT."""
    if isinstance(document, str):
        token = _token(document, "$")
        return Checked(token.credential, {"$": token})
    if isinstance(document, list):
        tokens: dict[str, JwtCredential] = {}
        items: list[object] = []
        for i, item in enumerate(document):
            if isinstance(item, str):
                tokens[f"$[{i}]"] = _token(item, f"$[{i}]")
                items.append(tokens[f"$[{i}]"].credential)
            else:
                items.append(item)
        return Checked(items, tokens)
    return Checked(document, {})


def _at(document: object, path: str) -> Any:
    if path == "$":
        return document
    assert isinstance(document, list)
    return document[int(path[2:-1])]


def within(path: str, root: str) -> bool:
    """Whether JSONPath ``path`` is ``root`` or inside it ($[1] does not contain $[10])."""
    return path == root or path.startswith((root + ".", root + "[")) or root == "$"


async def verify_bundle(
    db: Database, checked: Checked, bundle: OpenBadgesBundle, verifier: Verifier
) -> tuple[DocumentVerification, ...]:
    """One verification per credential document, in document order. OpenBadgesError when a
    document is too large or too deeply nested to verify."""
    roots = [award.path for award in bundle.awards]
    if not roots:
        return ()
    documents = {root: _at(checked.document, root) for root in roots}
    problems = []
    for root, doc in documents.items():
        size = len(checked.tokens[root].token) if root in checked.tokens else len(json.dumps(doc))
        try:
            verifier.guard(doc, size)
        except (DocumentTooLarge, DocumentTooDeep) as exc:
            problems.append(DocumentProblem(root, str(exc)))
    if problems:
        raise OpenBadgesError(problems)
    providers = {c.uri: c.provider_uri for c in bundle.credentials}
    issuers = {root: issuer_of(doc) or "" for root, doc in documents.items()}
    trust = await store.graph_trust(
        db, sorted({a.credential_uri for a in bundle.awards}), sorted(set(issuers.values()))
    )
    urls: list[str] = []
    for doc in documents.values():
        try:
            urls.extend(entry.list_url for entry in parse_entries(doc)[0])
        except StatusProblem:
            continue  # the verifier reports it
    imported = await store.status_lists(db, urls)

    async def lookup(url: str) -> StatusListDocument | None:
        return imported.get(url)

    async def one(root: str, credential_uri: str) -> DocumentVerification:
        provider = (
            trust.offered[credential_uri]
            if credential_uri in trust.offered
            else providers.get(credential_uri)
        )
        issuer_trust = IssuerTrust(provider, trust.pinned.get(issuers[root], ()))
        source = checked.tokens.get(root) or documents[root]
        badge = await verifier.verify(source, issuer_trust, lookup)
        return DocumentVerification(root, credential_uri, badge)

    return tuple(await asyncio.gather(*(one(a.path, a.credential_uri) for a in bundle.awards)))


def award_fields(found: DocumentVerification | None) -> dict[str, Any]:
    """The EARNED properties that record a verification (UNVERIFIED when none was made)."""
    if found is None:
        return {
            "verificationStatus": VerificationStatus.UNVERIFIED.value,
            "verificationChecks": None,
            "verifiedAt": None,
            "statusListUrl": None,
            "statusListIndex": None,
            "statusPurpose": None,
            "revokedReason": None,
            "revokedSeenAt": None,
        }
    verification = found.verification
    entry = found.badge.status_entries[0] if found.badge.status_entries else None
    revocation = found.badge.revocation
    fields: dict[str, Any] = {
        "verificationStatus": verification.status.value,
        "verificationChecks": verification.checks_json(),
        "verifiedAt": verification.verified_at,
        "statusListUrl": entry.list_url if entry else None,
        "statusListIndex": entry.index if entry else None,
        "statusPurpose": entry.purpose if entry else None,
        "revokedReason": revocation.reason if revocation else None,
        "revokedSeenAt": verification.verified_at if revocation else None,
    }
    if revocation is not None:
        fields["status"] = "REVOKED"
    return fields


def failed_roots(found: Sequence[DocumentVerification]) -> list[str]:
    return [f.path for f in found if f.verification.status is VerificationStatus.FAILED]


def _achievement_uri(document: Mapping[str, Any]) -> str | None:
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    uri = achievement.get("id") if isinstance(achievement, Mapping) else None
    return uri if isinstance(uri, str) else None


async def verify_documents(
    db: Database | None, document: object, verifier: Verifier
) -> list[tuple[str, BadgeVerification]]:
    """Verifies every credential in ``document`` (one, a VC-JWT, or a list) without importing
    it. With ``db`` the graph is consulted (the achievement's provider, pinned keys, imported
    status lists); without, ISSUER is INCONCLUSIVE and only did:key or fetched keys serve.
    OpenBadgesError for documents that cannot be verified at all."""
    checked = unwrap(document)
    items = checked.document if isinstance(checked.document, list) else [checked.document]
    paths = [f"$[{i}]" for i in range(len(items))] if isinstance(checked.document, list) else ["$"]
    problems: list[DocumentProblem] = []
    for path, item in zip(paths, items, strict=True):
        if not isinstance(item, dict):
            problems.append(DocumentProblem(path, "is not a JSON object"))
            continue
        size = len(checked.tokens[path].token) if path in checked.tokens else len(json.dumps(item))
        try:
            verifier.guard(item, size)
        except (DocumentTooLarge, DocumentTooDeep) as exc:
            problems.append(DocumentProblem(path, str(exc)))
    if problems:
        raise OpenBadgesError(problems)
    docs: list[dict[str, Any]] = [item for item in items if isinstance(item, dict)]
    imported: dict[str, StatusListDocument] = {}
    offered: Mapping[str, str | None] = {}
    pinned: Mapping[str, Any] = {}
    if db is not None:
        achievements = sorted({a for d in docs if (a := _achievement_uri(d))})
        issuers = sorted({i for d in docs if (i := issuer_of(d))})
        trust = await store.graph_trust(db, achievements, issuers)
        offered, pinned = trust.offered, trust.pinned
        urls: list[str] = []
        for doc in docs:
            try:
                urls.extend(entry.list_url for entry in parse_entries(doc)[0])
            except StatusProblem:
                continue
        imported = await store.status_lists(db, urls)

    async def lookup(url: str) -> StatusListDocument | None:
        return imported.get(url)

    results = []
    for path, doc in zip(paths, docs, strict=True):
        achievement = _achievement_uri(doc)
        issuer = issuer_of(doc) or ""
        if db is None:
            trust_of = IssuerTrust(consulted=False)
        elif achievement is not None and achievement in offered:
            trust_of = IssuerTrust(offered[achievement], tuple(pinned.get(issuer, ())))
        else:  # not in the graph yet: an import would attach it to its creator or issuer
            trust_of = IssuerTrust(_creator(doc) or issuer, tuple(pinned.get(issuer, ())))
        source = checked.tokens.get(path) or doc
        results.append((path, await verifier.verify(source, trust_of, lookup)))
    return results


def _creator(document: Mapping[str, Any]) -> str | None:
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    creator = achievement.get("creator") if isinstance(achievement, Mapping) else None
    if isinstance(creator, Mapping):
        creator = creator.get("id")
    return creator if isinstance(creator, str) else None
