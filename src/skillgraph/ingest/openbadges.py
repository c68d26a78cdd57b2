"""Open Badges 3.0 in and out: ``importOpenBadge``, ``skillgraph import openbadges`` and
``Credential.openBadge``.

One import is one transaction: the documents are validated first, every earner must already
exist as a Person (matched by uri or email), and alignments to skills the graph does not
hold are reported back instead of written. Each credential document (JSON or VC-JWT) is
verified before the transaction (see ingest.badgecheck); its award keeps the verification.

What a credential document may change in the catalogue: it creates its issuer and achievement
when they are new, but never moves an existing credential to another provider (only a bare
Achievement, an editorial import, does that); and a document whose verification FAILED
changes no existing provider or credential at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from skillgraph.errors import Forbidden
from skillgraph.importers import (
    BadgeTable,
    DocumentProblem,
    OpenBadgesBundle,
    OpenBadgesError,
    achievement_document,
    parse_openbadges,
)
from skillgraph.ingest.badgecheck import (
    DocumentVerification,
    award_fields,
    failed_roots,
    unwrap,
    verify_bundle,
    within,
)
from skillgraph.model.ids import NodeType
from skillgraph.store import signals
from skillgraph.store.bulk import EXISTING, with_ids
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction
from skillgraph.verification import Verifier

__all__ = ["BadgeImport", "DocumentVerification", "export_achievements", "import_badges"]

PROVIDERS = query("openbadges/providers")
CREDENTIALS = query("openbadges/credentials")
EARNERS = query("openbadges/earners")
AWARDS = query("openbadges/awards")
TEACHES = query("bulk/teaches")
EXPORT = query("openbadges/export")


@dataclass(frozen=True)
class BadgeImport:
    """What one import wrote. ``credential_ids`` are in document order."""

    credential_ids: tuple[str, ...]
    providers: int
    teaches: int
    awards: int
    unknown_alignments: tuple[DocumentProblem, ...]
    verifications: tuple[DocumentVerification, ...] = ()


async def _earners(
    tx: Transaction, bundle: OpenBadgesBundle, checked: tuple[DocumentVerification, ...]
) -> list[dict[str, Any]]:
    by_path = {f.path: f for f in checked}
    rows = [
        {**row, **award_fields(by_path.get(award.path))}
        for row, award in zip(bundle.rows(BadgeTable.AWARDS), bundle.awards, strict=True)
    ]
    if not rows:
        return []
    found = {r["i"]: r["personId"] for r in await tx.run(EARNERS, {"rows": rows})}
    missing = [
        DocumentProblem(
            award.path,
            "no person with id "
            + " or ".join(list(award.subject_uris) + list(award.emails))
            + "; create the person (with that uri or email) first",
        )
        for i, award in enumerate(bundle.awards)
        if found.get(i) is None
    ]
    if missing:
        raise OpenBadgesError(missing)
    return [{**row, "personId": found[i]} for i, row in enumerate(rows)]


def _marked(
    rows: list[dict[str, Any]], paths: list[str], roots: list[str], failed: list[str]
) -> list[dict[str, Any]]:
    """Adds ``embedded`` (from inside a credential document) and ``createOnly`` (from a
    document whose verification FAILED) to provider or credential rows."""
    return [
        {
            **row,
            "embedded": any(within(path, root) and path != root for root in roots),
            "createOnly": any(within(path, root) for root in failed),
        }
        for row, path in zip(rows, paths, strict=True)
    ]


async def import_badges(
    db: Database,
    document: object,
    *,
    allow_awards: bool = True,
    verifier: Verifier | None = None,
) -> BadgeImport:
    """Validate ``document`` (an Achievement, an OpenBadgeCredential as JSON or VC-JWT, or a
    list), verify each credential (when a ``verifier`` is given; else awards are UNVERIFIED),
    then write it in one transaction. Raises OpenBadgesError (BAD_USER_INPUT, with JSON paths)
    and writes nothing when anything is malformed or an earner is unknown."""
    checked = unwrap(document)
    bundle = parse_openbadges(checked.document)
    if bundle.awards and not allow_awards:
        raise Forbidden("importing credentials awarded to people needs an ADMIN key")
    found = await verify_bundle(db, checked, bundle, verifier) if verifier else ()
    roots = [award.path for award in bundle.awards]
    failed = failed_roots(found)

    async def work(tx: Transaction) -> BadgeImport:
        existing = await tx.run(
            EXISTING.bind(label=NodeType.SKILL), {"uris": sorted(bundle.alignment_uris)}
        )
        skills = set(existing[0]["found"]) if existing else set()
        awards = await _earners(tx, bundle, found)
        providers = _marked(
            with_ids(NodeType.PROVIDER, bundle.rows(BadgeTable.PROVIDERS)),
            [p.path for p in bundle.providers],
            roots,
            failed,
        )
        credentials = _marked(
            with_ids(NodeType.CREDENTIAL, bundle.rows(BadgeTable.CREDENTIALS)),
            [c.path for c in bundle.credentials],
            roots,
            failed,
        )
        await tx.run(PROVIDERS, {"rows": providers})
        written = await tx.run(CREDENTIALS, {"rows": credentials})
        teaches = [r for r in bundle.rows(BadgeTable.TEACHES) if r["skillUri"] in skills]
        if teaches:
            await tx.run(TEACHES, {"rows": teaches})
        if awards:
            await tx.run(AWARDS, {"rows": awards})
        await signals.touch(tx)
        return BadgeImport(
            credential_ids=tuple(row["id"] for row in written),
            providers=len(bundle.providers),
            teaches=len(teaches),
            awards=len(awards),
            unknown_alignments=bundle.unknown_alignments(skills),
            verifications=found,
        )

    return await db.write_tx(work)


async def export_achievements(db: Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The OB 3.0 Achievement of each credential id (absent ids are left out)."""
    rows: list[Record] = await db.read(EXPORT, {"ids": list(ids)})
    return {
        row["id"]: achievement_document(row["credential"], row["provider"], row["teaches"])
        for row in rows
    }
