"""The passages the semantic stage embeds: sentences and list items, cut at commas and
semicolons when long, so one passage is about one thing.

A passage the lexical stage has already read is not embedded again: ``uncovered`` drops the
passages that hold a confident lexical match and fewer than MIN_UNCOVERED other words that
are not filler (stop words such as "the", "with", "you"); other passages are all kept.
"Python, SQL, Kafka", "Java (5+ years)" and "You know Python" are skipped; "You build web
services in Python" is embedded. This saves model time where the labels already said
everything, and keeps passages whose other words may name a skill the labels missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from skillgraph.extraction.lexicon import STOP_WORDS
from skillgraph.extraction.text import tokenize

__all__ = [
    "HEADING_WORDS",
    "MAX_WORDS",
    "MIN_UNCOVERED",
    "SECTION_WORDS",
    "Segment",
    "segments",
    "uncovered",
]

# Passages longer than this (in words) are cut at commas, semicolons, "and"/"or" (pieces of
# fewer than MIN_PIECE_WORDS words join their neighbour: "theft" alone says little); pieces
# still longer are cut into windows of this many words.
MAX_WORDS = 16
MIN_PIECE_WORDS = 3
HEADING_WORDS = 4
_BOUNDARY = re.compile(r"[.!?]+(?=\s|$)|[\n\r•·●▪■►|]+|(?:^|\s)[-*\u2013]\s")
_SOFT = re.compile(r"[,;:()]|\s(?:and|or|as well as|including|such as|e\.g\.)\s")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_UNCOVERED = 3
_FILLER_WORDS = """about above after again against all also am any because before below between
both but each etc few further here how if into just more most once only over own per same some
such then there through under until up via what when where which while who whom why within
across were was having doing out off down e g i"""
_FILLER = STOP_WORDS | frozenset(_FILLER_WORDS.split())
# A passage made only of these words (and stop words) is a section heading or a phrase of
# the posting's frame ("About the role", "What you will do", "Nice to have", "Your
# profile"): it names no skill, and embedded it would only find skills about requirements
# or roles.
_SECTION_WORDS = """about role job position company team what who why how bring offer need
needs look looking expect ideal candidate tasks task duties responsibilities responsibility
requirements requirement required qualifications qualification profile experience must nice
plus bonus benefits perks join apply description key main essential desirable preferred
additional day get where want like"""
SECTION_WORDS = frozenset(_SECTION_WORDS.split())
_FRAME = STOP_WORDS | SECTION_WORDS


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str


def _pieces(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    left = start
    for m in pattern.finditer(text, start, end):
        out.append((left, m.start()))
        left = m.end()
    out.append((left, end))
    return out


def _merged(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent pieces joined until each has MIN_PIECE_WORDS words (a short last piece joins
    the one before)."""
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    words = 0
    for a, b in parts:
        current = (a, b) if current is None else (current[0], b)
        words += len(_WORD.findall(text, a, b))
        if words >= MIN_PIECE_WORDS:
            out.append(current)
            current, words = None, 0
    if current is not None:
        out[-1:] = [(out[-1][0], current[1])] if out else [current]
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "+#"):
        end -= 1
    return start, end


def segments(text: str) -> list[Segment]:
    """Passages in text order, each with at least two letters and at most MAX_WORDS words;
    together they cover every word of ``text`` but section headings: a line of at most
    HEADING_WORDS words ending in a colon ("Requirements:", "Your tasks:"), or a line or
    sentence made only of SECTION_WORDS and stop words ("About the role", "What you will
    do"). The cue reader uses headings; the model would only find skills about
    requirements."""
    out: list[Segment] = []
    for start, end in _pieces(text, _BOUNDARY, 0, len(text)):
        words = _WORD.findall(text, start, end)
        if len(words) <= HEADING_WORDS and text[start:end].rstrip().endswith(":"):
            continue
        if all(w.casefold() in _FRAME for w in words):
            continue
        parts = (
            [(start, end)]
            if len(words) <= MAX_WORDS
            else _merged(text, _pieces(text, _SOFT, start, end))
        )
        for a, b in parts:
            a, b = _trim(text, a, b)
            found = list(_WORD.finditer(text, a, b))
            if not found or sum(len(w.group()) for w in found) < 2:
                continue
            for i in range(0, len(found), MAX_WORDS):
                window = found[i : i + MAX_WORDS]
                left, right = window[0].start(), window[-1].end()
                if right < b and text[right] in "+#":
                    right = _trim(text, left, b)[1] if i + MAX_WORDS >= len(found) else right
                out.append(Segment(left, right, text[left:right]))
    return out


def uncovered(
    passages: Sequence[Segment], text: str, matched: Iterable[tuple[int, int]]
) -> list[Segment]:
    """The passages without a ``matched`` span (start, end offsets in ``text``), or with at
    least MIN_UNCOVERED words outside them that are not filler; in order."""
    covered = bytearray(len(text))
    for start, end in matched:
        covered[start:end] = b"\x01" * (end - start)
    kept = []
    for passage in passages:
        if not any(covered[passage.start : passage.end]):
            kept.append(passage)
            continue
        words = sum(
            1
            for t in tokenize(passage.text)
            if t.folded not in _FILLER and not covered[passage.start + t.start]
        )
        if words >= MIN_UNCOVERED:
            kept.append(passage)
    return kept
