"""English words, from the embedding model's WordPiece vocabulary (BERT uncased), which is
ordered by frequency: what the lexicon calls a common word, and what the screening counts
as English."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["english_rank"]

_FIRST_WORD_ID = 1996  # "the": ids below are special tokens and single characters


@cache
def _ranks() -> dict[str, int]:
    vocab = (resources.files("skillgraph") / "data" / "minilm" / "vocab.txt").read_text("utf-8")
    words = vocab.splitlines()
    return {w: i for i, w in enumerate(words) if i >= _FIRST_WORD_ID and w.isalpha()}


def english_rank(folded: str) -> int | None:
    """The frequency rank of a whole English word (lower case, no accents: ``text.fold``);
    None for a word the vocabulary does not hold whole."""
    return _ranks().get(folded)
