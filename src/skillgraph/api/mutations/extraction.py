"""Writing skills read from a person's CV."""

from __future__ import annotations

from typing import Annotated

import strawberry

from skillgraph.analysis.extraction import to_extracted
from skillgraph.api.context import Info
from skillgraph.api.types.extraction import ExtractOptionsInput, extract, options_from
from skillgraph.api.types.person import Person
from skillgraph.errors import BadUserInput, NotFound
from skillgraph.model.ids import NodeType
from skillgraph.store import extraction as store
from skillgraph.store import nodes

__all__ = ["REVIEWED", "ExtractionMutation"]

# Properties a person's own write sets on a link: it is no longer an extracted proposal.
REVIEWED: dict[str, None] = {"extracted": None, "confidence": None, "evidence": None}


@strawberry.type
class ExtractionMutation:
    @strawberry.mutation(
        description="Read skills from a person's CV text and add them to the person's skills, "
        "each marked extracted with its confidence (level: the suggested one, else 1). Only "
        "the person themself or an ADMIN may; skills the person already declared are kept as "
        "they are. Preview with extractSkills, then pass the skills to keep in skillIds."
    )
    async def add_person_skills_from_text(
        self,
        info: Info,
        person_id: strawberry.ID,
        text: str,
        options: ExtractOptionsInput | None = None,
        skill_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="Only these of the skills found (e.g. those the person accepted)."
            ),
        ] = None,
    ) -> Person:
        info.context.permissions.require_person_write(person_id)
        found = await nodes.get_by_ids(info.context.db, NodeType.PERSON, [person_id])
        if person_id not in found:
            raise NotFound(f"no Person with id {person_id!r}")
        if skill_ids is not None and len(skill_ids) > info.context.settings.max_list_items:
            raise BadUserInput(
                f"skillIds has more than {info.context.settings.max_list_items} items",
                field="skillIds",
            )
        result = await extract(info, text, options_from(options, "options"))
        rows = to_extracted(result)
        if skill_ids is not None:
            keep = set(skill_ids)
            rows = [r for r in rows if r.skill_id in keep]
        await store.write_person_skills(info.context.db, person_id, rows)
        fresh = await nodes.get_by_ids(info.context.db, NodeType.PERSON, [person_id])
        return Person.from_record(fresh[person_id])
