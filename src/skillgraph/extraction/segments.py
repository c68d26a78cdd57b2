"""The passages the semantic stage embeds: sentences and list items, cut at commas and
semicolons when long, so one passage is about one thing."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MAX_WORDS", "Segment", "segments"]

# Passages longer than this (in words) are cut at commas, semicolons, "and"/"or"; pieces
# still longer are cut into windows of this many words.
MAX_WORDS = 16
_BOUNDARY = re.compile(r"[.!?]+(?=\s|$)|[\n\r•·●▪■►|]+|(?:^|\s)[-*\u2013]\s")
_SOFT = re.compile(r"[,;:()]|\s(?:and|or|as well as|including|such as|e\.g\.)\s")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "+#"):
        end -= 1
    return start, end


def segments(text: str) -> list[Segment]:
    """Passages in text order, each with at least two letters and at most MAX_WORDS words;
    together they cover every word of ``text``."""
    out: list[Segment] = []
    for start, end in _pieces(text, _BOUNDARY, 0, len(text)):
        words = _WORD.findall(text, start, end)
        parts = [(start, end)] if len(words) <= MAX_WORDS else _pieces(text, _SOFT, start, end)
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
