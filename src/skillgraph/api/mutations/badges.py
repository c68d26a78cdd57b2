"""Open Badges 3.0 import as a mutation."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from skillgraph.api.context import Info
from skillgraph.api.principal import PrincipalRole
from skillgraph.api.types.credential import Credential
from skillgraph.ingest.openbadges import import_badges
from skillgraph.model.ids import NodeType
from skillgraph.store import nodes

__all__ = ["BadgeMutation", "ImportProblem", "OpenBadgeImport"]


@strawberry.type(description="Something in an imported document that needs attention.")
class ImportProblem:
    path: str = strawberry.field(description="JSONPath into the document, e.g. $[0].alignment[1].")
    message: str


@strawberry.type(description="What an Open Badges import wrote.")
class OpenBadgeImport:
    credentials: list[Credential] = strawberry.field(description="In document order.")
    providers: int
    teaches: int = strawberry.field(description="TEACHES links written (known skills only).")
    awards: int = strawberry.field(description="EARNED links written.")
    unknown_alignments: list[ImportProblem] = strawberry.field(
        description="Alignments whose targetUrl is no skill in the graph: not written."
    )


@strawberry.type
class BadgeMutation:
    @strawberry.mutation(
        description="Import an Open Badges 3.0 Achievement, OpenBadgeCredential (VC 2.0 or "
        "1.1 shape) or a list of them, in one transaction. Achievements become credentials "
        "(by id), creator/issuer profiles providers, alignments to known skills TEACHES, and "
        "credential subjects EARNED links for the person with that uri or email. Malformed "
        "documents and unknown earners are BAD_USER_INPUT with JSON paths; nothing is written."
    )
    async def import_open_badge(self, info: Info, document: JSON) -> OpenBadgeImport:
        perms = info.context.permissions
        perms.require_catalogue_write("importing Open Badges")
        allow_awards = perms.role is PrincipalRole.ADMIN
        result = await import_badges(info.context.db, document, allow_awards=allow_awards)
        found = await nodes.get_by_ids(info.context.db, NodeType.CREDENTIAL, result.credential_ids)
        return OpenBadgeImport(
            credentials=[Credential.from_record(found[i]) for i in result.credential_ids],
            providers=result.providers,
            teaches=result.teaches,
            awards=result.awards,
            unknown_alignments=[
                ImportProblem(path=p.path, message=p.message) for p in result.unknown_alignments
            ],
        )
