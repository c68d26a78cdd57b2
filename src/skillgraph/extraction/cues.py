"""Suggested level and importance from the wording around a skill (heuristics).

Level words are read in the clause holding the evidence (up to the nearest comma, semicolon
or sentence end on each side) and only within six words before it or three after; "N years"
anywhere in that clause. Importance is read in the whole sentence (it ends at . ! ? ; or a
line break), else from the heading of the section ("Nice to have:", "Requirements:").

Level (1 awareness .. 5 expert), the highest cue wins:
- 5: "expert", "mastery", "7+ years" (or more);
- 4: "advanced", "deep", "extensive", "senior", "strong", "5-6 years";
- 3: "solid", "proficient", "proficiency", "good knowledge", "hands-on", "3-4 years";
- 2: "basic", "familiar", "familiarity", "exposure", "some experience", "1-2 years";
- 1: "awareness", "introduction", "beginner", "entry-level".
Importance:
- OPTIONAL: "nice to have", "a plus", "bonus", "preferred", "desirable", "ideally",
  "optional", "advantage", "not required", or a section headed by one of these;
- ESSENTIAL: "must", "required", "essential", "mandatory", "need", "necessary", or a section
  headed "requirements", "must have", "qualifications", "what you bring".
A sentence's own cue beats its section's. None means the text says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillgraph.model.enums import Importance

__all__ = ["Cue", "CueReader"]

_LEVEL_WORDS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (level, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for level, words in (
        (5, r"expert|experts|expertise|mastery|master of|guru"),
        (4, r"advanced|deep|extensive|senior|strong|in-depth|thorough"),
        (3, r"solid|proficient|proficiency|good (?:knowledge|understanding|command)|hands-on"),
        (2, r"basic|basics|familiar|familiarity|exposure|some experience|working knowledge"),
        (1, r"awareness|introduction|introductory|beginner|entry-level|junior"),
    )
)
_YEARS = re.compile(
    r"\b(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|to|\u2013)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(
    r"\b(?:nice to have|nice-to-have|a plus|an asset|bonus|preferred|preferably|desirable|"
    r"ideally|optional|advantage|advantageous|not required|would be great)\b",
    re.IGNORECASE,
)
_ESSENTIAL = re.compile(
    r"\b(?:must|required|requirement|requirements|essential|mandatory|need|needs|necessary|"
    r"at least)\b",
    re.IGNORECASE,
)
_ESSENTIAL_HEADING = re.compile(
    r"^\W*(?:requirements?|must[- ]haves?|required|qualifications|what you bring|"
    r"what we expect|your profile|essential)\b",
    re.IGNORECASE,
)
_OPTIONAL_HEADING = re.compile(
    r"^\W*(?:nice[- ]to[- ]haves?|bonus(?: points)?|preferred|desirable|pluses|"
    r"good to have|optional)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_CLAUSE_END = re.compile(r"[,;:.!?()]\s|\n|\s(?:but|while|whereas)\s")
_WORDS_BEFORE = 6
_WORDS_AFTER = 3


@dataclass(frozen=True, slots=True)
class Cue:
    level: int | None
    importance: Importance | None
    reasons: tuple[str, ...]


def _years_level(years: int) -> int:
    if years >= 7:
        return 5
    if years >= 5:
        return 4
    if years >= 3:
        return 3
    return 2


class CueReader:
    """Reads cues for spans of one text; sentence and section bounds are computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = [m.start() + 1 for m in _SENTENCE_END.finditer(text)]
        self._sections = self._headings(text)
        self._read: dict[tuple[int, int], Cue] = {}

    @staticmethod
    def _headings(text: str) -> list[tuple[int, Importance | None, str]]:
        """(offset, importance, heading) for each line that is a short heading."""
        out: list[tuple[int, Importance | None, str]] = []
        offset = 0
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if 0 < len(stripped) <= 40 and (stripped.endswith(":") or len(stripped) <= 25):
                if _OPTIONAL_HEADING.match(stripped):
                    out.append((offset, Importance.OPTIONAL, stripped))
                elif _ESSENTIAL_HEADING.match(stripped):
                    out.append((offset, Importance.ESSENTIAL, stripped))
                elif stripped.endswith(":"):
                    out.append((offset, None, stripped))
            offset += len(line)
        return out

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        left = 0
        for e in self._ends:
            if e <= start:
                left = e
            elif e >= end:
                return left, e
        return left, len(self.text)

    def read(self, start: int, end: int) -> Cue:
        """The cues around ``text[start:end]`` (read once per span)."""
        key = (start, end)
        if key not in self._read:
            self._read[key] = self._cue(start, end)
        return self._read[key]

    def _cue(self, start: int, end: int) -> Cue:
        left, right = self.sentence(start, end)
        sentence = self.text[left:right]
        clause = self._clause(left, right, start, end)
        near = self._near(clause, start, end)
        reasons: list[str] = []
        level: int | None = None
        for value, pattern in _LEVEL_WORDS:
            m = pattern.search(near)
            if m is not None and (level is None or value > level):
                level = value
                reasons.append(f'"{m.group()}"')
        for m in _YEARS.finditer(self.text, *clause):
            value = _years_level(int(m.group(1)))
            reasons.append(f'"{m.group().strip()}"')
            if level is None or value > level:
                level = value
        importance: Importance | None = None
        optional = _OPTIONAL.search(sentence)
        essential = _ESSENTIAL.search(sentence)
        if optional is not None:
            importance = Importance.OPTIONAL
            reasons.append(f'"{optional.group()}"')
        elif essential is not None:
            importance = Importance.ESSENTIAL
            reasons.append(f'"{essential.group()}"')
        else:
            heading = self._section(start)
            if heading is not None and heading[1] is not None:
                importance = heading[1]
                reasons.append(f'section "{heading[2]}"')
        return Cue(level, importance, tuple(reasons))

    def _clause(self, left: int, right: int, start: int, end: int) -> tuple[int, int]:
        a, b = left, right
        for m in _CLAUSE_END.finditer(self.text, left, right):
            if m.end() <= start:
                a = m.end()
            elif m.start() >= end:
                b = m.start()
                break
        return a, b

    def _near(self, clause: tuple[int, int], start: int, end: int) -> str:
        before = self.text[clause[0] : start].split()[-_WORDS_BEFORE:]
        after = self.text[end : clause[1]].split()[:_WORDS_AFTER]
        return " ".join([*before, self.text[start:end], *after])

    def _section(self, offset: int) -> tuple[int, Importance | None, str] | None:
        current = None
        for heading in self._sections:
            if heading[0] > offset:
                break
            current = heading
        return current
