"""Safe full-text queries from any user text."""

from __future__ import annotations

import re

__all__ = ["MAX_TEXT", "fulltext_query"]

MAX_TEXT = 200
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_BOOLEAN_WORDS = {"AND", "OR", "NOT", "TO"}
# A letter or digit: words without one (``&``, ``//``, ``'``) are not indexed, so they are
# dropped instead of requiring a term no document has.
_SEARCHABLE = re.compile(r"[^\W_]")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def fulltext_query(text: str) -> str | None:
    """A Lucene query matching every word of ``text``, the last one also as a prefix
    (type-ahead: ``Python &`` and ``Python & Dj`` still find "Python & Django"). Every special
    character is escaped, so the text is never Lucene syntax. Returns None when ``text`` is
    blank."""
    typed = text.split()
    if not typed:
        return None
    words = [w for w in typed if _SEARCHABLE.search(w)]
    if not words:
        # Only punctuation: a query that finds nothing rather than an error (a user may be
        # typing "(" into a search box).
        last = _escape(typed[-1])
        return f"({last} OR {last}*)"
    *head, last = words
    parts = [_escape(w) for w in head]
    # The prefix is not analysed, so it leaves out punctuation around the word.
    parts.append(f"({_escape(last)} OR {_escape(_EDGES.sub('', last))}*)")
    return " AND ".join(parts)


def _escape(word: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", word)
    # Lucene's boolean keywords are only operators in upper case; lower-case them.
    return escaped.lower() if escaped in _BOOLEAN_WORDS else escaped
