"""What an extraction returns: skills found in a text, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from skillgraph.model.enums import Importance, SkillType

__all__ = [
    "EvidenceKind",
    "ExtractOptions",
    "Extraction",
    "Found",
    "SkillEvidence",
    "Stage",
    "StageName",
]


class EvidenceKind(StrEnum):
    EXACT_LABEL = "EXACT_LABEL"
    """The text spells the skill's preferred label (case, accents and punctuation aside)."""
    ALT_LABEL = "ALT_LABEL"
    """The text spells one of the skill's alternative labels."""
    FUZZY = "FUZZY"
    """A label matches after stemming (plurals, verb forms)."""
    SEMANTIC = "SEMANTIC"
    """A passage of the text is close in meaning to the skill (embedding similarity)."""
    BROADER = "BROADER"
    """The skill is broader than a skill found in the text (``ExtractOptions.broader``)."""
    NARROWER = "NARROWER"
    """The skill is narrower than a skill found in the text (``ExtractOptions.narrower``)."""


class StageName(StrEnum):
    LEXICAL = "LEXICAL"
    SEMANTIC = "SEMANTIC"


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """A span ``text[start:end]`` (Unicode code points) supporting a skill.

    ``score`` is this piece's own confidence in [0, 1]; ``label`` is the label matched (lexical
    kinds) and ``via`` the skill found in the text (BROADER/NARROWER).
    """

    kind: EvidenceKind
    start: int
    end: int
    text: str
    score: float
    label: str | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """One skill found; ``confidence`` in [0, 1]; evidence best first.

    ``level`` (1..5) and ``importance`` are suggestions from wording near the evidence
    (see ``cues``), None when the text says nothing.
    """

    skill_id: str
    confidence: float
    evidence: tuple[SkillEvidence, ...]
    level: int | None = None
    importance: Importance | None = None
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """``lexical: False`` runs the semantic stage alone (on every passage): the benchmark's
    semantic-only baseline; the API always runs the lexical stage."""

    first: int = 10
    min_confidence: float = 0.5
    types: frozenset[SkillType] = frozenset(SkillType)
    broader: bool = False
    narrower: bool = False
    semantic: bool = True
    lexical: bool = True


@dataclass(frozen=True, slots=True)
class Stage:
    name: StageName
    ran: bool
    reason: str | None = None
    millis: float = 0.0


@dataclass(frozen=True, slots=True)
class Extraction:
    """Skills best first (by confidence, then earliest evidence); ``notes`` explain an empty
    or partial answer (language, stages skipped)."""

    found: tuple[Found, ...]
    stages: tuple[Stage, ...]
    notes: tuple[str, ...] = field(default=())
    characters: int = 0
