"""The validated content of Open Badges 3.0 documents, ready to be written in batches."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from skillgraph.importers.problems import DocumentProblem
from skillgraph.importers.values import batched
from skillgraph.model.enums import AwardStatus, CredentialKind, CredentialStatus, ProviderKind

__all__ = [
    "BadgeAward",
    "BadgeCredential",
    "BadgeProvider",
    "BadgeTable",
    "BadgeTeaching",
    "OpenBadgesBundle",
]


class BadgeTable(StrEnum):
    PROVIDERS = "providers"
    CREDENTIALS = "credentials"
    TEACHES = "teaches"
    AWARDS = "awards"


@dataclass(frozen=True, slots=True)
class BadgeProvider:
    """From a Profile. ``name`` is None when the document gave only the profile's id: the
    writer then requires the provider to exist, or creates it named after its uri."""

    uri: str
    name: str | None
    url: str | None
    path: str
    kind: ProviderKind = ProviderKind.OTHER


@dataclass(frozen=True, slots=True)
class BadgeCredential:
    """From an Achievement; ``provider_uri`` is its creator, else the credential's issuer,
    else None (a bare Achievement without creator)."""

    uri: str
    name: str
    description: str | None
    kind: CredentialKind
    url: str | None
    provider_uri: str | None
    path: str
    status: CredentialStatus = CredentialStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class BadgeTeaching:
    """A TEACHES candidate from one alignment; ``path`` points at its ``targetUrl``."""

    credential_uri: str
    skill_uri: str
    skill_name: str | None
    path: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class BadgeAward:
    """An EARNED candidate. The earner is the Person whose uri is in ``subject_uris`` or whose
    email is in ``emails`` (lower-cased); at least one of them is non-empty. Times are
    timezone-aware; ``expires_at`` is after ``issued_at``."""

    credential_uri: str
    subject_uris: tuple[str, ...]
    emails: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime | None
    source_id: str | None
    path: str
    status: AwardStatus = AwardStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class OpenBadgesBundle:
    """Everything found in one call; each provider, credential and teaching appears once."""

    providers: tuple[BadgeProvider, ...]
    credentials: tuple[BadgeCredential, ...]
    teaches: tuple[BadgeTeaching, ...]
    awards: tuple[BadgeAward, ...]
    documents: int

    @property
    def alignment_uris(self) -> frozenset[str]:
        return frozenset(t.skill_uri for t in self.teaches)

    def unknown_alignments(
        self, existing_skill_uris: Collection[str]
    ) -> tuple[DocumentProblem, ...]:
        """One report per alignment whose target is not a skill in ``existing_skill_uris``
        (the writer skips those TEACHES edges and shows this list)."""
        return tuple(
            DocumentProblem(
                t.path,
                f"no skill {t.skill_uri}"
                + (f" ({t.skill_name})" if t.skill_name else "")
                + " in the graph; import it first (e.g. from ESCO) or align to an existing skill",
            )
            for t in self.teaches
            if t.skill_uri not in existing_skill_uris
        )

    def rows(self, table: BadgeTable) -> list[dict[str, Any]]:
        """Plain dicts with camelCase keys, for ``UNWIND $rows AS row``.

        providers: uri, name (may be None), kind, url; credentials: uri, name, description,
        kind, url, status, providerUri (may be None); teaches: credentialUri, skillUri, level;
        awards: credentialUri, subjectUris, emails, issuedAt, expiresAt (aware datetimes or
        None), status, sourceId (the credential document's id, may be None).
        """
        return list(self._rows(table))

    def batches(self, table: BadgeTable, size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """``rows(table)`` in lists of at most ``size`` (at least 1), in document order."""
        return batched(self._rows(table), size)

    def _rows(self, table: BadgeTable) -> Iterator[dict[str, Any]]:
        match table:
            case BadgeTable.PROVIDERS:
                for p in self.providers:
                    yield {"uri": p.uri, "name": p.name, "kind": p.kind.value, "url": p.url}
            case BadgeTable.CREDENTIALS:
                for c in self.credentials:
                    yield {
                        "uri": c.uri,
                        "name": c.name,
                        "description": c.description,
                        "kind": c.kind.value,
                        "url": c.url,
                        "status": c.status.value,
                        "providerUri": c.provider_uri,
                    }
            case BadgeTable.TEACHES:
                for t in self.teaches:
                    yield {
                        "credentialUri": t.credential_uri,
                        "skillUri": t.skill_uri,
                        "level": t.level,
                    }
            case BadgeTable.AWARDS:
                for a in self.awards:
                    yield {
                        "credentialUri": a.credential_uri,
                        "subjectUris": list(a.subject_uris),
                        "emails": list(a.emails),
                        "issuedAt": a.issued_at,
                        "expiresAt": a.expires_at,
                        "status": a.status.value,
                        "sourceId": a.source_id,
                    }
