"""Open Badges 3.0 import as a mutation."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from skillgraph.api.context import Info
from skillgraph.api.principal import PrincipalRole
from skillgraph.api.types.credential import Credential
from skillgraph.api.types.verification import VerificationType, to_verification
from skillgraph.ingest.openbadges import DocumentVerification, import_badges
from skillgraph.ingest.statuslist import import_status_list
from skillgraph.model.ids import NodeType
from skillgraph.store import nodes
from skillgraph.verification import VerificationStatus, verifier_for

__all__ = [
    "BadgeMutation",
    "DocumentVerificationType",
    "ImportProblem",
    "OpenBadgeImport",
    "StatusListImportType",
]

_WORST = [VerificationStatus.FAILED, VerificationStatus.UNVERIFIED, VerificationStatus.VERIFIED]


@strawberry.type(description="Something in an imported document that needs attention.")
class ImportProblem:
    path: str = strawberry.field(description="JSONPath into the document, e.g. $[0].alignment[1].")
    message: str


@strawberry.type(
    name="DocumentVerification", description="The verification of one credential document."
)
class DocumentVerificationType:
    path: str = strawberry.field(description="JSONPath of the document, e.g. $ or $[2].")
    credential_uri: str = strawberry.field(description="The achievement it awards.")
    verification: VerificationType


@strawberry.type(description="What an Open Badges import wrote.")
class OpenBadgeImport:
    credentials: list[Credential] = strawberry.field(description="In document order.")
    providers: int
    teaches: int = strawberry.field(description="TEACHES links written (known skills only).")
    awards: int = strawberry.field(description="EARNED links written.")
    unknown_alignments: list[ImportProblem] = strawberry.field(
        description="Alignments whose targetUrl is no skill in the graph: not written."
    )
    verification: VerificationType | None = strawberry.field(
        description="The credential document's verification (null for bare Achievements); "
        "with several documents, the first with the worst status (see verifications)."
    )
    verifications: list[DocumentVerificationType] = strawberry.field(
        description="One per credential document, in document order; each award keeps its own."
    )


@strawberry.type(name="StatusListImport", description="What importing a status list did.")
class StatusListImportType:
    url: str = strawberry.field(description="The URL badges name the list by.")
    kind: str = strawberry.field(description="BITSTRING or REVOCATION_LIST.")
    verification: VerificationType = strawberry.field(description="The list's own verification.")
    awards: int = strawberry.field(description="Awards whose badge names this list, re-judged.")
    revoked: int = strawberry.field(description="Of those, how many the list revokes.")


def _worst(found: tuple[DocumentVerification, ...]) -> VerificationType | None:
    if not found:
        return None
    chosen = min(found, key=lambda f: _WORST.index(f.verification.status))
    return to_verification(chosen.verification)


@strawberry.type
class BadgeMutation:
    @strawberry.mutation(
        description="Import an Open Badges 3.0 Achievement, OpenBadgeCredential (VC 2.0 or "
        "1.1 shape) or a list of them, in one transaction. Achievements become credentials "
        "(by id), creator/issuer profiles providers, alignments to known skills TEACHES, and "
        "credential subjects EARNED links for the person with that uri or email. A credential "
        "may also be a VC-JWT (a string). Each credential's proof, issuer key, issuer, validity "
        "and status are checked (see verification) and kept on its award; a badge that FAILED "
        "is recorded but changes no existing provider or credential. Malformed documents and "
        "unknown earners are BAD_USER_INPUT with JSON paths; nothing is written."
    )
    async def import_open_badge(self, info: Info, document: JSON) -> OpenBadgeImport:
        perms = info.context.permissions
        perms.require_catalogue_write("importing Open Badges")
        allow_awards = perms.role is PrincipalRole.ADMIN
        result = await import_badges(
            info.context.db,
            document,
            allow_awards=allow_awards,
            verifier=verifier_for(info.context.settings),
        )
        found = await nodes.get_by_ids(info.context.db, NodeType.CREDENTIAL, result.credential_ids)
        return OpenBadgeImport(
            credentials=[Credential.from_record(found[i]) for i in result.credential_ids],
            providers=result.providers,
            teaches=result.teaches,
            awards=result.awards,
            unknown_alignments=[
                ImportProblem(path=p.path, message=p.message) for p in result.unknown_alignments
            ],
            verification=_worst(result.verifications),
            verifications=[
                DocumentVerificationType(
                    path=f.path,
                    credential_uri=f.credential_uri,
                    verification=to_verification(f.verification),
                )
                for f in result.verifications
            ],
        )

    @strawberry.mutation(
        description="Import an issuer's status list (a BitstringStatusListCredential, verified "
        "like a badge and signed by its issuer; or a 1EdTech revocation list, vouched for by "
        "the caller). Every award whose badge names it is judged again: one it revokes becomes "
        "REVOKED with the reason and when it was seen. ADMIN only. A list that does not verify "
        "is BAD_USER_INPUT and nothing is written."
    )
    async def import_status_list(
        self, info: Info, document: JSON, url: str | None = None
    ) -> StatusListImportType:
        info.context.permissions.require_admin("importing status lists")
        result = await import_status_list(
            info.context.db, document, verifier_for(info.context.settings), url=url
        )
        return StatusListImportType(
            url=result.url,
            kind=result.kind.value,
            verification=to_verification(result.verification),
            awards=result.awards,
            revoked=result.revoked,
        )
