"""How the stages' scores become one confidence in [0, 1].

- Lexical evidence scores by kind: EXACT_LABEL 1.0, ALT_LABEL 0.95, FUZZY 0.8. A label
  shared by several skills (ESCO has a few) is split between them: each gets the score
  times 1/sqrt(skills sharing it), except the skill whose preferred label it is, which
  keeps it whole ("SQL" names *SQL*; *database management systems* has it as an
  alternative label). The score is then multiplied by the label's
  specificity: a label that many skill descriptions of the catalogue mention ("ICT",
  "computer", "database") is weak evidence of the one skill that has it as a label. With N
  described skills and df of them mentioning the label, specificity is
  log(N / (1 + df)) / log(N), clamped to [0, 1]: 1.0 for a label no description uses, about
  0.7 for "Java" (8 of 1,089 ESCO ICT descriptions), 0.4 for "ICT" (65). Catalogues with
  fewer than SPECIFICITY_MIN_DESCRIBED described skills count every label fully.
- Semantic evidence scores by cosine similarity s between a passage and the skill's
  embedding: 0 at or below SEMANTIC_FLOOR, rising linearly to SEMANTIC_CEILING at
  SEMANTIC_FULL and above. A skill keeps its best passage.
- A skill's confidence is the noisy-OR of its best lexical and best semantic score:
  1 - (1 - lexical) * (1 - semantic). Either stage alone can carry a skill; both together
  raise it.
- Broader/narrower concepts (when asked for) get the found skill's confidence times
  BROADER_FACTOR or NARROWER_FACTOR.
"""

from __future__ import annotations

import math

from skillgraph.extraction.model import EvidenceKind

__all__ = [
    "BROADER_FACTOR",
    "LEXICAL_SCORES",
    "NARROWER_FACTOR",
    "SEMANTIC_CEILING",
    "SEMANTIC_FLOOR",
    "SEMANTIC_FULL",
    "SPECIFICITY_MIN_DESCRIBED",
    "combine",
    "lexical_score",
    "semantic_score",
    "specificity",
]

LEXICAL_SCORES = {
    EvidenceKind.EXACT_LABEL: 1.0,
    EvidenceKind.ALT_LABEL: 0.95,
    EvidenceKind.FUZZY: 0.8,
}
SEMANTIC_FLOOR = 0.45
SEMANTIC_FULL = 0.80
SEMANTIC_CEILING = 0.9
BROADER_FACTOR = 0.8
NARROWER_FACTOR = 0.6
SPECIFICITY_MIN_DESCRIBED = 100


def specificity(mentions: int, described: int) -> float:
    """How much a label says about its skill, in [0, 1] (see the module doc): ``mentions``
    of ``described`` skill descriptions use it."""
    if described < SPECIFICITY_MIN_DESCRIBED:
        return 1.0
    value = math.log(described / (1 + max(0, mentions))) / math.log(described)
    return min(1.0, max(0.0, value))


def lexical_score(kind: EvidenceKind, sharing: int = 1, specific: float = 1.0) -> float:
    """The score of one lexical match; ``specific`` is the label's ``specificity``."""
    return round(LEXICAL_SCORES[kind] / math.sqrt(max(1, sharing)) * specific, 6)


def semantic_score(cosine: float) -> float:
    if cosine <= SEMANTIC_FLOOR:
        return 0.0
    ramp = (cosine - SEMANTIC_FLOOR) / (SEMANTIC_FULL - SEMANTIC_FLOOR)
    return round(SEMANTIC_CEILING * min(1.0, ramp), 6)


def combine(lexical: float, semantic: float) -> float:
    """Noisy-OR of two scores in [0, 1]; symmetric, monotone, never below either."""
    return round(1.0 - (1.0 - lexical) * (1.0 - semantic), 6)
