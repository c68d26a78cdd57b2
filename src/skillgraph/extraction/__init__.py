"""From free text (a posting, a course page, a CV) to ESCO skills, with evidence.

Pure parts: ``text`` (tokens and spans), ``lexicon`` (label automaton), ``cues`` (level and
importance heuristics), ``segments`` (what the semantic stage embeds), ``scoring`` (how the
stages combine) and ``screening`` (what text is accepted). ``embedder`` runs the optional
sentence-embedding model.
"""

from skillgraph.extraction.model import (
    EvidenceKind,
    Extraction,
    ExtractOptions,
    Found,
    SkillEvidence,
    Stage,
    StageName,
)

__all__ = [
    "EvidenceKind",
    "ExtractOptions",
    "Extraction",
    "Found",
    "SkillEvidence",
    "Stage",
    "StageName",
]
