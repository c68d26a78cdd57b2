"""Tokens of a text with their character spans, normalised for label matching.

Both labels and texts go through the same functions, so a label matches a text exactly when
their token sequences agree: case, accents, punctuation and hyphenation never matter
("Node.js" = "node js", "e-learning" = "E learning"). Stems (Snowball English) make plurals
and verb forms meet ("managing databases" ~ "manage database").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = ["Token", "fold", "stem", "tokenize"]

# Letters and digits, with trailing + or # kept (C++, C#, F#).
_TOKEN = re.compile(r"[^\W_]+[+#]*")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    surface: str
    folded: str
    stem: str


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case-folded, compatibility-normalised, without accents: ``Café`` -> ``cafe``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(folded: str) -> str:
    if not folded.isalpha():
        return folded
    result: str = _STEMMER.stemWord(folded)
    return result


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` in order; ``text[t.start:t.end] == t.surface``."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        folded = fold(m.group())
        out.append(Token(m.start(), m.end(), m.group(), folded, stem(folded)))
    return out
