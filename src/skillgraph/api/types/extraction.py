"""extractSkills: ESCO skills found in a text, with evidence; and the options the writing
mutations (upsertRole, upsertCredential, addPersonSkillsFromText) share."""

from __future__ import annotations

from typing import Annotated

import strawberry

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.api.context import Info
from skillgraph.api.enums import Importance, SkillType
from skillgraph.api.types.skill import Skill
from skillgraph.errors import BadUserInput
from skillgraph.extraction import model
from skillgraph.model import enums
from skillgraph.model.ids import NodeType
from skillgraph.store import nodes

__all__ = [
    "ExtractOptionsInput",
    "ExtractedSkill",
    "ExtractionQuery",
    "SkillExtraction",
    "extract",
    "extraction_payload",
    "options_from",
]

EvidenceKind = strawberry.enum(
    model.EvidenceKind,
    name="TextEvidenceKind",
    description="How a span of the text supports a skill.",
)
ExtractionStageName = strawberry.enum(
    model.StageName,
    name="ExtractionStageName",
    description="LEXICAL: label matching; SEMANTIC: the sentence-embedding model.",
)


@strawberry.input(description="What extractSkills returns. Defaults suit a job posting.")
class ExtractOptionsInput:
    first: int = strawberry.field(default=10, description="At most this many skills (1..100).")
    min_confidence: float = strawberry.field(
        default=0.5, description="Only skills with at least this confidence (0..1)."
    )
    types: list[SkillType] | None = strawberry.field(
        default=None, description="Only these skill types (default: both)."
    )
    broader: bool = strawberry.field(
        default=False,
        description="Also return the broader concepts of the skills found (confidence x 0.8).",
    )
    narrower: bool = strawberry.field(
        default=False,
        description="Also return the narrower concepts of the skills found (confidence x 0.6).",
    )
    semantic: bool = strawberry.field(
        default=True, description="Run the semantic stage when the model is installed."
    )


@strawberry.type(description="A span of the text that supports an extracted skill.")
class TextEvidence:
    kind: EvidenceKind  # type: ignore[valid-type]
    start: int = strawberry.field(description="Offset of the span's first character (code points).")
    end: int = strawberry.field(description="Offset just after the span (code points).")
    text: str = strawberry.field(description="The span itself: text[start:end].")
    score: float = strawberry.field(description="This piece's own confidence, 0..1.")
    label: str | None = strawberry.field(description="The skill label matched (lexical kinds).")
    via_skill_id: strawberry.ID | None = strawberry.field(
        description="BROADER/NARROWER: the skill found in the text."
    )


@strawberry.type(description="A skill found in the text.")
class ExtractedSkill:
    skill: Skill
    confidence: float = strawberry.field(description="0..1; see the README for how it combines.")
    evidence: list[TextEvidence] = strawberry.field(description="Best first.")
    suggested_level: int | None = strawberry.field(
        description="1..5 from wording such as 'expert in' or '5+ years'; null if none."
    )
    suggested_importance: Importance | None = strawberry.field(
        description="From wording such as 'nice to have' or 'must'; null if none."
    )
    cues: list[str] = strawberry.field(description="The words the suggestions come from.")


@strawberry.type(description="Whether a stage ran, and why not.")
class ExtractionStage:
    stage: ExtractionStageName  # type: ignore[valid-type]
    ran: bool
    reason: str | None
    millis: float = strawberry.field(description="Time the stage took.")


@strawberry.type(description="Skills found in a text, best first, and how they were found.")
class SkillExtraction:
    skills: list[ExtractedSkill]
    stages: list[ExtractionStage]
    notes: list[str] = strawberry.field(
        description="Why the answer is empty or partial (language, stages skipped)."
    )
    characters: int = strawberry.field(description="Length of the text read.")


def options_from(value: ExtractOptionsInput | None, field: str) -> model.ExtractOptions:
    """Validated options; BAD_USER_INPUT names the offending field."""
    if value is None:
        return model.ExtractOptions()
    if not 1 <= value.first <= 100:
        raise BadUserInput("first must be between 1 and 100", field=f"{field}.first")
    if not 0.0 <= value.min_confidence <= 1.0:
        raise BadUserInput("minConfidence must be between 0 and 1", field=f"{field}.minConfidence")
    if value.types is not None and not value.types:
        raise BadUserInput(
            "types must name at least one type, or be omitted", field=f"{field}.types"
        )
    if value.types is not None and len(value.types) > len(enums.SkillType):
        raise BadUserInput(
            f"types names each of the {len(enums.SkillType)} skill types at most once",
            field=f"{field}.types",
        )
    types = (
        frozenset(enums.SkillType(t.value) for t in value.types)
        if value.types
        else frozenset(enums.SkillType)
    )
    return model.ExtractOptions(
        first=value.first,
        min_confidence=value.min_confidence,
        types=types,
        broader=value.broader,
        narrower=value.narrower,
        semantic=value.semantic,
    )


def extractor(info: Info) -> SkillExtractor:
    found: SkillExtractor = info.context.request.app.state.extractor
    return found


async def extract(
    info: Info, text: str, options: model.ExtractOptions, field: str = "text"
) -> model.Extraction:
    return await extractor(info).extract(info.context.db, text, options, field=field)


async def extraction_payload(info: Info, result: model.Extraction) -> SkillExtraction:
    """The GraphQL shape; one round trip for all the skill nodes."""
    records = await nodes.get_by_ids(
        info.context.db, NodeType.SKILL, [f.skill_id for f in result.found]
    )
    return SkillExtraction(
        skills=[
            ExtractedSkill(
                skill=Skill.from_record(records[f.skill_id]),
                confidence=f.confidence,
                evidence=[
                    TextEvidence(
                        kind=e.kind,
                        start=e.start,
                        end=e.end,
                        text=e.text,
                        score=e.score,
                        label=e.label,
                        via_skill_id=strawberry.ID(e.via) if e.via else None,
                    )
                    for e in f.evidence
                ],
                suggested_level=f.level,
                suggested_importance=f.importance,
                cues=list(f.cues),
            )
            for f in result.found
            if f.skill_id in records  # a skill deleted meanwhile is left out
        ],
        stages=[
            ExtractionStage(stage=s.name, ran=s.ran, reason=s.reason, millis=s.millis)
            for s in result.stages
        ],
        notes=list(result.notes),
        characters=result.characters,
    )


@strawberry.type
class ExtractionQuery:
    @strawberry.field(
        description="ESCO skills found in a text (a posting, a course page, a CV), best first, "
        "each with its evidence and a suggested level and importance. Text longer than the "
        "configured maximum (20,000 characters by default) is BAD_USER_INPUT."
    )
    async def extract_skills(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="Plain text, English.")],
        options: ExtractOptionsInput | None = None,
    ) -> SkillExtraction:
        result = await extract(info, text, options_from(options, "options"))
        return await extraction_payload(info, result)
