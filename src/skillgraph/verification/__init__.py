"""Verifying Open Badges 3.0 credentials: Data Integrity (eddsa-rdfc-2022) and VC-JWT proofs,
issuer keys (did:key, did:web, JWKS, pinned), validity and status lists.

Pure apart from ``fetch`` (HTTPS under an allow-list, off by default). Build one Verifier per
configuration with ``verifier_for(settings)``; it caches parsed contexts and fetched documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import httpx

from skillgraph.settings import Settings
from skillgraph.verification.contexts import ContextLoader, default_loader
from skillgraph.verification.fetch import Fetcher, FetchPolicy
from skillgraph.verification.issuerkeys import PinnedKey
from skillgraph.verification.result import (
    Check,
    CheckName,
    Outcome,
    Verification,
    VerificationStatus,
)
from skillgraph.verification.verifier import (
    BadgeVerification,
    DocumentTooDeep,
    DocumentTooLarge,
    IssuerTrust,
    Revocation,
    StatusLookup,
    Verifier,
)

__all__ = [
    "BadgeVerification",
    "Check",
    "CheckName",
    "DocumentTooDeep",
    "DocumentTooLarge",
    "IssuerTrust",
    "Outcome",
    "PinnedKey",
    "Revocation",
    "StatusLookup",
    "Verification",
    "VerificationStatus",
    "Verifier",
    "VerifyConfig",
    "build_verifier",
    "verifier_for",
]


@dataclass(frozen=True)
class VerifyConfig:
    fetch: FetchPolicy
    contexts_dir: Path | None
    max_document_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> VerifyConfig:
        return cls(
            fetch=FetchPolicy(
                enabled=settings.verify_fetch,
                allowed_hosts=settings.verify_allowed_host_set,
                timeout_s=settings.verify_fetch_timeout_s,
                cache_ttl_s=settings.verify_cache_ttl_s,
                max_bytes=settings.verify_max_document_bytes,
            ),
            contexts_dir=settings.verify_contexts_dir,
            max_document_bytes=settings.verify_max_document_bytes,
        )


def build_verifier(
    config: VerifyConfig, transport: httpx.AsyncBaseTransport | None = None
) -> Verifier:
    loader = ContextLoader(config.contexts_dir) if config.contexts_dir else default_loader()
    return Verifier(
        loader, Fetcher(config.fetch, transport), max_document_bytes=config.max_document_bytes
    )


@lru_cache(maxsize=8)
def _cached(config: VerifyConfig) -> Verifier:
    return build_verifier(config)


def verifier_for(settings: Settings) -> Verifier:
    """One Verifier (and fetch cache) per distinct configuration, per process."""
    return _cached(VerifyConfig.of(settings))
