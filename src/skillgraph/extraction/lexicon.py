"""The lexical stage: every preferred and alternative label of every skill, in one
Aho-Corasick automaton over stemmed tokens.

Rules (all unit-tested):
- a label matches a run of whole tokens; case, accents and punctuation are ignored, and stems
  let plurals and verb forms meet (that match is FUZZY, the literal one EXACT_LABEL or
  ALT_LABEL);
- a one-token label that is also a common English word ("Swift", "Chef", "LESS") or has at
  most two characters ("R", "ML") is a name only when written with the label's capitals (or
  in capitals): "chef" and "less" are not skills, "Chef" and "LESS" are;
- labels made only of stop words ("use", "ICT skills" is kept) never match, and stop-phrases
  of postings ("nice to have", "years of experience", ...) are never part of a match;
- a match inside a longer match of another skill is dropped ("learning" inside "machine
  learning").

The lexicon also knows how specific each label is: how many of the catalogue's skill
descriptions mention it (``mentions``), from which ``scoring.specificity`` discounts labels
the whole domain uses ("ICT", "computer", "database").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from skillgraph.extraction.model import EvidenceKind
from skillgraph.extraction.scoring import specificity
from skillgraph.extraction.text import Token, tokenize
from skillgraph.extraction.vocabulary import english_rank
from skillgraph.model.enums import SkillType

__all__ = ["STOP_PHRASES", "LexicalMatch", "Lexicon", "SkillLabels"]

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "you",
        "your",
        "our",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "i",
        "me",
        "my",
        "us",
        "them",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "not",
        "no",
        "nor",
        "so",
        "than",
        "too",
        "very",
        "use",
        "using",
        "used",
        "work",
        "working",
        "skill",
        "skills",
        "knowledge",
        "ability",
        "able",
        "good",
        "strong",
        "new",
        "other",
    ]
)
STOP_PHRASES: tuple[str, ...] = (
    "nice to have",
    "years of experience",
    "year of experience",
    "equal opportunity",
    "team player",
    "we are looking for",
    "job description",
    "apply now",
    "competitive salary",
    "work experience",
    "hands on",
    "would be a plus",
)
# Words at least this frequent in English (rank in the BERT uncased vocabulary, which is
# ordered by frequency) are names only when capitalised as in the label.
_COMMON_RANK = 15_000


@dataclass(frozen=True, slots=True)
class SkillLabels:
    skill_id: str
    name: str
    alt_labels: tuple[str, ...]
    type: SkillType
    description: str | None = None


@dataclass(frozen=True, slots=True)
class LexicalMatch:
    skill_id: str
    kind: EvidenceKind
    label: str
    start: int
    end: int
    first_token: int
    last_token: int


@dataclass(frozen=True, slots=True)
class _Entry:
    skill_id: str
    preferred: bool
    label: str
    folded: tuple[str, ...]
    case_sensitive: bool


def _is_common(word: str) -> bool:
    rank = english_rank(word)
    return rank is not None and rank < _COMMON_RANK


def _case_sensitive(label: str, tokens: Sequence[Token]) -> bool:
    if len(tokens) != 1:
        return False
    word = tokens[0]
    if word.surface == word.folded:  # written in lower case in ESCO: a common noun
        return False
    return len(word.folded) <= 2 or _is_common(word.folded)


def _same_case(surface: str, label: str) -> bool:
    return surface == label or (surface.isupper() and len(surface) > 1) or surface == label.upper()


def _key(stems: Iterable[str]) -> str:
    return " " + " ".join(stems) + " "


class Lexicon:
    """An immutable automaton over labels; build once per catalogue version."""

    def __init__(self, entries: dict[str, list[_Entry]], types: dict[str, SkillType]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, found in entries.items():
            self._automaton.add_word(key, tuple(found))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries
        self.types = types
        self.labels = sum(len(v) for v in entries.values())
        self.mentions: dict[str, int] = {}
        self.described = 0

    @classmethod
    def build(cls, skills: Iterable[SkillLabels]) -> Lexicon:
        """The automaton over every label, then the mentions of each label in the skills'
        descriptions (each description counts once per label)."""
        skills = list(skills)
        entries: dict[str, list[_Entry]] = {}
        types: dict[str, SkillType] = {}
        for skill in skills:
            types[skill.skill_id] = skill.type
            seen: set[tuple[str, ...]] = set()
            for preferred, label in [(True, skill.name)] + [(False, a) for a in skill.alt_labels]:
                tokens = tokenize(label)
                folded = tuple(t.folded for t in tokens)
                if not tokens or folded in seen or all(f in STOP_WORDS for f in folded):
                    continue
                seen.add(folded)
                entry = _Entry(
                    skill.skill_id, preferred, label, folded, _case_sensitive(label, tokens)
                )
                entries.setdefault(_key(t.stem for t in tokens), []).append(entry)
        lexicon = cls(entries, types)
        for skill in skills:
            if skill.description and skill.description.strip():
                lexicon.described += 1
                for label in {m.label.casefold() for m in lexicon.find(skill.description)}:
                    lexicon.mentions[label] = lexicon.mentions.get(label, 0) + 1
        return lexicon

    def specificity(self, label: str) -> float:
        """``scoring.specificity`` of a label, from the descriptions it is mentioned in."""
        return specificity(self.mentions.get(label.casefold(), 0), self.described)

    @cached_property
    def _stop_keys(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(t.stem for t in tokenize(p)) for p in STOP_PHRASES)

    def find(self, text: str, tokens: Sequence[Token] | None = None) -> list[LexicalMatch]:
        """Matches in text order (then longest first); see the module rules."""
        tokens = tokenize(text) if tokens is None else tokens
        if self._empty or not tokens:
            return []
        masked = self._masked(tokens)
        haystack = _key(t.stem for t in tokens)
        # The space after token i sits at ends[i]; map it back to the token index.
        token_at_end: dict[int, int] = {}
        position = 0
        for i, token in enumerate(tokens):
            position += 1 + len(token.stem)
            token_at_end[position] = i
        matches: list[LexicalMatch] = []
        for end_index, found in self._automaton.iter(haystack):
            last = token_at_end[end_index]
            for entry in found:
                first = last - len(entry.folded) + 1
                if any(masked[first : last + 1]):
                    continue
                span = tokens[first : last + 1]
                if entry.case_sensitive and not _same_case(span[0].surface, entry.label):
                    continue
                literal = tuple(t.folded for t in span) == entry.folded
                kind = (
                    EvidenceKind.FUZZY
                    if not literal
                    else EvidenceKind.EXACT_LABEL
                    if entry.preferred
                    else EvidenceKind.ALT_LABEL
                )
                matches.append(
                    LexicalMatch(
                        entry.skill_id,
                        kind,
                        entry.label,
                        span[0].start,
                        span[-1].end,
                        first,
                        last,
                    )
                )
        return _outermost(matches)

    def _masked(self, tokens: Sequence[Token]) -> list[bool]:
        masked = [False] * len(tokens)
        stems = [t.stem for t in tokens]
        for phrase in self._stop_keys:
            n = len(phrase)
            for i in range(len(stems) - n + 1):
                if tuple(stems[i : i + n]) == phrase:
                    masked[i : i + n] = [True] * n
        return masked


_RANK = {EvidenceKind.EXACT_LABEL: 0, EvidenceKind.ALT_LABEL: 1, EvidenceKind.FUZZY: 2}


def _outermost(matches: list[LexicalMatch]) -> list[LexicalMatch]:
    """Drop matches strictly inside a longer match of another skill; keep one match per
    (skill, span), the most literal."""
    best: dict[tuple[str, int, int], LexicalMatch] = {}
    for m in matches:
        key = (m.skill_id, m.first_token, m.last_token)
        if key not in best or _RANK[m.kind] < _RANK[best[key].kind]:
            best[key] = m
    by_first: dict[int, list[tuple[int, str]]] = {}
    longest = 0
    for skill_id, first, last in best:
        by_first.setdefault(first, []).append((last, skill_id))
        longest = max(longest, last - first)

    def inside_another(m: LexicalMatch) -> bool:
        for first in range(max(0, m.first_token - longest), m.first_token + 1):
            for last, skill_id in by_first.get(first, ()):
                longer = (last - first) > (m.last_token - m.first_token)
                if longer and last >= m.last_token and skill_id != m.skill_id:
                    return True
        return False

    kept = [m for m in best.values() if not inside_another(m)]
    return sorted(kept, key=lambda m: (m.first_token, -m.last_token, _RANK[m.kind], m.skill_id))
