"""Open Badges 3.0 in and out: ``importOpenBadge``, ``skillgraph import openbadges`` and
``Credential.openBadge``.

One import is one transaction: the documents are validated first, every earner must already
exist as a Person (matched by uri or email), and alignments to skills the graph does not
hold are reported back instead of written.
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
from skillgraph.model.ids import NodeType
from skillgraph.store.bulk import EXISTING, with_ids
from skillgraph.store.cypher import query
from skillgraph.store.database import Database, Record, Transaction

__all__ = ["BadgeImport", "export_achievements", "import_badges"]

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


async def _earners(tx: Transaction, bundle: OpenBadgesBundle) -> list[dict[str, Any]]:
    rows = bundle.rows(BadgeTable.AWARDS)
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


async def import_badges(
    db: Database, document: object, *, allow_awards: bool = True
) -> BadgeImport:
    """Validate ``document`` (an Achievement, an OpenBadgeCredential, or a list), then write
    it in one transaction. Raises OpenBadgesError (BAD_USER_INPUT, with JSON paths) and
    writes nothing when anything is malformed or an earner is unknown."""
    bundle = parse_openbadges(document)
    if bundle.awards and not allow_awards:
        raise Forbidden("importing credentials awarded to people needs an ADMIN key")

    async def work(tx: Transaction) -> BadgeImport:
        existing = await tx.run(
            EXISTING.bind(label=NodeType.SKILL), {"uris": sorted(bundle.alignment_uris)}
        )
        skills = set(existing[0]["found"]) if existing else set()
        awards = await _earners(tx, bundle)
        providers = with_ids(NodeType.PROVIDER, bundle.rows(BadgeTable.PROVIDERS))
        credentials = with_ids(NodeType.CREDENTIAL, bundle.rows(BadgeTable.CREDENTIALS))
        await tx.run(PROVIDERS, {"rows": providers})
        written = await tx.run(CREDENTIALS, {"rows": credentials})
        teaches = [r for r in bundle.rows(BadgeTable.TEACHES) if r["skillUri"] in skills]
        if teaches:
            await tx.run(TEACHES, {"rows": teaches})
        if awards:
            await tx.run(AWARDS, {"rows": awards})
        return BadgeImport(
            credential_ids=tuple(row["id"] for row in written),
            providers=len(bundle.providers),
            teaches=len(teaches),
            awards=len(awards),
            unknown_alignments=bundle.unknown_alignments(skills),
        )

    return await db.write_tx(work)


async def export_achievements(db: Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The OB 3.0 Achievement of each credential id (absent ids are left out)."""
    rows: list[Record] = await db.read(EXPORT, {"ids": list(ids)})
    return {
        row["id"]: achievement_document(row["credential"], row["provider"], row["teaches"])
        for row in rows
    }
